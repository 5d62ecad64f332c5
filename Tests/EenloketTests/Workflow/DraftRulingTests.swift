import EenloketDomain
import EenloketHTTP
import Foundation
import Testing

/// The draft round: the chair issues a draft, the parties point out factual
/// errors (or say they have none) within a window, the ruling answers them.
@Suite("Draft ruling and comments")
struct DraftRulingTests {
    struct Drafted {
        let id: String
        let employee: String
        let employer: String
        let chair: String
    }

    /// An employee's case with the employer invited by e-mail and a draft issued (Monday 23 November 2026).
    static func drafted(_ t: TestContext) async throws -> Drafted {
        let chair = try await t.member(.bedrijfsarts)
        let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
        #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
        let employer = try await HearingTests().deliverInvitation(t, caseId: c.id)
        let early = try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token)
        expectProblem(early, 409)
        #expect(early["detail"].string?.contains("concept") == true, "the ruling waits for the draft round: \(early.text)")
        let draft = try await t.api.post("/api/v1/cases/\(c.id)/draft-ruling", object: t.rulingBody(), token: chair.token)
        #expect(draft.status == 201, "\(draft.text)")
        // Five working days from Monday 23 November: the end of Monday 30 November, Amsterdam time.
        #expect(draft["comments_until"].string == "2026-11-30T23:00:00.000Z")
        #expect(draft["medical_considerations"].string == "Herstel verloopt langzaam.", "the chair is a physician")
        return Drafted(id: c.id, employee: c.token, employer: employer, chair: chair.token)
    }

    static let draftRound: @Sendable (inout AppConfiguration) -> Void = { $0.procedure.draftWindowDays = 5 }

    @Test func thePartiesSeeTheDraftCommentAndTheRulingAnswersThem() async throws {
        try await withApp(configure: Self.draftRound) { t in
            let d = try await Self.drafted(t)
            let employeeView = try await t.view(d.id, token: d.employee)
            #expect(employeeView["status"].string == "draft_ruling")
            #expect(employeeView["draft_ruling"]["medical_considerations"].string == "Herstel verloopt langzaam.")
            let employerView = try await t.view(d.id, token: d.employer)
            #expect(employerView["draft_ruling"]["decision"].string != nil)
            #expect(!employerView["draft_ruling"].has("medical_considerations"), "the employer never sees medical text")
            let told = try await t.outbox(d.id).filter { $0.kind == "draft_issued" }
            #expect(told.count == 2, "both parties are told: \(told)")
            let bodies = try await t.sql("SELECT body FROM notifications WHERE kind = 'draft_issued'").map { try $0.decode(String.self) }
            #expect(bodies.allSatisfy { $0.contains("uiterlijk maandag 30 november 2026") && !$0.contains("Herstel") })

            let path = "/api/v1/cases/\(d.id)/draft-comments"
            let medical = try await t.api.post(
                path, object: ["text": "Ik ben niet in maart maar in februari ziek geworden door de burn-out.", "medical": true], token: d.employee)
            #expect(medical.status == 201, "\(medical.text)")
            #expect(medical["party"].string == "employee" && medical["medical"].bool == true)
            let wrongMark = try await t.api.post(path, object: ["text": "Dit is een medische opmerking.", "medical": true], token: d.employer)
            expectProblem(wrongMark, 422)
            let short = try await t.api.post(path, object: ["text": "Te kort"], token: d.employer)
            expectProblem(short, 422)
            let both = try await t.api.post(path, object: ["text": "Dit is een opmerking.", "no_comments": true], token: d.employer)
            expectProblem(both, 422)
            expectProblem(try await t.api.post(path, object: ["text": "Een opmerking van het panel."], token: d.chair), 403)
            let employerComment = try await t.api.post(
                path, object: ["text": "Het aanbod was 16 uur per week, niet 12 uur."], token: d.employer)
            #expect(employerComment.status == 201)
            expectProblem(try await t.api.post(path, object: ["no_comments": true], token: d.employer), 409)

            // The employer sees its own comment, not the employee's medical one; the employee sees both.
            let employerComments = try await t.view(d.id, token: d.employer)["draft_comments"].array
            #expect(employerComments.count == 1 && employerComments[0]["party"].string == "employer")
            #expect(try await t.view(d.id, token: d.employee)["draft_comments"].array.count == 2)
            // An intake officer reads the medical comment, and that read is in the history.
            let intake = try await t.staff(.intakeOfficer).token
            #expect(try await t.view(d.id, token: intake)["draft_comments"].array.count == 2)
            let logged = try await t.sql(
                "SELECT (data->'fields')::text FROM case_events WHERE case_id = \(UUID(uuidString: d.id)!) AND type = 'medical_data_viewed'")
            #expect(try logged.map { try $0.decode(String.self) }.contains { $0.contains("draft_comments") })

            // Both parties answered: the chair may rule before the window closes, but must answer the comments.
            let bare = try await t.api.post("/api/v1/cases/\(d.id)/ruling", object: t.rulingBody(), token: d.chair)
            expectProblem(bare, 422)
            #expect(bare.text.contains("comments_response"))
            var body = t.rulingBody()
            body["comments_response"] = "Het aanbod was inderdaad 16 uur; de beslissing verandert daardoor niet."
            let ruling = try await t.api.post("/api/v1/cases/\(d.id)/ruling", object: body, token: d.chair)
            #expect(ruling.status == 201, "\(ruling.text)")
            #expect(ruling["comments_response"].string == body["comments_response"] as? String)
            #expect(try await t.view(d.id, token: d.employer)["ruling"]["comments_response"].string != nil)
            expectProblem(try await t.api.post(path, object: ["text": "Nog een opmerking na het oordeel."], token: d.employee), 409)
            let events = try await t.eventTypes(d.id)
            #expect(events.contains("draft_issued") && events.filter { $0 == "draft_commented" }.count == 2)
        }
    }

    @Test func whenTheWindowClosesThePartiesAndTheChairAreToldAndTheChairRules() async throws {
        // A week passes: the chair's session lasts.
        try await withApp(configure: { Self.draftRound(&$0); $0.sessionLifetime = 30 * 24 * 3600 }) { t in
            let d = try await Self.drafted(t)
            let path = "/api/v1/cases/\(d.id)/draft-comments"
            #expect(try await t.api.post(path, object: ["no_comments": true], token: d.employer).status == 201)
            let waiting = try await t.api.post("/api/v1/cases/\(d.id)/ruling", object: t.rulingBody(), token: d.chair)
            expectProblem(waiting, 409)
            #expect(waiting["detail"].string?.contains("uiterlijk maandag 30 november 2026") == true, "\(waiting.text)")
            t.setClock("2026-11-30", hour: 23.9)
            #expect(try await t.api.post(path, object: ["text": "Op het nippertje een opmerking."], token: d.employee).status == 201)
            t.setClock("2026-12-01", hour: 0.1)
            expectProblem(try await t.api.post(path, object: ["text": "Te laat voor een opmerking."], token: d.employee), 409)
            #expect(try await t.fireTimers() >= 1)
            let closed = try await t.outbox(d.id).filter { $0.kind == "draft_window_closed" }
            #expect(closed.count == 3, "both parties and the chair: \(closed)")
            var body = t.rulingBody()
            body["comments_response"] = "De opmerking over de datum is verwerkt in de overwegingen."
            let ruling = try await t.api.post("/api/v1/cases/\(d.id)/ruling", object: body, token: d.chair)
            #expect(ruling.status == 201, "\(ruling.text)")
        }
    }

    @Test func withoutCommentsTheRulingNeedsNoAnswerAndTheDatabaseKeepsTheRules() async throws {
        try await withApp(configure: Self.draftRound) { t in
            let d = try await Self.drafted(t)
            let id = UUID(uuidString: d.id)!
            expectProblem(try await t.api.post("/api/v1/cases/\(d.id)/draft-ruling", object: t.rulingBody(), token: d.chair), 409)
            // Straight SQL cannot add a second draft, a comment out of its window, or change a draft.
            await expectSQLState("23505") {
                try await t.sql(
                    """
                    INSERT INTO draft_rulings (case_id, outcome, decision, motivation, issued_at, issued_by, comments_until)
                    SELECT case_id, outcome, decision, motivation, issued_at, issued_by, comments_until FROM draft_rulings WHERE case_id = \(id)
                    """)
            }
            await expectSQLState("23514") {
                try await t.sql(
                    """
                    INSERT INTO draft_comments (id, case_id, party, no_comments, text, created_at)
                    VALUES (\(UUID()), \(id), 'employer', false, 'Een opmerking van na de termijn.', '2026-12-01T00:00:00Z')
                    """)
            }
            await expectSQLState("42501") { try await t.sql("UPDATE draft_rulings SET outcome = 'upheld' WHERE case_id = \(id)") }
            for token in [d.employee, d.employer] {
                #expect(try await t.api.post("/api/v1/cases/\(d.id)/draft-comments", object: ["no_comments": true], token: token).status == 201)
            }
            // Row-level security offers no row to delete; a delete that gets past it meets the append-only trigger.
            _ = try? await t.sql("DELETE FROM draft_comments WHERE case_id = \(id)")
            #expect(try await t.sql("SELECT count(*)::int FROM draft_comments WHERE case_id = \(id)")[0].decode(Int.self) == 2)
            var answered = t.rulingBody()
            answered["comments_response"] = "Er waren geen opmerkingen, maar toch een antwoord."
            let ruling = try await t.api.post("/api/v1/cases/\(d.id)/ruling", object: t.rulingBody(), token: d.chair)
            #expect(ruling.status == 201, "\(ruling.text)")
            #expect(ruling["comments_response"] == .null)
        }
    }

    @Test func aCaseInItsDraftRoundCanBeWithdrawnAndFreesItsSeats() async throws {
        try await withApp(configure: Self.draftRound) { t in
            let d = try await Self.drafted(t)
            #expect(try await t.sql("SELECT sum(open_cases)::int FROM panel_members")[0].decode(Int.self) == 1,
                    "the seat stays taken through the draft round")
            let withdrawn = try await t.api.post("/api/v1/cases/\(d.id)/withdraw", token: d.employee)
            #expect(withdrawn["status"].string == "withdrawn", "\(withdrawn.text)")
            #expect(try await t.sql("SELECT sum(open_cases)::int FROM panel_members")[0].decode(Int.self) == 0)
            let stats = try await t.api.get("/api/v1/stats/overview", token: try await t.staff(.inspector).token)
            #expect(stats["cases_by_status"]["draft_ruling"].int == 0)
        }
    }

    @Test func withoutADraftStepTheDraftRouteSaysSo() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file()
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            let draft = try await t.api.post("/api/v1/cases/\(c.id)/draft-ruling", object: t.rulingBody(), token: chair.token)
            expectProblem(draft, 409)
            var body = t.rulingBody()
            body["comments_response"] = "Er was geen concept en dus niets om op te antwoorden."
            expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: body, token: chair.token), 422)
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token).status == 201)
        }
    }

    /// A late comment and the ruling race: either the comment lands first and
    /// the ruling (without an answer to it) is refused, or the ruling lands
    /// first and the comment is refused. Never a ruling that ignores a comment.
    @Test func aRulingRacingALateCommentNeverIgnoresIt() async throws {
        try await withApp(configure: Self.draftRound) { t in
            var outcomes: Set<String> = []
            for _ in 0..<4 {
                let d = try await Self.drafted(t)
                for token in [d.employee, d.employer] {
                    #expect(try await t.api.post("/api/v1/cases/\(d.id)/draft-comments", object: ["no_comments": true], token: token).status == 201)
                }
                async let comment = t.api.post(
                    "/api/v1/cases/\(d.id)/draft-comments", object: ["text": "Toch nog een feitelijke fout gevonden."], token: d.employee)
                async let ruling = t.api.post("/api/v1/cases/\(d.id)/ruling", object: t.rulingBody(), token: d.chair)
                let (c, r) = try await (comment, ruling)
                let pair = "\(c.status)/\(r.status)"
                #expect(pair == "201/422" || pair == "409/201", "comment/ruling: \(pair)")
                outcomes.insert(pair)
                let stored = try await t.sql(
                    """
                    SELECT count(*)::int FROM rulings r JOIN draft_comments c ON c.case_id = r.case_id AND NOT c.no_comments
                     WHERE r.case_id = \(UUID(uuidString: d.id)!) AND r.comments_response IS NULL
                    """)
                #expect(try stored[0].decode(Int.self) == 0)
            }
            #expect(!outcomes.isEmpty)
        }
    }
}

