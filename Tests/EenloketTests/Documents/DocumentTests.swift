import Crypto
import EenloketDomain
import EenloketHTTP
import Foundation
import HTTPTypes
import NIOCore
import Testing

/// A multipart/form-data body for a document upload.
struct DocumentForm {
    var file: [UInt8]
    var filename = "advies.pdf"
    var kind: String? = "physician_advice"
    var medical: String?
    var description: String?
    var declaredType = "application/pdf"
    /// Fields sent before the others (a web form's token comes first) and after the file.
    var leading: [(String, String)] = []
    var trailing: [(String, String)] = []
    let boundary = "eenloket-\(UUID().uuidString)"

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    var body: ByteBuffer {
        var buffer = ByteBuffer()
        func field(_ name: String, _ value: String) {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for (name, value) in leading { field(name, value) }
        if let kind { field("kind", kind) }
        if let medical { field("medical", medical) }
        if let description { field("description", description) }
        buffer.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: \(declaredType)\r\n\r\n")
        buffer.writeBytes(file)
        buffer.writeString("\r\n")
        for (name, value) in trailing { field(name, value) }
        buffer.writeString("--\(boundary)--\r\n")
        return buffer
    }

    static func pdf(_ size: Int = 1000, marker: String = "") -> [UInt8] {
        var bytes = Array("%PDF-1.7\n\(marker)\n".utf8)
        while bytes.count < size { bytes.append(UInt8(ascii: "a") + UInt8(bytes.count % 26)) }
        return Array(bytes.prefix(size))
    }

    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array("JFIF foto van een brief".utf8)
}

extension TestContext {
    func upload(_ caseId: String, _ form: DocumentForm, token: String?) async throws -> Reply {
        var headers: HTTPFields = [.contentType: form.contentType]
        if let token { headers[.authorization] = "Bearer \(token)" }
        let response = try await api.client.executeRequest(
            uri: "/api/v1/cases/\(caseId)/documents", method: .post, headers: headers, body: form.body)
        return Reply(response: response)
    }
}

@Suite("Documents: the case file")
struct DocumentTests {
    static func sha(_ bytes: [UInt8]) -> String { SHA256.hash(data: Data(bytes)).map { String(format: "%02x", $0) }.joined() }

