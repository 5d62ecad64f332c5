import EenloketDomain
import Foundation
import HTTPTypes
import Testing

/// The case file and the consents on the pages: uploads from a plain form,
/// streamed like the API's; downloads; who sees what.
@Suite("Web: the case file and consent")
struct CaseFilePageTests {
    static func csrf(_ page: Reply) throws -> String {
        try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/).map { String($0.1) })
    }

    /// Posts a document form with a page cookie (party or staff), the token first as a browser sends it.
    static func post(_ t: TestContext, _ path: String, _ form: DocumentForm, cookie: String) async throws -> Reply {
        let response = try await t.api.client.executeRequest(
            uri: path, method: .post, headers: [.contentType: form.contentType, .cookie: cookie], body: form.body)
        return Reply(response: response)
    }

    @Test func theEmployeeAddsAMedicalLetterFromHerPageAndTheEmployerNeverSeesIt() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            let employee = try await t.openLink(s.employee)
            let page = try await t.partyPage("/zaak", cookie: employee)
            #expect(page.text.contains("enctype=\"multipart/form-data\"") && page.text.contains("action=\"/zaak/stukken\""))
            let bytes = DocumentForm.jpeg
            let form = DocumentForm(
                file: bytes, filename: "brief-specialist.jpg", kind: "correspondence", medical: "true", declaredType: "image/jpeg",
                leading: [("csrf", try Self.csrf(page))])
            let posted = try await Self.post(t, "/zaak/stukken", form, cookie: employee)
            #expect(posted.status == 303 && posted.headers[.location] == "/zaak?bericht=stuk#stukken", "\(posted.status) \(posted.text.prefix(300))")

            let after = try await t.partyPage("/zaak?bericht=stuk", cookie: employee)
            #expect(after.text.contains("Het stuk is toegevoegd aan het dossier."))
            let href = try #require(after.text.firstMatch(of: /href="(\/zaak\/stukken\/[0-9a-f-]+)">brief-specialist\.jpg</).map { String($0.1) })
            #expect(after.text.contains("Brief of e-mail") && after.text.contains("medisch"))
            let download = try await t.partyPage(href, cookie: employee)
            #expect(download.status == 200 && Array(download.response.body.readableBytesView) == bytes)
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(download.headers[.contentSecurityPolicy] == "sandbox; default-src 'none'; frame-ancestors 'none'", "a stored file never runs in the site's origin")
            #expect(download.headers[.cacheControl] == "no-store")

            let employer = try await t.openLink(s.employer)
            let employerPage = try await t.partyPage("/zaak", cookie: employer)
            #expect(employerPage.status == 200 && !employerPage.text.contains("brief-specialist"), "not in the employer's list")
            #expect(!employerPage.text.contains("id=\"veld-stukken-medical\""), "the employer cannot mark a document medical")
            #expect(!employerPage.text.contains("value=\"treating_physician_info\""))
            #expect(try await t.partyPage(href, cookie: employer).status == 404, "nor by guessing its address")
            #expect(try await t.partyPage("/zaak/gegevens", cookie: employer).text.contains("brief-specialist") == false)
        }
    }

    @Test func aFormWithoutItsTokenBeforeTheFileStoresNothing() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            let employee = try await t.openLink(s.employee)
            let csrf = try Self.csrf(try await t.partyPage("/zaak", cookie: employee))
            let none = try await Self.post(t, "/zaak/stukken", DocumentForm(file: DocumentForm.pdf()), cookie: employee)
            #expect(none.status == 403)
            let wrong = try await Self.post(t, "/zaak/stukken", DocumentForm(file: DocumentForm.pdf(), leading: [("csrf", String(repeating: "0", count: csrf.count))]), cookie: employee)
            #expect(wrong.status == 403)
            // A token after the file comes too late: the file's bytes are not kept without it.
            let late = try await Self.post(t, "/zaak/stukken", DocumentForm(file: DocumentForm.pdf(), trailing: [("csrf", csrf)]), cookie: employee)
            #expect(late.status == 403)
            #expect(try await t.api.get("/api/v1/cases/\(s.id)/documents", token: s.employee)["items"].array.isEmpty)
        }
    }

    @Test func aRefusedFileIsShownInTheFormsErrorSummary() async throws {
        let clamd = try await TestClamd.shared.endpoint()
        try await withApp(configure: { $0.clamd = clamd; $0.documentMaxBytes = 200_000 }) { t in
            let s = try await ObjectionTests.setup(t)
            let employee = try await t.openLink(s.employee)
            let csrf = try Self.csrf(try await t.partyPage("/zaak", cookie: employee))
            let infected = Array("%PDF-1.4\n".utf8) + Array(TestClamd.eicar.utf8)
            let cases: [(DocumentForm, Int, String)] = [
                (DocumentForm(file: infected, leading: [("csrf", csrf)]), 422, "virus"),
                (DocumentForm(file: Array("<html><script>alert(1)</script>".utf8), filename: "brief.pdf", leading: [("csrf", csrf)]), 415, "PDF, PNG of JPEG"),
                (DocumentForm(file: DocumentForm.pdf(200_001), leading: [("csrf", csrf)]), 413, "groter dan"),
                (DocumentForm(file: [], filename: "", leading: [("csrf", csrf)]), 422, "geen bestand gekozen"),
            ]
            for (form, status, words) in cases {
                let refused = try await Self.post(t, "/zaak/stukken", form, cookie: employee)
                #expect(refused.status == status, "\(words): \(refused.status)")
                #expect(refused.text.contains("Het stuk is niet toegevoegd") && refused.text.contains(words), "\(words)")
                #expect(refused.text.contains("href=\"#veld-stukken-file\"") && refused.text.contains("aria-invalid=\"true\""))
                #expect(refused.headers[.contentType]?.hasPrefix("text/html") == true)
            }
            #expect(try await t.api.get("/api/v1/cases/\(s.id)/documents", token: s.employee)["items"].array.isEmpty, "nothing stored")
        }
    }

    @Test func staffAddAndDownloadFromTheCasePageAndSeeTheConsents() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            let chair = "eenloket_sessie=\(s.chair.token)"
            let path = "/medewerkers/zaken/\(s.id)"
            let page = try await t.api.request(.get, path, headers: [.cookie: chair])
            #expect(page.status == 200 && page.text.contains("action=\"\(path)/stukken\""))
            #expect(page.text.contains("Toestemming van de werknemer") && page.text.contains("Niet gegeven."))
            #expect(!page.text.contains("value=\"treating_physician_info\""), "without consent the form does not offer it")
            let form = DocumentForm(
                file: DocumentForm.pdf(), filename: "verslag-onderzoek.pdf", kind: "other", medical: "true", leading: [("csrf", try Self.csrf(page))])
            let posted = try await Self.post(t, "\(path)/stukken", form, cookie: chair)
            #expect(posted.status == 303 && posted.headers[.location] == "\(path)?bericht=stuk#stukken", "\(posted.text.prefix(300))")
            let after = try await t.api.request(.get, path, headers: [.cookie: chair])
            let href = try #require(after.text.firstMatch(of: /href="(\/medewerkers\/zaken\/[0-9a-f-]+\/stukken\/[0-9a-f-]+)">verslag-onderzoek\.pdf</).map { String($0.1) })
            let download = try await t.api.request(.get, href, headers: [.cookie: chair])
            #expect(download.status == 200 && download.headers[.contentSecurityPolicy] == "sandbox; default-src 'none'; frame-ancestors 'none'")
            let viewed = try await t.sql("SELECT count(*)::int FROM case_events WHERE type = 'medical_data_viewed' AND data ? 'document_id'")
            #expect(try viewed[0].decode(Int.self) == 1, "the staff download of a medical document is in the history")

            let coordinator = "eenloket_sessie=\(try await t.staff(.coordinator).token)"
            let coordinatorPage = try await t.api.request(.get, path, headers: [.cookie: coordinator])
            #expect(coordinatorPage.status == 200 && !coordinatorPage.text.contains("verslag-onderzoek"), "a coordinator never sees it")
            #expect(!coordinatorPage.text.contains("Toestemming van de werknemer"), "nor the consents")
            #expect(!coordinatorPage.text.contains("action=\"\(path)/stukken\""), "nor adds documents")
            #expect(try await t.api.request(.get, href, headers: [.cookie: coordinator]).status == 404)

            // The employee consents on her page; the chair's form then offers information from treating physicians.
            let employee = try await t.openLink(s.employee)
            let csrf = try Self.csrf(try await t.partyPage("/zaak", cookie: employee))
            let consent = try await t.api.request(
                .post, "/zaak/toestemming", json: "csrf=\(csrf)&shown_treating_physician=false&treating_physician=true", headers: [.cookie: employee],
                contentType: "application/x-www-form-urlencoded")
            #expect(consent.status == 303 && consent.headers[.location] == "/zaak?bericht=toestemming#toestemming")
            let mine = try await t.partyPage("/zaak", cookie: employee)
            #expect(mine.text.contains("Gegeven op") && mine.text.contains("id=\"veld-toestemming-treating-physician\" name=\"treating_physician\" value=\"true\" aria-describedby=\"toestemming-arts-stand\" checked"))
            #expect(try await t.api.request(.get, path, headers: [.cookie: chair]).text.contains("value=\"treating_physician_info\""))
            // An arbeidsdeskundige on the panel may add documents but not see the consents: the form never tells.
            let expert = try await t.member(.arbeidsdeskundige)
            #expect(try await t.api.post(
                "/api/v1/cases/\(s.id)/panel",
                object: ["action": "add_discipline", "discipline": "arbeidsdeskundige", "motivation": "Een arbeidsdeskundige is nodig."],
                token: try await t.staff(.coordinator).token).status == 200)
            let expertPage = try await t.api.request(.get, path, headers: [.cookie: "eenloket_sessie=\(expert.token)"])
            #expect(expertPage.status == 200 && expertPage.text.contains("action=\"\(path)/stukken\""), "\(expertPage.status)")
            #expect(!expertPage.text.contains("value=\"treating_physician_info\"") && !expertPage.text.contains("Toestemming van de werknemer"))
            // A page left open from before (both shown unticked) does not undo the later choice it never showed...
            _ = try await t.api.request(
                .post, "/zaak/toestemming", json: "csrf=\(csrf)&shown_treating_physician=false&shown_share_with_own_physician=false&share_with_own_physician=true",
                headers: [.cookie: employee], contentType: "application/x-www-form-urlencoded")
            let both = try await t.view(s.id, token: s.employee)["consents"]
            #expect(both["treating_physician"]["given"].bool == true && both["share_with_own_physician"]["given"].bool == true)
            // ...and unticking a box that was shown ticked withdraws that consent.
            _ = try await t.api.request(
                .post, "/zaak/toestemming", json: "csrf=\(csrf)&shown_treating_physician=true&shown_share_with_own_physician=true&share_with_own_physician=true",
                headers: [.cookie: employee], contentType: "application/x-www-form-urlencoded")
            #expect(try await t.view(s.id, token: s.employee)["consents"]["treating_physician"]["given"].bool == false)

            let employer = try await t.openLink(s.employer)
            let employerPage = try await t.partyPage("/zaak", cookie: employer)
            #expect(!employerPage.text.contains("action=\"/zaak/toestemming\"") && !employerPage.text.contains("Uw toestemming"))
            let employerCsrf = try Self.csrf(employerPage)
            let refused = try await t.api.request(
                .post, "/zaak/toestemming", json: "csrf=\(employerCsrf)&treating_physician=true", headers: [.cookie: employer],
                contentType: "application/x-www-form-urlencoded")
            #expect(refused.status == 403)
        }
    }

    @Test func theExportListsTheDocumentsThePartyMaySeeWithTheirDownloads() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            let plan = try await t.upload(s.id, DocumentForm(file: DocumentForm.pdf(), filename: "plan-van-aanpak.pdf", kind: "action_plan"), token: s.employer)
            t.clock.advance(by: 60)
            let letter = try await t.upload(s.id, DocumentForm(file: DocumentForm.pdf(), filename: "brief-neuroloog.pdf", kind: "treating_physician_info"), token: s.employee)
            #expect(plan.status == 201 && letter.status == 201)
            let mine = try await t.api.get("/api/v1/cases/\(s.id)/export", token: s.employee)
            #expect(mine["documents"].array.map { $0["filename"].string } == ["plan-van-aanpak.pdf", "brief-neuroloog.pdf"])
            let download = try #require(mine["documents"][1]["download"].string)
            #expect(try await t.api.get(download, token: s.employee).status == 200)
            let theirs = try await t.api.get("/api/v1/cases/\(s.id)/export", token: s.employer)
            #expect(theirs["documents"].array.map { $0["filename"].string } == ["plan-van-aanpak.pdf"], "the medical letter is not the employer's")
            let page = try await t.partyPage("/zaak/gegevens", cookie: try await t.openLink(s.employee))
            #expect(page.text.contains(">plan-van-aanpak.pdf</a>") && page.text.contains(">brief-neuroloog.pdf</a>"))
        }
    }
}
