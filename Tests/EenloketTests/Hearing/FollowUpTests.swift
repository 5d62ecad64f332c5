import EenloketDomain
import Foundation
import PostgresNIO
import Testing

@Suite("After-care follow-ups")
struct FollowUpTests {
    /// A ruled case with an invited employer who has an address; returns the tokens.
    func ruledCase(_ t: TestContext) async throws -> (id: String, employee: String, chair: String) {
        let chair = try await t.member(.bedrijfsarts)
        let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
        try await t.accept(c.id, disciplines: [.bedrijfsarts])
        #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token).status == 201)
        return (c.id, c.token, chair.id)
    }

    @Test func checkInsAreScheduledForBothPartiesAndAnswered() async throws {
        try await withApp { t in
            let c = try await ruledCase(t)
            let rows = try await t.sql(
                "SELECT party, sequence, due_at FROM follow_ups WHERE case_id = \(UUID(uuidString: c.id)!) ORDER BY sequence, party")
            #expect(rows.count == 8)
            let dueDays = try rows.map { try AmsterdamTime.date(of: $0.decode((String, Int, Date).self).2).description }
            #expect(Array(Set(dueDays)).sorted() == ["2026-12-07", "2027-01-04", "2027-02-22", "2027-05-24"])
            // Nothing is due yet for the employee.
            #expect(try await t.api.get("/api/v1/cases/\(c.id)/followups", token: c.employee)["items"].array.isEmpty)
            t.setClock("2026-12-07", hour: 9.5)
            #expect(try await t.fireTimers() >= 2)
            #expect(try await t.outbox(c.id).filter { $0.kind == "follow_up_due" }.count == 2)
            let due = try await t.api.get("/api/v1/cases/\(c.id)/followups", token: c.employee)
            let first = try #require(due["items"].array.first)
            #expect(first["party"].string == "employee" && first["sequence"].int == 1)
            let id = try #require(first["id"].string)
            let path = "/api/v1/cases/\(c.id)/followups/\(id)"
            expectProblem(try await t.api.post(path, object: ["ruling_carried_out": "misschien"], token: c.employee), 422)
            let answer: [String: Any] = ["ruling_carried_out": "yes", "return_to_work": "working_as_agreed", "needs_help": false]
            let answered = try await t.api.post(path, object: answer, token: c.employee)
            #expect(answered.status == 200, "\(answered.text)")
            #expect(answered["ruling_carried_out"].string == "yes")
            expectProblem(try await t.api.post(path, object: answer, token: c.employee), 409)
            expectProblem(try await t.api.post(path, object: answer, token: try await t.staff(.coordinator).token), 403)
            let overview = try await t.api.get("/api/v1/stats/overview", token: try await t.staff(.inspector).token)
            #expect(overview["share_rulings_carried_out"].double == 1)
        }
    }

    @Test(arguments: [
        (true, "working_as_agreed", "vraagt om hulp bij de terugkeer naar werk"),
        (false, "not_working", "meldt dat de werknemer niet (meer) werkt"),
        (true, "not_working", "vraagt om hulp en meldt"),
    ])
    func anAnswerThatAsksForHelpPutsTheCaseBeforeTheCoordinatorsAtOnce(_ needsHelp: Bool, _ working: String, _ detail: String) async throws {
        try await withApp { t in
            try await t.staff(.coordinator)
            let c = try await ruledCase(t)
            t.setClock("2026-12-07", hour: 9.5)
            try await t.fireTimers()
            let item = try #require(try await t.api.get("/api/v1/cases/\(c.id)/followups", token: c.employee)["items"].array.first)
            let answered = try await t.api.post(
                "/api/v1/cases/\(c.id)/followups/\(item["id"].string!)",
                object: ["ruling_carried_out": "yes", "return_to_work": working, "needs_help": needsHelp, "remarks": "OPMERKING-PRIVE"],
                token: c.employee)
            #expect(answered.status == 200, "\(answered.text)")
            let rows = try await t.sql("SELECT kind, detail FROM escalations WHERE case_id = \(UUID(uuidString: c.id)!)")
            let escalations = try rows.map { try $0.decode((String, String).self) }
            #expect(escalations.count == 1 && escalations[0].0 == "after_care_help" && escalations[0].1.contains(detail), "\(escalations)")
            #expect(!escalations[0].1.contains("OPMERKING-PRIVE"), "the coordinators read why, not the party's own words")
            #expect(try await t.outbox(c.id).contains { $0.kind == "escalation" }, "the coordinators are told at once")
        }
    }

    @Test func thePageSaysWhatHappensAfterAskingForHelp() async throws {
        try await withApp(configure: { $0.sessionLifetime = 90 * 24 * 3600 }) { t in
            let c = try await ruledCase(t)
            t.setClock("2026-12-07", hour: 9.5)
            try await t.fireTimers()
            let item = try #require(try await t.api.get("/api/v1/cases/\(c.id)/followups", token: c.employee)["items"].array.first)
            let cookie = try await t.openLink(c.employee)
            let page = try await t.partyPage("/zaak", cookie: cookie)
            let csrf = try CaseFilePageTests.csrf(page)
            let form = "csrf=\(csrf)&ruling_carried_out=yes&return_to_work=not_working&needs_help=ja"
            let posted = try await t.api.request(
                .post, "/zaak/nazorg/\(item["id"].string!)", json: form, headers: [.cookie: cookie],
                contentType: "application/x-www-form-urlencoded")
            #expect(posted.status == 303 && posted.headers[.location] == "/zaak?bericht=nazorg-hulp", "\(posted.status) \(posted.text.prefix(300))")
            let after = try await t.partyPage("/zaak?bericht=nazorg-hulp", cookie: cookie)
            #expect(after.text.contains(FollowThrough.helpNextStep))
        }
    }

