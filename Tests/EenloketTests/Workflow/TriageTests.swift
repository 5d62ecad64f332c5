import EenloketDomain
import Foundation
import Testing

@Suite("Triage")
struct TriageTests {
    @Test func referAndAnswerCloseTheCaseWithTheMotivationVisibleToTheFiler() async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer).token
            let a = try await t.file()
            let refer = try await t.api.post(
                "/api/v1/cases/\(a.id)/triage",
                object: ["decision": "refer", "motivation": "Dit is een klacht over gedrag: ga naar het tuchtcollege."],
                token: intake)
            #expect(refer.status == 200, "\(refer.text)")
            #expect(refer["status"].string == "referred")
            #expect(refer["panel"].array.isEmpty)
            let b = try await t.file()
            let answer = try await t.api.post(
                "/api/v1/cases/\(b.id)/triage",
                object: ["decision": "answer", "motivation": "U mag een second opinion vragen via uw bedrijfsarts."], token: intake)
            #expect(answer["status"].string == "answered")
            let seen = try await t.view(b.id, token: b.token)
            #expect(seen["triage"]["motivation"].string == "U mag een second opinion vragen via uw bedrijfsarts.")
            #expect(seen["deadlines"][0]["met_at"].string != nil)
        }
    }

    @Test func acceptRequiresTypeExhaustionAndAPhysicianDiscipline() async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer).token
            let c = try await t.file()
            let path = "/api/v1/cases/\(c.id)/triage"
            let base: [String: Any] = [
                "decision": "accept", "case_type": "work_capacity", "other_options_exhausted": true,
                "disciplines": ["bedrijfsarts"], "motivation": "Heroverweging is geweigerd.",
            ]
            func with(_ key: String, _ value: Any?) -> [String: Any] {
                var b = base
                b[key] = value
                return b
            }
            let cases: [([String: Any], String)] = [
                (with("case_type", nil), "case_type"),
                (with("case_type", "pay_dispute"), "case_type"),
                (with("other_options_exhausted", false), "other_options_exhausted"),
                (with("other_options_exhausted", nil), "other_options_exhausted"),
                (with("disciplines", []), "disciplines"),
                (with("disciplines", ["arbeidsdeskundige"]), "disciplines"),
                (with("disciplines", ["bedrijfsarts", "bedrijfsarts"]), "disciplines"),
                (with("disciplines", ["tandarts"]), "disciplines[0]"),
                (with("motivation", "te kort"), "motivation"),
                (with("decision", "maybe"), "decision"),
            ]
            for (body, field) in cases {
                let reply = try await t.api.post(path, object: body, token: intake)
                expectProblem(reply, 422)
                #expect(reply["errors"].array.contains { $0["field"].string == field }, "\(field): \(reply.text)")
            }
            // Nothing of the rejected attempts stuck: the case is still submitted.
            #expect(try await t.view(c.id, token: c.token)["status"].string == "submitted")
        }
    }

    @Test func onlyIntakeOfficersTriage() async throws {
        try await withApp { t in
            let c = try await t.file()
            let body = ["decision": "refer", "motivation": "Eerst mediation proberen."]
            for role in [StaffRole.admin, .coordinator, .inspector] {
                let token = role == .admin ? try await t.adminToken() : try await t.staff(role).token
                expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/triage", object: body, token: token), 403)
            }
            let member = try await t.member(.bedrijfsarts)
            expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/triage", object: body, token: member.token), 403)
            expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/triage", object: body, token: c.token), 403)
            expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/triage", object: body), 401)
            let intake = try await t.staff(.intakeOfficer).token
            expectProblem(try await t.api.post("/api/v1/cases/\(UUID().uuidString)/triage", object: body, token: intake), 404)
        }
    }

    @Test func triageIsOnlyAllowedOnceAndOnlyWhenSubmitted() async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer).token
            let c = try await t.file()
            let body = ["decision": "refer", "motivation": "Eerst mediation proberen."]
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/triage", object: body, token: intake).status == 200)
            expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/triage", object: body, token: intake), 409)
            let w = try await t.file()
            #expect(try await t.api.post("/api/v1/cases/\(w.id)/withdraw", token: w.token).status == 200)
            expectProblem(try await t.api.post("/api/v1/cases/\(w.id)/triage", object: body, token: intake), 409)
        }
    }

    @Test func tenConcurrentTriagesExactlyOneWins() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            try await t.member(.verzekeringsarts)
            let intake = try await t.staff(.intakeOfficer).token
            let c = try await t.file()
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<10 {
                    group.addTask {
                        let decision = ["accept", "refer", "answer"][i % 3]
                        return try await t.api.post(
                            "/api/v1/cases/\(c.id)/triage",
                            object: [
                                "decision": decision, "case_type": "work_capacity", "other_options_exhausted": true,
                                "disciplines": ["bedrijfsarts", "verzekeringsarts"], "motivation": "Gelijktijdige beoordeling \(i).",
                            ], token: intake
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == 409 }.count == 9, "\(statuses)")
            let events = try await t.sql("SELECT count(*)::int FROM case_events WHERE type = 'case_triaged'")
            #expect(try events[0].decode(Int.self) == 1)
        }
    }
}
