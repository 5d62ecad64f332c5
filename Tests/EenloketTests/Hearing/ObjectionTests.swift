import EenloketDomain
import EenloketHTTP
import Foundation
import Testing

/// Objecting to a panel member, a coordinator's decision, and a member stepping aside.
@Suite("Objections and stepping aside")
struct ObjectionTests {
    struct Setup {
        let id: String
        let employee: String
        let employer: String
        let chair: (id: String, token: String)
        let spare: (id: String, token: String)
    }

    /// An employee's case with one bedrijfsarts seat: `chair` sits, `spare` may take the seat; the employer was invited by e-mail.
    static func setup(_ t: TestContext) async throws -> Setup {
        let chair = try await t.member(.bedrijfsarts, name: "Dr. Eerste")
        let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
        let accepted = try await t.accept(c.id, disciplines: [.bedrijfsarts])
        #expect(accepted["panel"][0]["staff_id"].string == chair.id)
        let spare = try await t.member(.bedrijfsarts, name: "Dr. Tweede")
        let employer = try await HearingTests().deliverInvitation(t, caseId: c.id)
        return Setup(id: c.id, employee: c.token, employer: employer, chair: chair, spare: spare)
    }

    static let reason = "Dit panellid werkte vorig jaar voor onze arbodienst en kent de werknemer."

    @Test func anUpheldObjectionReplacesTheMemberForGood() async throws {
        try await withApp { t in
            let s = try await Self.setup(t)
            let path = "/api/v1/cases/\(s.id)/objections"
            let lodged = try await t.api.post(path, object: ["staff_id": s.chair.id, "reason": Self.reason], token: s.employer)
            #expect(lodged.status == 201, "\(lodged.text)")
            #expect(lodged["party"].string == "employer" && lodged["decision"] == .null)
            expectProblem(try await t.api.post(path, object: ["staff_id": s.chair.id, "reason": Self.reason], token: s.employer), 409)
            expectProblem(try await t.api.post(path, object: ["staff_id": s.spare.id, "reason": Self.reason], token: s.employer), 422)
            expectProblem(try await t.api.post(path, object: ["staff_id": s.chair.id, "reason": "Te kort."], token: s.employee), 422)
            let coordinator = try await t.staff(.coordinator).token
            expectProblem(try await t.api.post(path, object: ["staff_id": s.chair.id, "reason": Self.reason], token: coordinator), 403)
            // The panel decides nothing while the objection waits.
            let early = try await t.api.post("/api/v1/cases/\(s.id)/ruling", object: t.rulingBody(), token: s.chair.token)
            expectProblem(early, 409)
            #expect(early["detail"].string?.contains("bezwaar") == true, "\(early.text)")
            #expect(try await t.view(s.id, token: s.employee)["objections"].array.count == 1, "the parties see the objection")
            let list = try await t.api.get("/api/v1/objections", token: coordinator)
            let listed = try #require(list["items"].array.first { $0["case_id"].string == s.id })
            let oid = try #require(listed["id"].string)
            expectProblem(try await t.api.get("/api/v1/objections", token: s.employer), 403)

            let decided = try await t.api.post(
                "/api/v1/objections/\(oid)/decision", object: ["upheld": true, "motivation": "Een eerdere band met de arbodienst is genoeg."],
                token: coordinator)
            #expect(decided.status == 200, "\(decided.text)")
            #expect(decided["decision"]["upheld"].bool == true)
            expectProblem(
                try await t.api.post("/api/v1/objections/\(oid)/decision", object: ["upheld": false, "motivation": "Toch maar niet, sorry."], token: coordinator),
                409)
            let after = try await t.view(s.id, token: s.employee)
            #expect(after["panel"].array.map { $0["staff_id"].string } == [s.spare.id], "the seat was routed anew: \(after["panel"])")
            #expect(after["panel"][0]["chair"].bool == true, "a new chair")
            #expect(after["status"].string == "in_review")
            expectProblem(try await t.view(s.id, token: s.chair.token), 404)
            let events = try await t.eventTypes(s.id)
            #expect(events.contains("objection_lodged") && events.contains("objection_decided"))
            let told = try await t.outbox(s.id).filter { $0.kind == "objection_decided" }
            #expect(told.count == 3, "both parties and the member: \(told)")
            // The member who left never sits on this case again, whatever routes it.
            await expectSQLState("23514") {
                try await t.sql(
                    """
                    INSERT INTO panel_assignments (case_id, staff_id, discipline, is_chair, assigned_at)
                    VALUES (\(UUID(uuidString: s.id)!), \(UUID(uuidString: s.chair.id)!), 'bedrijfsarts', false, now())
                    """)
            }
            #expect(try await t.api.post("/api/v1/cases/\(s.id)/ruling", object: t.rulingBody(), token: s.spare.token).status == 201)
        }
    }