    @Test func anAnswerWithoutAWishForHelpRaisesNothing() async throws {
        try await withApp { t in
            let c = try await ruledCase(t)
            t.setClock("2026-12-07", hour: 9.5)
            try await t.fireTimers()
            let item = try #require(try await t.api.get("/api/v1/cases/\(c.id)/followups", token: c.employee)["items"].array.first)
            let answered = try await t.api.post(
                "/api/v1/cases/\(c.id)/followups/\(item["id"].string!)",
                object: ["ruling_carried_out": "yes", "return_to_work": "working_less", "needs_help": false], token: c.employee)
            #expect(answered.status == 200)
            #expect(try await t.sql("SELECT 1 FROM escalations WHERE case_id = \(UUID(uuidString: c.id)!)").isEmpty)
        }
    }

    @Test func notCarriedOutAndMissedCheckInsFlagTheCase() async throws {
        try await withApp { t in
            try await t.staff(.coordinator)
            let c = try await ruledCase(t)
            t.setClock("2026-12-07", hour: 9.5)
            try await t.fireTimers()
            let item = try #require(try await t.api.get("/api/v1/cases/\(c.id)/followups", token: c.employee)["items"].array.first)
            let answered = try await t.api.post(
                "/api/v1/cases/\(c.id)/followups/\(item["id"].string!)",
                object: ["ruling_carried_out": "no", "return_to_work": "not_working", "needs_help": true, "remarks": "Er gebeurt niets."],
                token: c.employee)
            #expect(answered.status == 200)
            var kinds = try await t.sql("SELECT kind FROM escalations WHERE case_id = \(UUID(uuidString: c.id)!) ORDER BY id")
            #expect(try kinds.map { try $0.decode(String.self) } == ["ruling_not_carried_out", "after_care_help"])
            // The employer does not answer its first two check-ins: two missed, so flagged.
            t.setClock("2027-01-19", hour: 10)
            try await t.fireTimers()
            kinds = try await t.sql("SELECT kind FROM escalations WHERE case_id = \(UUID(uuidString: c.id)!) ORDER BY id")
            #expect(try kinds.map { try $0.decode(String.self) } == ["ruling_not_carried_out", "after_care_help", "follow_ups_missed"])
            let overview = try await t.api.get("/api/v1/stats/overview", token: try await t.staff(.inspector).token)
            #expect(overview["share_rulings_carried_out"].double == 0)
        }
    }

    @Test func anEmployeesRemarksFollowTheMedicalRule() async throws {
        try await withApp { t in
            let c = try await ruledCase(t)
            t.setClock("2026-12-07", hour: 9.5)
            try await t.fireTimers()
            let item = try #require(try await t.api.get("/api/v1/cases/\(c.id)/followups", token: c.employee)["items"].array.first)
            let remark = "Mijn rugklachten zijn erger geworden."
            let answered = try await t.api.post(
                "/api/v1/cases/\(c.id)/followups/\(item["id"].string!)",
                object: ["ruling_carried_out": "partly", "return_to_work": "working_less", "needs_help": true, "remarks": remark],
                token: c.employee)
            #expect(answered.status == 200 && answered["remarks"].string == remark)
            func employeeItem(_ token: String) async throws -> JSONValue {
                let reply = try await t.api.get("/api/v1/cases/\(c.id)/followups", token: token)
                #expect(reply.status == 200, "\(reply.text)")
                return try #require(reply["items"].array.first { $0["party"].string == "employee" && $0["sequence"].int == 1 })
            }
            let views = "SELECT count(*)::int FROM case_events WHERE case_id = '\(c.id)' AND type = 'medical_data_viewed' AND data->'fields' ? 'follow_up_remarks'"
            // The employee, the intake officer and the panel's company doctor may read it; staff views are logged.
            #expect(try await employeeItem(c.employee)["remarks"].string == remark)
            #expect(try await t.sql(PostgresQuery(unsafeSQL: views))[0].decode(Int.self) == 0)
            let officer = try await employeeItem(try await t.staff(.intakeOfficer).token)
            #expect(officer["remarks"].string == remark && officer["remarks_withheld"].bool == false)
            // Staff sessions last hours and the clock moved weeks: the chair signs in again.
            let chairEmail = try await t.sql("SELECT email FROM staff WHERE id = \(UUID(uuidString: c.chair)!)")[0].decode(String.self)
            #expect(try await employeeItem(try await t.login(chairEmail, "sterk-wachtwoord-12"))["remarks"].string == remark)
            #expect(try await t.sql(PostgresQuery(unsafeSQL: views))[0].decode(Int.self) == 2)
            // A coordinator and an administrator see the facts, and that remarks exist, but not the text.
            for token in [try await t.staff(.coordinator).token, try await t.adminToken()] {
                let withheld = try await employeeItem(token)
                #expect(withheld["remarks"].isNull && withheld["remarks_withheld"].bool == true)
                #expect(withheld["return_to_work"].string == "working_less" && withheld["needs_help"].bool == true)
            }
            #expect(try await t.sql(PostgresQuery(unsafeSQL: views))[0].decode(Int.self) == 2)
        }
    }
}
