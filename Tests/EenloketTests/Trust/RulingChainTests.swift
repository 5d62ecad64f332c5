import EenloketDomain
import EenloketStore
import Foundation
import PostgresNIO
import Testing

@Suite("Tamper-evident rulings")
struct RulingChainTests {
    /// Three ruled cases on one database; returns their ids in ruling order.
    func threeRulings(_ t: TestContext) async throws -> [String] {
        let chair = try await t.member(.bedrijfsarts, maxOpenCases: 10)
        var ids: [String] = []
        for _ in 0..<3 {
            let c = try await t.file()
            try await t.accept(c.id, disciplines: [.bedrijfsarts])
            let ruling = try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token)
            #expect(ruling.status == 201)
            #expect(ruling["signature"]["algorithm"].string == "Ed25519")
            #expect(ruling["chain_digest"].string?.count == 64)
            ids.append(c.id)
        }
        return ids
    }

    @Test func rulingsAreChainedAndSignedWithThePublishedKey() async throws {
        try await withApp { t in
            let ids = try await threeRulings(t)
            let keys = try await t.api.get("/api/v1/keys")
            #expect(keys.status == 200)
            let key = try #require(keys["keys"][0]["public_key"].string)
            #expect(keys["current_key_id"].string == keys["keys"][0]["key_id"].string)
            var previous: String?
            for id in ids {
                let ruling = try await t.api.get("/api/v1/cases/\(id)", token: try await t.staff(.intakeOfficer).token)["ruling"]
                let digest = try #require(ruling["digest"].string)
                let chain = try #require(ruling["chain_digest"].string)
                // Anyone can recompute the link and check the signature with the published key.
                #expect(chain == RulingChain.link(previous: previous, digest: digest))
                #expect(RulingChain.verify(chain, signature: ruling["signature"]["value"].string ?? "", publicKey: Data(base64Encoded: key)!))
                previous = chain
            }
            let report = try await RulingVerifier(db: t.deps.database).verify()
            #expect(report == RulingVerifier.Report(checked: 3, purged: 0, firstBreak: nil))
        }
    }

    @Test func anAlteredRulingIsFound() async throws {
        let database = try await TestDatabase.shared.freshDatabase()
        try await withApp(database: database) { t in
            let ids = try await threeRulings(t)
            try await TestDatabase.shared.asSuperuser(database.database!, [
                "ALTER TABLE rulings DISABLE TRIGGER USER",
                "UPDATE rulings SET decision = 'Werknemer is volledig arbeidsongeschikt, achteraf.' WHERE case_id = '\(ids[1])'",
                "ALTER TABLE rulings ENABLE TRIGGER USER",
            ])
            let report = try await RulingVerifier(db: t.deps.database).verify()
            #expect(report.checked == 1)
            #expect(report.firstBreak?.contains(ids[1]) == true && report.firstBreak?.contains("altered") == true, "\(report)")
        }
    }

    @Test func aRulingAlteredWithANewDigestAndChainStillLacksTheSignature() async throws {
        let database = try await TestDatabase.shared.freshDatabase()
        try await withApp(database: database) { t in
            let ids = try await threeRulings(t)
            let rows = try await t.sql(
                "SELECT outcome, motivation, decided_at, panel, previous_chain_digest FROM rulings WHERE case_id = \(UUID(uuidString: ids[2])!)")
            let (outcome, motivation, decidedAt, panel, previous) = try rows[0].decode((RulingOutcome, String, Date, [UUID], String?).self)
            let forged = "Werknemer is volledig arbeidsongeschikt, achteraf vastgesteld."
            let medical = try await t.sql(
                "SELECT medical_considerations_for(\(UUID(uuidString: ids[2])!), 'staff', 'intake_officer', NULL, NULL)")
            let digest = RulingDigest.compute(
                caseId: UUID(uuidString: ids[2])!, outcome: outcome, decision: forged, motivation: motivation,
                medicalConsiderations: try medical[0].decode(String?.self), decidedAt: Timestamp.format(decidedAt), panel: panel)
            let chain = RulingChain.link(previous: previous, digest: digest)
            try await TestDatabase.shared.asSuperuser(database.database!, [
                "ALTER TABLE rulings DISABLE TRIGGER USER",
                "UPDATE rulings SET decision = '\(forged)', digest = '\(digest)', chain_digest = '\(chain)' WHERE case_id = '\(ids[2])'",
                "ALTER TABLE rulings ENABLE TRIGGER USER",
            ])
            let report = try await RulingVerifier(db: t.deps.database).verify()
            #expect(report.checked == 2)
            #expect(report.firstBreak?.contains("signature") == true, "\(report)")
        }
    }

    @Test func aRemovedRulingBreaksTheChainAndTheCommandSaysSo() async throws {
        let database = try await TestDatabase.shared.freshDatabase()
        try await withApp(database: database) { t in
            let ids = try await threeRulings(t)
            try await TestDatabase.shared.asSuperuser(database.database!, [
                "ALTER TABLE rulings DISABLE TRIGGER USER", "ALTER TABLE ruling_medical DISABLE TRIGGER USER",
                "DELETE FROM follow_ups WHERE case_id = '\(ids[1])'", "DELETE FROM ruling_medical WHERE case_id = '\(ids[1])'",
                "DELETE FROM rulings WHERE case_id = '\(ids[1])'",
                "ALTER TABLE rulings ENABLE TRIGGER USER", "ALTER TABLE ruling_medical ENABLE TRIGGER USER",
            ])
            let report = try await RulingVerifier(db: t.deps.database).verify()
            #expect(report.firstBreak?.contains("chain position 2 is missing") == true, "\(report)")
        }
        // The command-line check on the same database.
        let log = NSTemporaryDirectory() + "verify-\(UUID().uuidString).log"
        let child = try await EenloketProcess(
            arguments: ["verify-rulings"],
            environment: ["EENLOKET_DATABASE_URL": try await TimerCrashTests.databaseURL(database), "EENLOKET_LOG_LEVEL": "error"],
            logFile: log)
        #expect(try await child.wait() == 1)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(output.contains("BROKEN") && output.contains("chain position 2 is missing"), "\(output)")
    }
}
