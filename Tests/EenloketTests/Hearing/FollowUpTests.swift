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

    /// A ruled case on the morning its first check-ins are due (7 December), and the employee's first check-in.
    func firstCheckInDue(_ t: TestContext) async throws -> (case: (id: String, employee: String, chair: String), item: JSONValue) {
        let c = try await ruledCase(t)
        t.setClock("2026-12-07", hour: 9.5)
        try await t.fireTimers()
        let item = try #require(try await t.api.get("/api/v1/cases/\(c.id)/followups", token: c.employee)["items"].array.first)
        return (c, item)
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
            let (c, item) = try await firstCheckInDue(t)
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
            let (c, item) = try await firstCheckInDue(t)
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

    /// (sequence, party, due day) of a case's check-ins.
    func plan(_ t: TestContext, _ caseId: String) async throws -> [String] {
        try await t.sql("SELECT sequence, party, due_at FROM follow_ups WHERE case_id = \(UUID(uuidString: caseId)!) ORDER BY sequence, party")
            .map { row in
                let (sequence, party, due) = try row.decode((Int, String, Date).self)
                return "\(sequence) \(party) \(AmsterdamTime.date(of: due))"
            }
    }

    @Test func theFirstCheckInAsksWhenWorkResumedAndTheRestCountFromThatDay() async throws {
        try await withApp { t in
            let (c, item) = try await firstCheckInDue(t)  // ruled on 2026-11-23: check-ins on 7 Dec, 4 Jan, 22 Feb, 24 May
            let path = "/api/v1/cases/\(c.id)/followups/\(item["id"].string!)"
            var answer: [String: Any] = ["ruling_carried_out": "yes", "return_to_work": "working_less", "needs_help": false]
            answer["returned_on"] = "2026-12-08"
            expectProblem(try await t.api.post(path, object: answer, token: c.employee), 422)  // tomorrow
            answer["returned_on"] = "2026-01-05"
            expectProblem(try await t.api.post(path, object: answer, token: c.employee), 422)  // before the sickness began
            answer["returned_on"] = "2026-12-01"
            #expect(try await t.api.post(path, object: answer, token: c.employee).status == 200)
            // Counted from Tuesday 1 December: 15 Dec, 12 Jan, 2 Mar, 1 Jun. The employee's first is answered;
            // the employer's first (due since this morning) moves to 15 December.
            #expect(try await plan(t, c.id) == [
                "1 employee 2026-12-07", "1 employer 2026-12-15", "2 employee 2027-01-12", "2 employer 2027-01-12",
                "3 employee 2027-03-02", "3 employer 2027-03-02", "4 employee 2027-06-01", "4 employer 2027-06-01",
            ])
            let events = try await t.api.get("/api/v1/cases/\(c.id)/events", token: c.employee)["items"].array
            #expect(events.contains { $0["type"].string == "return_to_work_recorded" && $0["data"]["returned_on"].string == "2026-12-01" })

            // The first plan's timers find their check-ins moved and do nothing: no message on 4 January.
            let before = try await t.outbox(c.id).filter { $0.kind == "follow_up_due" }.count
            t.setClock("2027-01-04", hour: 10)
            try await t.fireTimers()
            #expect(try await t.outbox(c.id).filter { $0.kind == "follow_up_due" }.count == before + 1, "only the employer's moved first check-in")
            t.setClock("2027-01-12", hour: 10)
            try await t.fireTimers()
            #expect(try await t.outbox(c.id).filter { $0.kind == "follow_up_due" }.count == before + 3)
            // Nothing was marked missed by the old plan's timers (the employer's first is missed on 29 Dec by its new plan).
            let missed = try await t.sql("SELECT sequence, party FROM follow_ups WHERE case_id = \(UUID(uuidString: c.id)!) AND missed_at IS NOT NULL")
            #expect(try missed.map { try $0.decode((Int, String).self) }.map { "\($0.0) \($0.1)" } == ["1 employer"])
        }
    }

    @Test func staffRecordTheReturnAfterTheRulingOnly() async throws {
        try await withApp { t in
            let coordinator = try await t.staff(.coordinator).token
            let open = try await t.file()
            let path = { (id: String) in "/api/v1/cases/\(id)/return-to-work" }
            expectProblem(try await t.api.put(path(open.id), object: ["returned_on": "2026-11-20"], token: coordinator), 409)
            let c = try await ruledCase(t)
            expectProblem(try await t.api.put(path(c.id), object: ["returned_on": "2026-11-20"], token: c.employee), 403)
            expectProblem(try await t.api.put(path(c.id), object: ["returned_on": "2026-11-20"], token: try await t.staff(.inspector).token), 403)
            expectProblem(try await t.api.put(path(c.id), object: ["returned_on": "20-11-2026"], token: coordinator), 422)
            expectProblem(try await t.api.put(path(c.id), object: [:], token: coordinator), 422)
            let recorded = try await t.api.put(path(c.id), object: ["returned_on": "2026-11-20"], token: coordinator)
            #expect(recorded.status == 200, "\(recorded.text)")
            #expect(recorded["returned_on"].string == "2026-11-20" && recorded["check_ins_moved"].int == 8)
            #expect(try await plan(t, c.id).first == "1 employee 2026-12-04")
            let intake = try await t.staff(.intakeOfficer).token
            #expect(try await t.api.put(path(c.id), object: ["returned_on": "2026-11-23"], token: intake).status == 200, "a correction")
            #expect(try await plan(t, c.id).first == "1 employee 2026-12-07")
        }
    }

    @Test func aCoordinatorRecordsTheReturnOnTheCasePage() async throws {
        try await withApp { t in
            let c = try await ruledCase(t)
            let cookie = "eenloket_sessie=\(try await t.staff(.coordinator).token)"
            let page = try await t.api.request(.get, "/medewerkers/zaken/\(c.id)", headers: [.cookie: cookie])
            #expect(page.text.contains("action=\"/medewerkers/zaken/\(c.id)/terugkeer\""))
            let csrf = try CaseFilePageTests.csrf(page)
            let wrong = try await t.api.request(
                .post, "/medewerkers/zaken/\(c.id)/terugkeer", json: "csrf=\(csrf)&returned_on=2030-01-01", headers: [.cookie: cookie],
                contentType: "application/x-www-form-urlencoded")
            #expect(wrong.status == 422 && wrong.text.contains("toekomst"), "\(wrong.status)")
            let posted = try await t.api.request(
                .post, "/medewerkers/zaken/\(c.id)/terugkeer", json: "csrf=\(csrf)&returned_on=2026-11-20", headers: [.cookie: cookie],
                contentType: "application/x-www-form-urlencoded")
            #expect(posted.status == 303, "\(posted.status) \(posted.text.prefix(300))")
            let after = try await t.api.request(.get, posted.headers[.location] ?? "/", headers: [.cookie: cookie])
            #expect(after.text.contains("weer aan het werk sinds") && after.text.contains("20 november 2026"), "\(after.text.prefix(200))")
            #expect(try await plan(t, c.id).first == "1 employee 2026-12-04")
        }
    }

    @Test func theEmployeeNamesSignalsAtWorkAndOnlyThoseWhoSeeMedicalFieldsReadThem() async throws {
        try await withApp { t in
            let c = try await ruledCase(t)
            t.setClock("2026-12-07", hour: 9.5)
            try await t.fireTimers()
            let base: [String: Any] = ["ruling_carried_out": "yes", "return_to_work": "working_less", "needs_help": false]
            let mine = try #require(try await t.api.get("/api/v1/cases/\(c.id)/followups", token: c.employee)["items"].array.first)
            let path = "/api/v1/cases/\(c.id)/followups/\(mine["id"].string!)"
            var bad = base
            bad["signals"] = ["fatigue", "hoofdpijn"]
            expectProblem(try await t.api.post(path, object: bad, token: c.employee), 422)
            bad["signals"] = ["worry", "worry"]
            expectProblem(try await t.api.post(path, object: bad, token: c.employee), 422)
            var answer = base
            answer["signals"] = ["worry", "fatigue"]
            let answered = try await t.api.post(path, object: answer, token: c.employee)
            #expect(answered.status == 200 && answered["signals"].array.compactMap(\.string) == ["fatigue", "worry"], "\(answered.text)")

            // The employer answers its own check-in, and may not give signals.
            let rows = try await t.sql(
                "SELECT id FROM follow_ups WHERE case_id = \(UUID(uuidString: c.id)!) AND party = 'employer' AND sequence = 1")
            let employerFollowUp = try rows[0].decode(UUID.self).uuidString.lowercased()
            let employerToken = try await HearingTests().deliverInvitation(t, caseId: c.id)
            expectProblem(
                try await t.api.post("/api/v1/cases/\(c.id)/followups/\(employerFollowUp)", object: answer, token: employerToken), 422)
            let employerItems = try await t.api.get("/api/v1/cases/\(c.id)/followups", token: employerToken)
            #expect(!employerItems.text.contains("worry") && !employerItems.text.contains("fatigue"), "the employer never sees them")

            func employeeSignals(_ token: String) async throws -> JSONValue? {
                let items = try await t.api.get("/api/v1/cases/\(c.id)/followups", token: token)["items"].array
                return items.first { $0["party"].string == "employee" && $0["sequence"].int == 1 }?["signals"]
            }
            let intake = try await t.staff(.intakeOfficer).token
            #expect(try await employeeSignals(intake) == .array([.string("fatigue"), .string("worry")]))
            #expect(try await employeeSignals(try await t.staff(.coordinator).token) == .null, "withheld from a coordinator")
            let viewed = try await t.sql(
                "SELECT data FROM case_events WHERE case_id = \(UUID(uuidString: c.id)!) AND type = 'medical_data_viewed' AND data::text LIKE '%follow_up_signals%'")
            #expect(!viewed.isEmpty, "a staff read of the signals is logged")
        }
    }

    @Test func anAnswerWithoutAWishForHelpRaisesNothing() async throws {
        try await withApp { t in
            let (c, item) = try await firstCheckInDue(t)
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
            let (c, item) = try await firstCheckInDue(t)
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
            let (c, item) = try await firstCheckInDue(t)
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
