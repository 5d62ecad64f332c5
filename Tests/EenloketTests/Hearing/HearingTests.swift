import EenloketDomain
import EenloketStore
import Foundation
import Testing

@Suite("Both parties heard")
struct HearingTests {
    /// Delivers the outbox and returns the invitation's private token for the other party.
    func deliverInvitation(_ t: TestContext, caseId: String) async throws -> String {
        let transport = RecordingTransport()
        try await t.deps.notifications.deliverDue(at: t.clock.now(), limit: 100, via: transport)
        let invitation = try #require(transport.messages.first { $0.subject.hasPrefix("Uitnodiging") })
        let link = try #require(invitation.body.split(separator: "\n").first { $0.hasPrefix("https://eenloket.test/zaak/") })
        return String(link.dropFirst("https://eenloket.test/zaak/".count))
    }

    @Test func otherPartyIsInvitedByEmailAndMayRespondBeforeTheRuling() async throws {
        try await withApp(configure: { $0.hearingWindowDays = 5 }) { t in
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts])["status"].string == "in_review")
            let seen = try await t.view(c.id, token: c.token)
            #expect(seen["hearing"]["party"].string == "employer")
            #expect(seen["hearing"]["window_ends_at"].string == "2026-11-30T23:00:00.000Z")  // end of Mon 30 Nov, Amsterdam
            let invitations = try await t.outbox(c.id).filter { $0.kind == "invitation" }
            #expect(invitations.count == 1 && invitations[0].channel == "email" && invitations[0].to == "hr@jansen.example")
            // The stored message holds no token: it gets one when it is sent.
            let stored = try await t.sql("SELECT body FROM notifications WHERE kind = 'invitation'")
            #expect(try stored[0].decode(String.self).contains(Messages.privateLinkPlaceholder))

            let early = try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token)
            expectProblem(early, 409)
            #expect(early["detail"].string?.contains("2026-11-30T23:00:00.000Z") == true, "\(early.text)")

            let employer = try await deliverInvitation(t, caseId: c.id)
            let employerView = try await t.view(c.id, token: employer)
            #expect(employerView.status == 200)
            #expect(!employerView.json.has("medical_information"))
            let statement = try await t.api.post(
                "/api/v1/cases/\(c.id)/statements", object: ["text": "Wij hebben aangepast werk van 12 uur aangeboden."], token: employer)
            #expect(statement.status == 201, "\(statement.text)")
            #expect(statement["author_role"].string == "employer")
            // The employer was heard; now the employee may answer it, in a window of the same length.
            let turn = try await t.view(c.id, token: c.token)
            #expect(turn["hearing"]["responded_at"].string != nil)
            #expect(turn["hearing"]["filer_window_ends_at"].string == "2026-11-30T23:00:00.000Z")
            #expect(turn["hearing"]["complete"].bool == false)
            let told = try await t.sql(
                "SELECT body FROM notifications WHERE case_id = \(UUID(uuidString: c.id)!) AND kind = 'statement_from_other_party' AND recipient_party = 'employee'")
            #expect(try told[0].decode(String.self).contains("uiterlijk maandag 30 november 2026"))
            let waiting = try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token)
            expectProblem(waiting, 409)
            #expect(waiting["detail"].string?.contains("mag nog antwoorden") == true, "\(waiting.text)")
            let reply = try await t.api.post(
                "/api/v1/cases/\(c.id)/statements", object: ["text": "Twaalf uur lukt nog niet; tien uur wel."], token: c.token)
            #expect(reply.status == 201, "\(reply.text)")
            #expect(try await t.view(c.id, token: c.token)["hearing"]["complete"].bool == true)
            // Both sides heard in turn: the panel may rule now.
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token).status == 201)
            let ruled = try await t.view(c.id, token: employer)
            #expect(!ruled["ruling"].has("medical_considerations"))
            #expect(try await t.outbox(c.id).filter { $0.kind == "ruling_recorded" }.count == 2)
        }
    }

    @Test func theFilersReplyWindowClosingAlsoCompletesTheHearing() async throws {
        try await withApp(configure: { $0.hearingWindowDays = 5 }) { t in
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
            try await t.accept(c.id, disciplines: [.bedrijfsarts])
            let employer = try await deliverInvitation(t, caseId: c.id)
            t.setClock("2026-11-25")  // Wednesday: the reply window runs five working days, to Wednesday 2 December
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/statements", object: ["text": "Wij zien het anders."], token: employer).status == 201)
            #expect(try await t.view(c.id, token: c.token)["hearing"]["filer_window_ends_at"].string == "2026-12-02T23:00:00.000Z")
            t.setClock("2026-12-02", hour: 23.5)
            let token = try await t.login(try await emailOf(t, chair.id), "sterk-wachtwoord-12")
            expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: token), 409)
            t.setClock("2026-12-03", hour: 0.1)
            #expect(try await t.view(c.id, token: c.token)["hearing"]["complete"].bool == true)
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: token).status == 201)
        }
    }

    @Test func theWindowClosingAlsoAllowsTheRuling() async throws {
        try await withApp(configure: { $0.hearingWindowDays = 5 }) { t in
            let chair = try await t.member(.bedrijfsarts)
            // Invited by e-mail: the window starts at the invitation (a letter's starts when it is sent: LetterWindowTests).
            let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
            try await t.accept(c.id, disciplines: [.bedrijfsarts])
            t.setClock("2026-11-30", hour: 23.5)
            let token = try await t.login(try await emailOf(t, chair.id), "sterk-wachtwoord-12")
            expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: token), 409)
            t.setClock("2026-12-01", hour: 0.1)
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: token).status == 201)
        }
    }

    @Test func withoutAnEmailAddressTheInvitationIsALetterToItsPostalAddress() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            let c = try await t.file()  // the employer's postal address, no e-mail address
            let intake = try await t.staff(.intakeOfficer).token
            let accepted = try await t.accept(c.id, disciplines: [.bedrijfsarts], intake: intake)
            #expect(accepted.status == 200, "\(accepted.text)")
            let letters = try await t.api.get("/api/v1/notifications?state=letters", token: intake)
            let letter = try #require(letters["items"].array.first { $0["case_id"].string == c.id && $0["kind"].string == "invitation" })
            #expect(letter["recipient_name"].string == "Bakkerij Jansen B.V.")
            let id = try #require(letter["id"].int)
            let printed = try await t.api.post("/api/v1/notifications/\(id)/print", token: intake)
            #expect(printed.status == 200)
            #expect(printed["recipient_address"]["postal_code"].string == "1011 AA")
            let body = try #require(printed["body"].string)
            let line = try #require(body.split(separator: "\n").first { $0.hasPrefix("https://eenloket.test/zaak/") })
            let token = String(line.dropFirst("https://eenloket.test/zaak/".count))
            #expect(try await t.view(c.id, token: token).status == 200)
            let before = try await t.api.post("/api/v1/cases/\(c.id)/statements", object: ["text": "Eerste reactie van de werkgever."], token: token)
            #expect(before["author_role"].string == "employer")
            // Printing again needs a reason, makes a new link, and the old one stops working.
            expectProblem(try await t.api.post("/api/v1/notifications/\(id)/print", token: intake), 422)
            // A reason is a choice: free text would reach both parties through the history.
            let text = try await t.api.post("/api/v1/notifications/\(id)/print", object: ["reason": "De brief kwam niet aan."], token: intake)
            expectProblem(text, 422)
            let again = try await t.api.post("/api/v1/notifications/\(id)/print", object: ["reason": "not_received"], token: intake)
            #expect(again.status == 200)
            expectProblem(try await t.view(c.id, token: token), 401)
            let newLine = try #require(again["body"].string?.split(separator: "\n").first { $0.hasPrefix("https://eenloket.test/zaak/") })
            let newToken = String(newLine.dropFirst("https://eenloket.test/zaak/".count))
            // The new link is the same party: statements keep their author, old and new.
            let after = try await t.api.post("/api/v1/cases/\(c.id)/statements", object: ["text": "Tweede reactie van de werkgever."], token: newToken)
            #expect(after["author_role"].string == "employer")
            let authors = try await t.api.get("/api/v1/cases/\(c.id)/statements", token: c.token)["items"].array.map { $0["author_role"].string }
            #expect(authors == ["employer", "employer"])
            let events = try await t.api.get("/api/v1/cases/\(c.id)/events", token: intake)["items"].array
            let reprint = try #require(events.first { $0["type"].string == "letter_reprinted" })
            #expect(reprint["data"]["reason"].string == "not_received")
            #expect(events.filter { $0["type"].string == "party_link_first_used" }.count == 2, "each new link's first use is recorded")
            let remaining = try await t.api.get("/api/v1/notifications?state=letters", token: intake)
            #expect(!remaining["items"].array.contains { $0["id"].int == id })
            let printedList = try await t.api.get("/api/v1/notifications?state=printed", token: intake)
            #expect(printedList["items"].array.contains { $0["id"].int == id })
            expectProblem(try await t.api.get("/api/v1/notifications?state=failed", token: intake), 403)
        }
    }

    @Test func medicalStatementsFollowTheMedicalRule() async throws {
        try await withApp { t in
            let ba = try await t.member(.bedrijfsarts)
            let ad = try await t.member(.arbeidsdeskundige)
            let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
            try await t.accept(c.id, disciplines: [.bedrijfsarts, .arbeidsdeskundige])
            let employer = try await HearingTests().deliverInvitation(t, caseId: c.id)
            let path = "/api/v1/cases/\(c.id)/statements"
            #expect(try await t.api.post(path, object: ["text": "Mijn behandelaar ziet vooruitgang.", "medical": true], token: c.token).status == 201)
            #expect(try await t.api.post(path, object: ["text": "Werkplek is aangepast."], token: employer).status == 201)
            let refused = try await t.api.post(path, object: ["text": "Zij heeft een burn-out.", "medical": true], token: employer)
            expectProblem(refused, 422)
            expectProblem(try await t.api.post(path, object: ["text": "Ook iets."], token: try await t.staff(.coordinator).token), 403)
            #expect(try await t.api.post(path, object: ["text": "Belastbaarheid vastgesteld.", "medical": true], token: ba.token).status == 201)
            expectProblem(try await t.api.post(path, object: ["text": "Mag niet.", "medical": true], token: ad.token), 422)

            func texts(_ token: String) async throws -> [String] {
                try await t.api.get(path, token: token)["items"].array.compactMap { $0["text"].string }
            }
            #expect(try await texts(c.token).count == 3)
            #expect(try await texts(ba.token).count == 3)
            #expect(try await texts(employer) == ["Werkplek is aangepast."])
            #expect(try await texts(ad.token) == ["Werkplek is aangepast."])
            #expect(try await texts(try await t.staff(.coordinator).token) == ["Werkplek is aangepast."])
            #expect(try await t.api.get(path, token: try await t.staff(.intakeOfficer).token)["items"].array.count == 3)
            // The employer's statement told the employee; every statement told the panel (but not its author).
            let kinds = try await t.outbox(c.id).map(\.kind)
            #expect(kinds.filter { $0 == "statement_from_other_party" }.count == 2)
            #expect(kinds.filter { $0 == "statement_added" }.count == 2 * 2 + 1)
        }
    }

    func emailOf(_ t: TestContext, _ id: String) async throws -> String {
        let rows = try await t.sql("SELECT email FROM staff WHERE id = \(UUID(uuidString: id)!)")
        return try rows[0].decode(String.self)
    }
}