/// The draft round on the pages: the chair's forms, the parties' comments.
@Suite("Web: the draft round")
struct DraftRoundPageTests {
    func post(_ t: TestContext, _ path: String, _ body: String, cookie: String) async throws -> Reply {
        try await t.api.request(.post, path, json: body, headers: [.cookie: cookie], contentType: "application/x-www-form-urlencoded")
    }

    func csrf(_ page: Reply) throws -> String {
        try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/).map { String($0.1) })
    }

    @Test func theChairDraftsThePartiesCommentAndTheRulingAnswers() async throws {
        try await withApp(configure: DraftRulingTests.draftRound) { t in
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            let employerToken = try await HearingTests().deliverInvitation(t, caseId: c.id)
            let staffCookie = "eenloket_sessie=\(chair.token)"
            let staffPage = try await t.api.request(.get, "/medewerkers/zaken/\(c.id)", headers: [.cookie: staffCookie])
            #expect(staffPage.text.contains("Concept van het oordeel maken"))
            #expect(staffPage.text.contains("action=\"/medewerkers/zaken/\(c.id)/concept\""))
            #expect(!staffPage.text.contains("action=\"/medewerkers/zaken/\(c.id)/uitspraak\""), "no ruling before the draft")
            let fields = "outcome=overturned&decision=Werknemer+is+belastbaar+voor+10+uur+per+week.&motivation=Het+panel+heeft+beide+partijen+gehoord."
            let drafted = try await post(t, "/medewerkers/zaken/\(c.id)/concept", "csrf=\(try csrf(staffPage))&\(fields)", cookie: staffCookie)
            #expect(drafted.status == 303, "\(drafted.text.prefix(300))")

            let employee = try await t.openLink(c.token)
            let page = try await t.partyPage("/zaak", cookie: employee)
            #expect(page.text.contains("Concept van het oordeel") && page.text.contains("uiterlijk maandag 30 november 2026"))
            #expect(page.text.contains("Ik heb geen opmerkingen"))
            let short = try await post(t, "/zaak/concept", "csrf=\(try csrf(page))&text=kort", cookie: employee)
            #expect(short.status == 422 && short.text.contains("veld-concept-text"))
            let comment = try await post(
                t, "/zaak/concept", "csrf=\(try csrf(page))&text=Ik+noemde+twaalf+uur%2C+niet+tien.", cookie: employee)
            #expect(comment.status == 303 && comment.headers[.location] == "/zaak?bericht=concept#concept")
            let employer = try await t.openLink(employerToken)
            let employerPage = try await t.partyPage("/zaak", cookie: employer)
            #expect(employerPage.text.contains("Ik noemde twaalf uur, niet tien."), "a comment that is not medical is shown to the other party")
            let none = try await post(t, "/zaak/concept", "csrf=\(try csrf(employerPage))&no_comments=true", cookie: employer)
            #expect(none.status == 303)
            #expect(!(try await t.partyPage("/zaak", cookie: employer)).text.contains("Ik heb geen opmerkingen"), "said once")

            let before = try await t.api.request(.get, "/medewerkers/zaken/\(c.id)", headers: [.cookie: staffCookie])
            #expect(before.text.contains("name=\"comments_response\""), "the ruling form asks what was done with the comments")
            let ruled = try await post(
                t, "/medewerkers/zaken/\(c.id)/uitspraak",
                "csrf=\(try csrf(before))&\(fields.replacingOccurrences(of: "10", with: "12"))&comments_response=De+uren+zijn+verbeterd+naar+twaalf+uur+per+week.",
                cookie: staffCookie)
            #expect(ruled.status == 303, "\(ruled.text.prefix(300))")
            let after = try await t.partyPage("/zaak", cookie: employee)
            #expect(after.text.contains("Wat het panel deed met de opmerkingen") && after.text.contains("De uren zijn verbeterd"))
        }
    }
}

