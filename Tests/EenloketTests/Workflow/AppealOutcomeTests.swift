import EenloketDomain
import Foundation
import Testing

/// The window for going to court, either party recording an appeal, and the
/// court's outcome recorded once by a coordinator.
@Suite("Appeal: the window and the court's outcome")
struct AppealOutcomeTests {
    /// A ruled case whose employer was invited by e-mail; returns the case and the employer's token.
    static func ruled(_ t: TestContext) async throws -> (id: String, token: String, employer: String) {
        let chair = try await t.member(.bedrijfsarts)
        let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
        #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
        let employer = try await HearingTests().deliverInvitation(t, caseId: c.id)
        #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token).status == 201)
        return (c.id, c.token, employer)
    }

    @Test func theRulingShowsTheLastDayForACourt() async throws {
        try await withApp { t in
            let c = try await Self.ruled(t)
            // Ruled Monday 23 November 2026: two months on is Saturday 23 January 2027, so Monday 25 January.
            #expect(try await t.view(c.id, token: c.token)["ruling"]["appeal_window_ends_on"].string == "2027-01-25")
        }
    }

    @Test func theInvitedPartyMayAppealAndACoordinatorRecordsTheOutcomeOnce() async throws {
        try await withApp { t in
            let c = try await Self.ruled(t)
            let appeal = try await t.api.post(
                "/api/v1/cases/\(c.id)/appeal", object: ["court": "Rechtbank Utrecht", "lodged_on": "2026-11-23"], token: c.employer)
            #expect(appeal.status == 201, "\(appeal.text)")
            #expect(appeal["appeal"]["outcome"] == .null)
            #expect(try await t.outbox(c.id).filter { $0.kind == "appeal_lodged" }.count == 2, "both parties hear of the appeal")
            // Before the court decided, the page shows the appeal and nothing else of the case's model
            // (a missing field once fell back to the whole case, medical text included).
            let cookie = try await t.openLink(c.token)
            let before = try await t.partyPage("/zaak", cookie: cookie)
            #expect(before.text.contains("Beroep ingesteld bij Rechtbank Utrecht"))
            #expect(!before.text.contains("CaseSummaryModel") && !before.text.contains("MedicalPart("), "a model's dump on the page")
            let path = "/api/v1/cases/\(c.id)/appeal/outcome"
            let coordinator = try await t.staff(.coordinator).token
            let body: [String: Any] = ["outcome": "set_aside", "decided_on": "2026-11-23", "summary": "De rechter vond dat de werkgever niet goed is gehoord."]
            expectProblem(try await t.api.post(path, object: body, token: c.token), 403)
            expectProblem(try await t.api.post(path, object: body, token: try await t.staff(.intakeOfficer).token), 403)
            let early = try await t.api.post(path, object: ["outcome": "upheld", "decided_on": "2026-11-22", "summary": "x"], token: coordinator)
            expectProblem(early, 422)
            #expect(early.text.contains("decided_on"))
            expectProblem(try await t.api.post(path, object: ["outcome": "reversed", "decided_on": "2026-11-23", "summary": "x"], token: coordinator), 422)
            let recorded = try await t.api.post(path, object: body, token: coordinator)
            #expect(recorded.status == 200, "\(recorded.text)")
            #expect(recorded["appeal"]["outcome"]["outcome"].string == "set_aside")
            #expect(recorded["ruling"]["digest"].string != nil, "the ruling itself stays")
            expectProblem(try await t.api.post(path, object: body, token: coordinator), 409)
            #expect(try await t.eventTypes(c.id).contains("appeal_decided"))
            // Both parties are told, without medical text.
            let told = try await t.outbox(c.id).filter { $0.kind == "appeal_decided" }
            #expect(Set(told.map(\.channel)) == ["email"] && told.count == 2, "\(told)")
            let bodies = try await t.sql(
                "SELECT body FROM notifications WHERE case_id = \(UUID(uuidString: c.id)!) AND kind = 'appeal_decided'").map { try $0.decode(String.self) }
            #expect(bodies.allSatisfy { $0.contains("opzij gezet") && !$0.contains("burn-out") && !$0.contains("niet goed is gehoord") },
                    "the message says the outcome, never the summary or medical text")
            // Every page that shows the ruling says it was set aside.
            let page = try await t.partyPage("/zaak", cookie: try await t.openLink(c.token))
            #expect(page.text.contains("opzij gezet. Het geldt niet meer."))
        }
    }

    @Test func noOutcomeWithoutAnAppealAndTheDatabaseKeepsItOnce() async throws {
        try await withApp { t in
            let c = try await Self.ruled(t)
            let coordinator = try await t.staff(.coordinator).token
            let body: [String: Any] = ["outcome": "upheld", "decided_on": "2026-11-23", "summary": "Het oordeel blijft."]
            expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/appeal/outcome", object: body, token: coordinator), 409)
            #expect(try await t.api.post(
                "/api/v1/cases/\(c.id)/appeal", object: ["court": "Rechtbank Utrecht", "lodged_on": "2026-11-23"], token: c.token).status == 201)
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/appeal/outcome", object: body, token: coordinator).status == 200)
            let id = UUID(uuidString: c.id)!
            await expectSQLState("42501") { try await t.sql("UPDATE appeal_outcomes SET outcome = 'set_aside' WHERE case_id = \(id)") }
            await expectSQLState("42501") { try await t.sql("DELETE FROM appeal_outcomes WHERE case_id = \(id)") }
        }
    }

    /// Two coordinators record at once: one outcome, the other 409.
    @Test func twoOutcomesAtOnceRecordOne() async throws {
        try await withApp { t in
            let c = try await Self.ruled(t)
            #expect(try await t.api.post(
                "/api/v1/cases/\(c.id)/appeal", object: ["court": "Rechtbank Utrecht", "lodged_on": "2026-11-23"], token: c.token).status == 201)
            let tokens = [try await t.staff(.coordinator).token, try await t.staff(.coordinator).token]
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for (n, token) in tokens.enumerated() {
                    group.addTask {
                        try await t.api.post(
                            "/api/v1/cases/\(c.id)/appeal/outcome",
                            object: ["outcome": n == 0 ? "upheld" : "set_aside", "decided_on": "2026-11-23", "summary": "Uitspraak \(n)"],
                            token: token
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted() == [200, 409])
        }
    }
}
