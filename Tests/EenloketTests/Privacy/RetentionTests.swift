import EenloketDomain
import EenloketStore
import Foundation
import Testing

@Suite("Retention: personal data goes, rulings stay")
struct RetentionTests {
    let day: TimeInterval = 86_400

    /// A ruled case with medical text everywhere it can be, the employer invited by letter.
    func ruledCase(_ t: TestContext, tag: String) async throws -> (id: UUID, token: String) {
        let chair = try await t.member(.bedrijfsarts)
        let c = try await t.file([
            "filer": ["name": "Naam-\(tag)", "email": "mail-\(tag)@example.nl"],
            "employee": ["name": "Naam-\(tag)", "address": ["street": "Straat-\(tag) 1", "postal_code": "3512 AB", "city": "Utrecht"]],
            "medical_information": "MED-INFO-\(tag)", "question": "Vraag met persoonsgegevens VRAAG-\(tag) erin.",
            "employer": [
                "name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "werkgever-\(tag)@example.nl",
                "address": ["street": "Werkgeverstraat-\(tag) 2", "postal_code": "1011 AA", "city": "Amsterdam"],
            ],
        ])
        try await t.accept(c.id, disciplines: [.bedrijfsarts])
        #expect(try await t.api.post("/api/v1/cases/\(c.id)/statements", object: ["text": "REACTIE-\(tag)", "medical": true], token: c.token).status == 201)
        #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(medical: "MED-OORDEEL-\(tag)"), token: chair.token).status == 201)
        return (UUID(uuidString: c.id)!, c.token)
    }

    /// Every text of the case, read as the table owner would (row-level security lifted for medical text).
    func everything(_ t: TestContext, _ id: UUID) async throws -> String {
        let rows = try await t.deps.database.transaction { conn in
            try await conn.run("SELECT set_config('eenloket.medical_read', 'on', true)", logger: t.deps.database.logger)
            return try await conn.rows(
                """
                SELECT concat_ws(' | ', c.employee_name, c.question, c.physician_name, c.triage_motivation, c.employee_email, c.employer_email,
                       c.employee_address::text, c.employer_address::text,
                       (SELECT string_agg(concat_ws(' ', name, email, address::text), ' ') FROM case_parties WHERE case_id = c.id),
                       (SELECT medical_information FROM case_medical WHERE case_id = c.id),
                       (SELECT medical_considerations FROM ruling_medical WHERE case_id = c.id),
                       (SELECT string_agg(text, ' ') FROM case_statements WHERE case_id = c.id),
                       (SELECT string_agg(body || recipient_email, ' ') FROM notifications WHERE case_id = c.id))
                  FROM cases c WHERE c.id = \(id)
                """, logger: t.deps.database.logger)
        }
        return try rows[0].decode(String.self)
    }

