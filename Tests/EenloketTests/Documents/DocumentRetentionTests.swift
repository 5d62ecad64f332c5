import EenloketDomain
import EenloketStore
import Foundation
import Testing

/// The retention purge removes a document's content and file name with the
/// case's other personal data, keeps what the contract names, and the ruling
/// chain still verifies.
@Suite("Documents: retention")
struct DocumentRetentionTests {
    @Test func thePurgeRemovesContentAndNameAndKeepsKindSizeDigestAndTime() async throws {
        try await withApp(configure: { $0.retentionDays = 730; $0.medicalRetentionDays = 730; $0.sessionLifetime = 30 * 24 * 3600 }) { t in
            let s = try await ObjectionTests.setup(t)
            let id = UUID(uuidString: s.id)!
            let bytes = DocumentForm.pdf(300_000, marker: "INHOUD-VAN-HET-STUK")
            let added = try await t.upload(
                s.id, DocumentForm(file: bytes, filename: "NAAM-brief-neuroloog.pdf", kind: "treating_physician_info", description: "OMSCHRIJVING-hier"),
                token: s.employee)
            let docId = try #require(added["id"].string)
            #expect(try await t.api.post("/api/v1/cases/\(s.id)/ruling", object: t.rulingBody(), token: s.chair.token).status == 201)

            t.clock.advance(by: 731 * 86_400)
            // The same period for both kinds here: the personal data and the medical file go in one run.
            #expect(try await t.deps.purgeExpiredPersonalData() == 2)
            let rows = try await t.deps.database.transaction { conn in
                try await conn.run("SELECT set_config('eenloket.retention', 'on', true)", logger: t.deps.database.logger)
                return try await conn.rows(
                    """
                    SELECT kind, filename, description, size, sha256, uploaded_at, purged_at IS NOT NULL,
                           (SELECT count(*)::int FROM document_chunks WHERE document_id = d.id)
                      FROM documents d WHERE case_id = \(id)
                    """, logger: t.deps.database.logger)
            }
            let (kind, filename, description, size, sha, uploadedAt, purged, chunks) = try rows[0].decode(
                (String, String, String?, Int64, String, Date, Bool, Int).self)
            #expect(kind == "treating_physician_info" && size == Int64(bytes.count) && sha == DocumentTests.sha(bytes))
            #expect(Timestamp.format(uploadedAt) == added["uploaded_at"].string, "the time it was added stays")
            #expect(purged && chunks == 0, "the content is gone")
            #expect(filename == "verwijderd" && description == nil, "the name and description are gone")
            let dump = try await t.sql("SELECT string_agg(encode(bytes, 'escape'), '') FROM document_chunks")
            #expect((try dump[0].decode(String?.self) ?? "").contains("INHOUD-VAN-HET-STUK") == false)
            let intake = try await t.staff(.intakeOfficer).token
            expectProblem(try await t.api.get("/api/v1/cases/\(s.id)/documents/\(docId)", token: intake), 404)
            let listed = try await t.api.get("/api/v1/cases/\(s.id)/documents", token: intake)
            #expect(listed["items"][0]["filename"].string == "verwijderd" && listed["items"][0]["sha256"].string == sha)
            let report = try await RulingVerifier(db: t.deps.database).verify()
            #expect(report.firstBreak == nil && report.purged == 1, "\(report)")
        }
    }
}