    @Test func aPartyAddsADocumentAndBothPartiesDownloadIt() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            let bytes = DocumentForm.pdf(300_000)  // two chunks
            let added = try await t.upload(s.id, DocumentForm(file: bytes, description: "Advies van de bedrijfsarts"), token: s.employee)
            #expect(added.status == 201, "\(added.text)")
            #expect(added["sha256"].string == Self.sha(bytes) && added["size"].int == bytes.count)
            #expect(added["content_type"].string == "application/pdf" && added["uploaded_by"].string == "employee")
            #expect(added["medical"].bool == false && added["filename"].string == "advies.pdf")
            let docId = try #require(added["id"].string)
            let listed = try await t.api.get("/api/v1/cases/\(s.id)/documents", token: s.employer)
            #expect(listed["items"].array.map { $0["id"].string } == [docId])
            let download = try await t.api.get("/api/v1/cases/\(s.id)/documents/\(docId)", token: s.employer)
            #expect(download.status == 200)
            #expect(Array(download.response.body.readableBytesView) == bytes, "the bytes come back unchanged")
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"advies.pdf\"") == true)
            #expect(download.headers[.cacheControl] == "no-store")
            #expect(download.headers[.contentSecurityPolicy] == "sandbox; default-src 'none'; frame-ancestors 'none'", "a stored file never runs in the site's origin")
            #expect(download.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(download.headers[.contentLength] == String(bytes.count))
            #expect(try await t.eventTypes(s.id).contains("document_added"))
            let chunks = try await t.sql("SELECT count(*)::int FROM document_chunks")
            #expect(try chunks[0].decode(Int.self) == 2, "stored in chunks of 256 KiB")
        }
    }

    @Test func aMedicalDocumentReachesOnlyThoseWhoMaySeeMedicalData() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            let added = try await t.upload(
                s.id, DocumentForm(file: DocumentForm.jpeg, filename: "brief specialist.jpg", kind: "correspondence", medical: "true"),
                token: s.employee)
            #expect(added.status == 201 && added["medical"].bool == true && added["content_type"].string == "image/jpeg", "\(added.text)")
            let docId = try #require(added["id"].string)
            let path = "/api/v1/cases/\(s.id)/documents"
            #expect(try await t.api.get(path, token: s.employer)["items"].array.isEmpty, "the employer never sees it listed")
            for (who, token) in [("employer", s.employer), ("coordinator", try await t.staff(.coordinator).token)] {
                let history = try await t.api.get("/api/v1/cases/\(s.id)/events", token: token)
                #expect(history.status == 200 && !history.text.contains("document_added"), "\(who) does not learn a medical document arrived")
            }
            #expect(try await t.api.get("/api/v1/cases/\(s.id)/events", token: s.employee).text.contains("document_added"))
            expectProblem(try await t.api.get("\(path)/\(docId)", token: s.employer), 404)
            let coordinator = try await t.staff(.coordinator).token
            #expect(try await t.api.get(path, token: coordinator)["items"].array.isEmpty)
            expectProblem(try await t.api.get("\(path)/\(docId)", token: coordinator), 404)
            let inspector = try await t.staff(.inspector).token
            expectProblem(try await t.api.get(path, token: inspector), 403)
            let intake = try await t.staff(.intakeOfficer).token
            let read = try await t.api.get("\(path)/\(docId)", token: intake)
            #expect(read.status == 200 && Array(read.response.body.readableBytesView) == DocumentForm.jpeg)
            let logged = try await t.sql(
                "SELECT data->>'document_id' FROM case_events WHERE type = 'medical_data_viewed' AND case_id = \(UUID(uuidString: s.id)!)")
            #expect(try logged.map { try $0.decode(String?.self) }.contains(docId), "a staff download of a medical document is in the history")
            #expect(try await t.api.get("\(path)/\(docId)", token: s.chair.token).status == 200, "the panel's physician")
            // A plain query cannot read the medical content: row-level security.
            let plainChunks = try await t.sql("SELECT 1 FROM document_chunks")
            let plainRows = try await t.sql("SELECT 1 FROM documents")
            #expect(plainChunks.isEmpty && plainRows.isEmpty)
        }
    }

    @Test func theRulesOfAddingAreKept() async throws {
        try await withApp(configure: { $0.documentMaxBytes = 300_000 }) { t in
            let s = try await ObjectionTests.setup(t)
            func status(_ form: DocumentForm, _ token: String) async throws -> Reply { try await t.upload(s.id, form, token: token) }
            let employerMedical = try await status(DocumentForm(file: DocumentForm.pdf(), medical: "true"), s.employer)
            expectProblem(employerMedical, 422)
            #expect(employerMedical.text.contains("medical"))
            expectProblem(try await status(DocumentForm(file: DocumentForm.pdf(), kind: "treating_physician_info"), s.employer), 422)
            let disguised = try await status(DocumentForm(file: Array("Dit is geen PDF maar tekst.".utf8)), s.employee)
            expectProblem(disguised, 415)
            #expect(disguised.text.contains("PDF, PNG of JPEG"))
            let empty = try await status(DocumentForm(file: []), s.employee)
            expectProblem(empty, 422)
            #expect(empty["errors"][0]["field"].string == "file")
            expectProblem(try await status(DocumentForm(file: DocumentForm.pdf(), kind: nil), s.employee), 422)
            expectProblem(try await status(DocumentForm(file: DocumentForm.pdf(), kind: "recept"), s.employee), 422)
            #expect(try await status(DocumentForm(file: DocumentForm.pdf(300_000)), s.employee).status == 201, "exactly at the limit")
            expectProblem(try await status(DocumentForm(file: DocumentForm.pdf(300_001)), s.employee), 413)
            let json = try await t.api.post("/api/v1/cases/\(s.id)/documents", object: ["kind": "other"], token: s.employee)
            expectProblem(json, 415)
            expectProblem(try await status(DocumentForm(file: DocumentForm.pdf()), try await t.staff(.coordinator).token), 403)
            expectProblem(try await status(DocumentForm(file: DocumentForm.pdf()), try await t.staff(.inspector).token), 403)
            expectProblem(try await t.upload(s.id, DocumentForm(file: DocumentForm.pdf()), token: nil), 401)
            let stored = try await t.sql("SELECT count(*)::int FROM documents")
            #expect(try stored[0].decode(Int.self) == 1, "only the one at the limit was stored (the others left nothing)")
            #expect(try await t.sql("SELECT count(*)::int FROM document_chunks")[0].decode(Int.self) == 2)
            _ = try await t.api.post("/api/v1/cases/\(s.id)/withdraw", token: s.employee)
            expectProblem(try await status(DocumentForm(file: DocumentForm.pdf()), s.employee), 409)
        }
    }

    @Test func aBrokenOrCutOffBodyStoresNothing() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            let form = DocumentForm(file: DocumentForm.pdf(400_000))
            var cut = form.body
            cut = cut.getSlice(at: 0, length: 300_000)!  // the connection dropped half-way: no closing boundary
            var headers: HTTPFields = [.contentType: form.contentType, .authorization: "Bearer \(s.employee)"]
            let path = "/api/v1/cases/\(s.id)/documents"
            expectProblem(Reply(response: try await t.api.client.executeRequest(uri: path, method: .post, headers: headers, body: cut)), 400)
            let garbage = ByteBuffer(string: "geen multipart maar iets anders \u{0}\u{1}")
            let answer = Reply(response: try await t.api.client.executeRequest(uri: path, method: .post, headers: headers, body: garbage))
            #expect((400..<500).contains(answer.status), "\(answer.status)")
            headers[.contentType] = "multipart/form-data"
            expectProblem(Reply(response: try await t.api.client.executeRequest(uri: path, method: .post, headers: headers, body: form.body)), 415)
            let stored = try await t.deps.database.transaction { conn in
                try await conn.run("SELECT set_config('eenloket.medical_read', 'on', true)", logger: t.deps.database.logger)
                return try await conn.rows("SELECT (SELECT count(*) FROM documents)::int + (SELECT count(*) FROM document_chunks)::int",
                                           logger: t.deps.database.logger)[0].decode(Int.self)
            }
            #expect(stored == 0)
        }
    }

    @Test func uploadsToOneCaseRunSideBySide() async throws {
        // A pool of 16 lets 8 uploads stream at once (UploadSlots).
        try await withApp(configure: { $0.databasePoolSize = 16 }) { t in
            let s = try await ObjectionTests.setup(t)
            let files = (0..<6).map { DocumentForm.pdf(100_000 + $0, marker: "stuk \($0)") }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for (index, file) in files.enumerated() {
                    group.addTask { try await t.upload(s.id, DocumentForm(file: file), token: index % 2 == 0 ? s.employee : s.employer).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 201, count: 6))
            let listed = try await t.api.get("/api/v1/cases/\(s.id)/documents", token: s.employee)["items"].array
            #expect(Set(listed.compactMap { $0["sha256"].string }) == Set(files.map(Self.sha)))
        }
    }
}