    @Test func aCaseIsPurgedOnlyAfterItsPeriodAndKeepsItsRuling() async throws {
        try await withApp(configure: { $0.retentionDays = 730; $0.medicalRetentionDays = 1095 }) { t in
            let old = try await ruledCase(t, tag: "OUD")
            t.clock.advance(by: 400 * day)
            let recent = try await ruledCase(t, tag: "NIEUW")
            let digestBefore = try await t.view(old.id.uuidString.lowercased(), token: old.token)["ruling"]["digest"].string

            t.clock.advance(by: 329 * day)
            #expect(try await t.deps.purgeExpiredPersonalData() == 0, "purged a day too early")
            t.clock.advance(by: 2 * day)
            let due = try await t.deps.retention.candidates(closedBefore: t.clock.now().addingTimeInterval(-730 * day))
            #expect(due.map(\.caseId) == [old.id], "the dry run lists the wrong cases")
            #expect(try await everything(t, old.id).contains("MED-INFO-OUD"), "the dry run changed something")

            #expect(try await t.deps.purgeExpiredPersonalData() == 1)
            let left = try await everything(t, old.id)
            for marker in ["Naam-OUD", "mail-OUD", "werkgever-OUD", "VRAAG-OUD", "J. Bakker", "Straat-OUD", "Werkgeverstraat-OUD"] {
                #expect(!left.contains(marker), "\(marker) survived the purge: \(left)")
            }
            // The medical file has a period of its own (here 3 years).
            for marker in ["MED-INFO-OUD", "MED-OORDEEL-OUD", "REACTIE-OUD"] {
                #expect(left.contains(marker), "\(marker) went with the personal data: \(left)")
            }
            let kept = try await everything(t, recent.id)
            #expect(kept.contains("MED-INFO-NIEUW") && kept.contains("Straat-NIEUW") && kept.contains("Werkgeverstraat-NIEUW"), "a case inside its period was purged")

            // The ruling stays, readable through the old link, with its digest, and the chain still verifies.
            let view = try await t.view(old.id.uuidString.lowercased(), token: old.token)
            #expect(view["ruling"]["decision"].string?.isEmpty == false)
            #expect(view["ruling"]["digest"].string == digestBefore)
            let report = try await RulingVerifier(db: t.deps.database).verify()
            #expect(report.firstBreak == nil && report.purged == 0 && report.checked == 2, "the medical text is still there: \(report)")
            // One history event, and a second run finds nothing more to do.
            let events = try await t.sql("SELECT count(*) FROM case_events WHERE case_id = \(old.id) AND type = 'personal_data_purged'")
            #expect(try events[0].decode(Int.self) == 1)
            #expect(try await t.deps.purgeExpiredPersonalData() == 0)

            // A day before its third year the medical file stays; then it goes, and only it.
            t.clock.advance(by: 363 * day)
            #expect(try await t.deps.retention.candidates(.medical, closedBefore: t.clock.now().addingTimeInterval(-1095 * day)).isEmpty)
            #expect(try await t.deps.purgeExpiredPersonalData() == 0)
            t.clock.advance(by: 2 * day)
            let medicalDue = try await t.deps.retention.candidates(.medical, closedBefore: t.clock.now().addingTimeInterval(-1095 * day))
            #expect(medicalDue.map(\.caseId) == [old.id])
            #expect(try await t.deps.purgeExpiredPersonalData() == 1)
            let gone = try await everything(t, old.id)
            for marker in ["MED-INFO-OUD", "MED-OORDEEL-OUD", "REACTIE-OUD"] {
                #expect(!gone.contains(marker), "\(marker) survived the medical purge: \(gone)")
            }
            #expect(try await everything(t, recent.id).contains("MED-INFO-NIEUW"))
            let verified = try await RulingVerifier(db: t.deps.database).verify()
            #expect(verified.firstBreak == nil && verified.purged == 1, "\(verified)")
            let medicalEvents = try await t.sql("SELECT count(*) FROM case_events WHERE case_id = \(old.id) AND type = 'medical_file_purged'")
            #expect(try medicalEvents[0].decode(Int.self) == 1)
            // The employer's history does not show that a medical file existed.
            #expect(try await t.sql("SELECT 1 FROM case_events WHERE type = 'medical_file_purged' AND data::text LIKE '%MED-%'").isEmpty)
        }
    }

    @Test func anAppealRestartsThePeriod() async throws {
        try await withApp { t in
            let c = try await ruledCase(t, tag: "BEROEP")
            t.clock.advance(by: 700 * day)
            let appeal = try await t.api.post(
                "/api/v1/cases/\(c.id.uuidString.lowercased())/appeal", object: ["court": "Rechtbank Amsterdam", "lodged_on": AmsterdamTime.date(of: t.clock.now()).description],
                token: c.token)
            #expect(appeal.status == 201, "\(appeal.text)")
            t.clock.advance(by: 100 * day)
            #expect(try await t.deps.purgeExpiredPersonalData() == 0, "purged while the appeal's period runs")
            t.clock.advance(by: 640 * day)
            #expect(try await t.deps.purgeExpiredPersonalData() == 1)
            #expect(try await t.deps.retention.candidates(.medical, closedBefore: t.clock.now().addingTimeInterval(-7305 * day)).isEmpty,
                "the medical file keeps its own, longer default period")
        }
    }

    @Test func openCasesAreNeverPurged() async throws {
        try await withApp { t in
            let c = try await t.file()
            t.clock.advance(by: 3000 * day)
            #expect(try await t.deps.purgeExpiredPersonalData() == 0)
            #expect(try await everything(t, UUID(uuidString: c.id)!).contains("burn-out"))
        }
    }

    @Test func withoutThePurgeMedicalTextCannotBeDeletedOrStatementsRewritten() async throws {
        try await withApp { t in
            let c = try await ruledCase(t, tag: "BEWAAKT")
            // Row-level security hides the rows from anything but the purge: these statements change nothing.
            try await t.sql("DELETE FROM case_medical WHERE case_id = \(c.id)")
            try await t.sql("DELETE FROM ruling_medical WHERE case_id = \(c.id)")
            try await t.sql("UPDATE case_statements SET text = 'x' WHERE case_id = \(c.id)")
            let left = try await everything(t, c.id)
            #expect(left.contains("MED-INFO-BEWAAKT") && left.contains("REACTIE-BEWAAKT"), "\(left)")
            // Even with the purge's switch on, the triggers allow nothing but its own changes.
            await expectSQLState("42501") {
                try await t.deps.database.client.withTransaction(logger: testLogger) { conn in
                    try await conn.run("SELECT set_config('eenloket.retention', 'on', true)", logger: t.deps.database.logger)
                    try await conn.run("UPDATE case_statements SET medical = false WHERE case_id = \(c.id)", logger: t.deps.database.logger)
                }
            }
            #expect(try await everything(t, c.id).contains("MED-OORDEEL-BEWAAKT"))
        }
    }
}
