import Crypto
import EenloketDomain
import Foundation
import Testing

@Suite("Binding ruling")
struct RulingTests {
    /// A case in review with a chair (bedrijfsarts) and a verzekeringsarts.
    func caseInReview(_ t: TestContext) async throws -> (id: String, filer: String, chair: String, second: String) {
        let chair = try await t.member(.bedrijfsarts)
        let second = try await t.member(.verzekeringsarts)
        let c = try await t.file()
        let triaged = try await t.accept(c.id)
        #expect(triaged["status"].string == "in_review")
        return (c.id, c.token, chair.token, second.token)
    }

    @Test func onlyTheChairRulesOnceAndOnlyInReview() async throws {
        try await withApp { t in
            let c = try await caseInReview(t)
            let path = "/api/v1/cases/\(c.id)/ruling"
            expectProblem(try await t.api.post(path, object: t.rulingBody(), token: c.second), 403)
            expectProblem(try await t.api.post(path, object: t.rulingBody(), token: c.filer), 403)
            expectProblem(try await t.api.post(path, object: t.rulingBody(), token: try await t.staff(.intakeOfficer).token), 403)
            let outsider = try await t.member(.bedrijfsarts)
            expectProblem(try await t.api.post(path, object: t.rulingBody(), token: outsider.token), 404)
            let first = try await t.api.post(path, object: t.rulingBody(), token: c.chair)
            #expect(first.status == 201, "\(first.text)")
            expectProblem(try await t.api.post(path, object: t.rulingBody(), token: c.chair), 409)

            // A case still waiting for triage has no panel, so nobody chairs it yet.
            let waiting = try await t.file()
            expectProblem(try await t.api.post("/api/v1/cases/\(waiting.id)/ruling", object: t.rulingBody(), token: c.chair), 404)
        }
    }

    @Test func rulingValidation() async throws {
        try await withApp { t in
            let c = try await caseInReview(t)
            let path = "/api/v1/cases/\(c.id)/ruling"
            var body = t.rulingBody()
            body["decision"] = "Te kort."
            body["outcome"] = "won"
            let reply = try await t.api.post(path, object: body, token: c.chair)
            expectProblem(reply, 422)
            let fields = Set(reply["errors"].array.compactMap { $0["field"].string })
            #expect(fields == ["decision", "outcome"])
        }
    }

    @Test func digestIsRecomputableFromTheReturnedRuling() async throws {
        try await withApp { t in
            let c = try await caseInReview(t)
            let ruling = try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: c.chair)
            #expect(ruling.status == 201)
            #expect(ruling["decided_at"].string == Timestamp.format(t.clock.now()))
            // Build the RFC 8785 text by hand: keys in code-unit order, no spaces.
            func q(_ s: String) -> String { "\"" + s + "\"" }
            let panel = ruling["panel"].array.compactMap { $0["staff_id"].string }
            let canonical =
                "{" + "\"case_id\":" + q(c.id) + ",\"decided_at\":" + q(ruling["decided_at"].string!) + ",\"decision\":"
                + q(ruling["decision"].string!) + ",\"medical_considerations\":" + q(ruling["medical_considerations"].string!)
                + ",\"motivation\":" + q(ruling["motivation"].string!) + ",\"outcome\":" + q("overturned") + ",\"panel\":["
                + panel.map(q).joined(separator: ",") + "]}"
            let expected = SHA256.hash(data: Data(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(ruling["digest"].string == expected)
            // The case shows the same ruling, digest and decided_at, now and later.
            let seen = try await t.view(c.id, token: c.filer)
            #expect(seen["ruling"] == ruling.json)
            #expect(seen["status"].string == "ruled")
        }
    }

    @Test func digestWithoutMedicalConsiderationsUsesNull() async throws {
        try await withApp { t in
            let c = try await caseInReview(t)
            let ruling = try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(medical: nil), token: c.chair)
            #expect(ruling.status == 201)
            #expect(ruling.json.has("medical_considerations"))
            #expect(ruling["medical_considerations"].isNull)
            let digest = RulingDigest.compute(
                caseId: UUID(uuidString: c.id)!, outcome: .overturned, decision: ruling["decision"].string!,
                motivation: ruling["motivation"].string!, medicalConsiderations: nil, decidedAt: ruling["decided_at"].string!,
                panel: ruling["panel"].array.compactMap { UUID(uuidString: $0["staff_id"].string ?? "") })
            #expect(ruling["digest"].string == digest)
        }
    }

    @Test func rulingsCannotBeChangedOrDeletedEvenWithSQL() async throws {
        try await withApp { t in
            let c = try await caseInReview(t)
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: c.chair).status == 201)
            let id = UUID(uuidString: c.id)!
            for statement in [
                "UPDATE rulings SET decision = 'Anders besloten, achteraf.' WHERE case_id = '\(c.id)'",
                "DELETE FROM rulings WHERE case_id = '\(c.id)'",
                "TRUNCATE rulings CASCADE",
                "DELETE FROM case_events WHERE case_id = '\(c.id)'",
                "UPDATE case_events SET type = 'case_filed' WHERE case_id = '\(c.id)'",
            ] {
                await expectSQLState("42501", "\(statement)") {
                    try await t.deps.database.client.query(.init(unsafeSQL: statement))
                }
            }
            let rows = try await t.sql("SELECT decision FROM rulings WHERE case_id = \(id)")
            #expect(try rows[0].decode(String.self) == "Werknemer is belastbaar voor 12 uur per week in aangepast werk.")
            // The medical part is behind row-level security as well: changing or
            // removing it by hand touches nothing.
            for statement in [
                "UPDATE ruling_medical SET medical_considerations = 'x' WHERE case_id = '\(c.id)'",
                "DELETE FROM ruling_medical WHERE case_id = '\(c.id)'",
            ] {
                _ = try? await t.deps.database.client.query(.init(unsafeSQL: statement))
            }
            #expect(try await t.view(c.id, token: c.filer)["ruling"]["medical_considerations"].string == "Herstel verloopt langzaam.")
        }
    }

    @Test func rulingFreesTheMembersSeats() async throws {
        try await withApp { t in
            let c = try await caseInReview(t)
            let before = try await t.sql("SELECT coalesce(sum(open_cases), 0)::int FROM panel_members")
            #expect(try before[0].decode(Int.self) == 2)
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: c.chair).status == 201)
            let after = try await t.sql("SELECT coalesce(sum(open_cases), 0)::int FROM panel_members")
            #expect(try after[0].decode(Int.self) == 0)
            // The panel keeps seeing the case it ruled on.
            #expect(try await t.view(c.id, token: c.second).status == 200)
        }
    }
}