/// Documents scanned by a real clamd (started by the harness) before anything is stored.
@Suite("Documents: scanned for malware")
struct DocumentScanTests {
    @Test func aFileWithTheEICARStringIsRefusedAndACleanOneStored() async throws {
        let clamd = try await TestClamd.shared.endpoint()
        try await withApp(configure: { $0.clamd = clamd }) { t in
            let s = try await ObjectionTests.setup(t)
            var infected = Array("%PDF-1.4\n% brief van de specialist\n".utf8) + Array(TestClamd.eicar.utf8)
            infected += DocumentForm.pdf(300_000).dropFirst(9)  // the finding sits in the first chunk of a larger file
            let refused = try await t.upload(s.id, DocumentForm(file: infected), token: s.employee)
            expectProblem(refused, 422)
            #expect(refused["errors"][0]["field"].string == "file" && refused.text.contains("virus"), "\(refused.text)")
            let bare = try await t.upload(s.id, DocumentForm(file: Array(TestClamd.eicar.utf8)), token: s.employee)
            expectProblem(bare, 422)
            #expect(bare["errors"][0]["field"].string == "file", "a finding is told before the type: \(bare.text)")
            let clean = try await t.upload(s.id, DocumentForm(file: DocumentForm.pdf(600_000)), token: s.employee)
            #expect(clean.status == 201, "\(clean.text)")
            let stored = try await t.sql("SELECT count(*)::int FROM documents")
            #expect(try stored[0].decode(Int.self) == 1, "only the clean file is stored")
        }
    }

    @Test func aScannerThatCannotBeReachedRefusesTheUpload() async throws {
        try await withApp(configure: { $0.clamd = .unix(NSTemporaryDirectory() + "geen-clamd-\(UUID().uuidString).sock") }) { t in
            let s = try await ObjectionTests.setup(t)
            let refused = try await t.upload(s.id, DocumentForm(file: DocumentForm.pdf()), token: s.employee)
            expectProblem(refused, 503)
            #expect(try await t.sql("SELECT count(*)::int FROM documents")[0].decode(Int.self) == 0)
        }
    }
}