    @Test func aRejectedObjectionKeepsTheMemberAndTheWindowCloses() async throws {
        try await withApp(configure: { $0.sessionLifetime = 30 * 24 * 3600 }) { t in
            let s = try await Self.setup(t)
            let coordinator = try await t.staff(.coordinator).token
            let lodged = try await t.api.post(
                "/api/v1/cases/\(s.id)/objections", object: ["staff_id": s.chair.id, "reason": Self.reason], token: s.employee)
            let oid = try #require(lodged["id"].string)
            let rejected = try await t.api.post(
                "/api/v1/objections/\(oid)/decision", object: ["upheld": false, "motivation": "Geen band met deze zaak gebleken."],
                token: coordinator)
            #expect(rejected["decision"]["upheld"].bool == false)
            #expect(try await t.view(s.id, token: s.employee)["panel"][0]["staff_id"].string == s.chair.id)
            // Five working days after the member joined (Monday 23 November): until the end of Monday 30 November.
            t.setClock("2026-12-01", hour: 9)
            let late = try await t.api.post(
                "/api/v1/cases/\(s.id)/objections", object: ["staff_id": s.chair.id, "reason": Self.reason], token: s.employee)
            expectProblem(late, 409)
            #expect(late["detail"].string?.contains("30 november 2026") == true, "\(late.text)")
        }
    }

    @Test func twoDecisionsOnOneObjectionRaceAndOneWins() async throws {
        try await withApp { t in
            let s = try await Self.setup(t)
            let lodged = try await t.api.post(
                "/api/v1/cases/\(s.id)/objections", object: ["staff_id": s.chair.id, "reason": Self.reason], token: s.employer)
            let oid = try #require(lodged["id"].string)
            let first = try await t.staff(.coordinator).token
            let second = try await t.adminToken()
            async let a = t.api.post(
                "/api/v1/objections/\(oid)/decision", object: ["upheld": true, "motivation": "Toegewezen door de eerste."], token: first)
            async let b = t.api.post(
                "/api/v1/objections/\(oid)/decision", object: ["upheld": false, "motivation": "Afgewezen door de tweede."], token: second)
            let statuses = try await [a.status, b.status].sorted()
            #expect(statuses == [200, 409], "\(statuses)")
            let stored = try await t.sql("SELECT count(*)::int FROM objections WHERE decided_at IS NOT NULL")
            #expect(try stored[0].decode(Int.self) == 1)
            let events = try await t.eventTypes(s.id).filter { $0 == "objection_decided" }
            #expect(events.count == 1)
            await expectSQLState("42501") {
                try await t.sql("UPDATE objections SET upheld = NOT upheld WHERE id = \(UUID(uuidString: oid)!)")
            }
        }
    }

    @Test func aMemberStepsAsideBeforeADraftButNotAfter() async throws {
        try await withApp(configure: { $0.procedure.draftWindowDays = 5 }) { t in
            let s = try await Self.setup(t)
            let path = "/api/v1/cases/\(s.id)/panel/step-aside"
            expectProblem(try await t.api.post(path, object: ["reason": "Ik ken de leidinggevende van de werknemer."], token: s.employee), 403)
            expectProblem(try await t.api.post(path, object: ["reason": "Kort"], token: s.chair.token), 422)
            let stepped = try await t.api.post(path, object: ["reason": "Ik ken de leidinggevende van de werknemer."], token: s.chair.token)
            #expect(stepped.status == 200, "\(stepped.text)")
            #expect(stepped["panel"].array.map { $0["staff_id"].string } == [s.spare.id])
            let told = try await t.sql("SELECT body FROM notifications WHERE kind = 'member_stepped_aside' AND recipient_party IS NOT NULL")
                .map { try $0.decode(String.self) }
            #expect(told.count == 2 && told.allSatisfy { !$0.contains("leidinggevende") }, "the parties hear that, not why")
            #expect(try await t.api.post("/api/v1/cases/\(s.id)/draft-ruling", object: t.rulingBody(), token: s.spare.token).status == 201)
            expectProblem(
                try await t.api.post(path, object: ["reason": "Toch een band met de werkgever gevonden."], token: s.spare.token), 409)
        }
    }
}