/// The retention purge also removes the texts of the fair procedure's records.
@Suite("Retention of the procedure's records")
struct ProcedureRetentionTests {
    @Test func thePurgeRemovesDraftsCommentsObjectionsAndAppointmentTexts() async throws {
        try await withApp(configure: { DraftRulingTests.draftRound(&$0); $0.retentionDays = 730; $0.medicalRetentionDays = 730; $0.sessionLifetime = 30 * 24 * 3600 }) { t in
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            let employer = try await HearingTests().deliverInvitation(t, caseId: c.id)
            let id = UUID(uuidString: c.id)!
            let objection = try await t.api.post(
                "/api/v1/cases/\(c.id)/objections", object: ["staff_id": chair.id, "reason": "BEZWAAR-TEKST van de werkgever hier."], token: employer)
            let oid = try #require(objection["id"].string)
            #expect(try await t.api.post(
                "/api/v1/objections/\(oid)/decision", object: ["upheld": false, "motivation": "MOTIVERING-TEKST van de coördinator."],
                token: try await t.staff(.coordinator).token).status == 200)
            let planned = try await t.api.post(
                "/api/v1/cases/\(c.id)/appointments",
                object: ["kind": "hearing", "starts_at": "2026-12-01T13:00:00Z", "duration_minutes": 60, "location": "PLAATS-TEKST",
                         "parties": ["employee", "employer"]], token: chair.token)
            let aid = try #require(planned["id"].string)
            #expect(try await t.api.post(
                "/api/v1/cases/\(c.id)/appointments/\(aid)/response", object: ["attending": true, "note": "NOTITIE-TEKST"], token: c.token).status == 200)
            t.setClock("2026-12-01", hour: 16)
            #expect(try await t.api.post(
                "/api/v1/cases/\(c.id)/appointments/\(aid)/report",
                object: ["held": true, "summary": "VERSLAG-TEKST", "medical_notes": "MEDISCH-VERSLAG"], token: chair.token).status == 200)
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/draft-ruling", object: t.rulingBody(medical: "MEDISCH-CONCEPT"), token: chair.token).status == 201)
            #expect(try await t.api.post(
                "/api/v1/cases/\(c.id)/draft-comments", object: ["text": "OPMERKING-TEKST medisch", "medical": true], token: c.token).status == 201)
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/draft-comments", object: ["no_comments": true], token: employer).status == 201)
            var body = t.rulingBody()
            body["comments_response"] = "Het panel heeft de opmerking verwerkt in de overwegingen."
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: body, token: chair.token).status == 201)

            func texts() async throws -> String {
                try await t.deps.database.transaction { conn in
                    try await conn.run("SELECT set_config('eenloket.medical_read', 'on', true)", logger: t.deps.database.logger)
                    return try await conn.rows(
                        """
                        SELECT concat_ws(' | ',
                               (SELECT concat_ws(' ', decision, motivation) FROM draft_rulings WHERE case_id = \(id)),
                               (SELECT medical_considerations FROM draft_ruling_medical WHERE case_id = \(id)),
                               (SELECT string_agg(text, ' ') FROM draft_comments WHERE case_id = \(id)),
                               (SELECT string_agg(concat_ws(' ', reason, motivation), ' ') FROM objections WHERE case_id = \(id)),
                               (SELECT string_agg(concat_ws(' ', location, summary), ' ') FROM appointments WHERE case_id = \(id)),
                               (SELECT string_agg(m.medical_notes, ' ') FROM appointment_medical m
                                  JOIN appointments a ON a.id = m.appointment_id WHERE a.case_id = \(id)),
                               (SELECT string_agg(r.note, ' ') FROM appointment_responses r
                                  JOIN appointments a ON a.id = r.appointment_id WHERE a.case_id = \(id)))
                        """, logger: t.deps.database.logger)[0].decode(String.self)
                }
            }
            let markers = ["BEZWAAR-TEKST", "MOTIVERING-TEKST", "PLAATS-TEKST", "NOTITIE-TEKST", "VERSLAG-TEKST", "MEDISCH-VERSLAG",
                           "MEDISCH-CONCEPT", "OPMERKING-TEKST"]
            let before = try await texts()
            #expect(markers.allSatisfy(before.contains), "\(before)")
            t.clock.advance(by: 731 * 86_400)
            #expect(try await t.deps.purgeExpiredPersonalData() == 2, "the personal data and the medical file, both after 730 days here")
            let after = try await texts()
            #expect(!markers.contains(where: after.contains), "\(after)")
        }
    }
}
