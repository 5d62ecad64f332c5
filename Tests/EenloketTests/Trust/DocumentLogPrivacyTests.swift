import EenloketDomain
import EenloketHTTP
import Foundation
import HTTPTypes
import Logging
import Testing

/// Documents leave no trace in the logs: not their content, not the name of
/// a medical one, not what the scanner found in a medical one; also when an
/// upload is refused, from the API and from the pages.
@Suite("Trust: no document content or medical file names in the logs")
struct DocumentLogPrivacyTests {
    @Test func uploadsDownloadsAndRefusalsLogNoContentNamesOrFindings() async throws {
        let clamd = try await TestClamd.shared.endpoint()
        let capture = TrustLogCapture()
        let run = UUID().uuidString.prefix(8)
        let content = "LOGPRIV-INHOUD-\(run)"
        let medicalName = "LOGPRIV-NAAM-MEDISCH-\(run).pdf"
        let infectedName = "LOGPRIV-NAAM-VIRUS-\(run).pdf"
        let pageName = "LOGPRIV-NAAM-PAGINA-\(run).jpg"
        let description = "LOGPRIV-OMSCHRIJVING-\(run)"
        let secrets = [
            LogSecret(name: "document content", value: content, pieces: false),
            LogSecret(name: "the name of a medical document", value: medicalName, pieces: false),
            LogSecret(name: "the name of a refused medical document", value: infectedName, pieces: false),
            LogSecret(name: "the name of a medical document added on a page", value: pageName, pieces: false),
            LogSecret(name: "a document's description", value: description, pieces: false),
            LogSecret(name: "the scanner's finding", value: "Eicar-Test-Signature", pieces: false),
            LogSecret(name: "the EICAR string", value: "EICAR-STANDARD-ANTIVIRUS", pieces: false),
        ]
        try await withTrustApp(logger: capture.logger(), configure: { $0.clamd = clamd }) { t in
            let s = try await ObjectionTests.setup(t)
            let pdf = DocumentForm.pdf(300_000, marker: content)
            let medical = try await t.upload(
                s.id, DocumentForm(file: pdf, filename: medicalName, kind: "other", medical: "true", description: description), token: s.employee)
            #expect(medical.status == 201, "\(medical.text)")
            let plain = try await t.upload(s.id, DocumentForm(file: pdf, filename: "functie.pdf", kind: "job_description"), token: s.employer)
            #expect(plain.status == 201)
            let infected = Array("%PDF-1.4\n\(content)\n".utf8) + Array(TestClamd.eicar.utf8)
            expectProblem(try await t.upload(s.id, DocumentForm(file: infected, filename: infectedName, medical: "true"), token: s.employee), 422)
            expectProblem(try await t.upload(s.id, DocumentForm(file: Array("<svg>\(content)</svg>".utf8), filename: medicalName, medical: "true"), token: s.employee), 415)
            let docId = try #require(medical["id"].string)
            #expect(try await t.api.get("/api/v1/cases/\(s.id)/documents/\(docId)", token: s.chair.token).status == 200, "a staff download")
            #expect(try await t.api.get("/api/v1/cases/\(s.id)/documents", token: s.employee).status == 200)
            expectProblem(try await t.api.get("/api/v1/cases/\(s.id)/documents/\(docId)", token: s.employer), 404)
            // The employee's page: an upload with its form token, and the export with the list.
            let cookie = try await t.openLink(s.employee)
            let page = try await t.partyPage("/zaak", cookie: cookie)
            let csrf = try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/).map { String($0.1) })
            let form = DocumentForm(
                file: DocumentForm.jpeg + Array(content.utf8), filename: pageName, kind: "correspondence", medical: "true",
                declaredType: "image/jpeg", leading: [("csrf", csrf)])
            let posted = Reply(response: try await t.api.client.executeRequest(
                uri: "/zaak/stukken", method: .post, headers: [.contentType: form.contentType, .cookie: cookie], body: form.body))
            #expect(posted.status == 303, "\(posted.text.prefix(300))")
            #expect(try await t.partyPage("/zaak/gegevens", cookie: cookie).status == 200)
            #expect(try await t.api.get("/api/v1/cases/\(s.id)/export", token: s.employee).status == 200)
        }
        let lines = capture.lines
        #expect(lines.contains { $0.message == "document added" }, "the uploads were logged at all")
        for leak in LogScanner.leaks(in: lines, of: secrets) {
            Issue.record("log line #\(leak.line) leaks \(leak.secret): \(leak.text.prefix(600))")
        }
    }
}
