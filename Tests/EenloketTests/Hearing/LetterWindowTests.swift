import EenloketDomain
import Foundation
import Testing

/// A party invited by letter gets its response window only once the letter
/// is printed and sent, with two working days for the post.
@Suite("Hearing: the letter's window")
struct LetterWindowTests {
    static func letterId(_ t: TestContext, _ caseId: String, intake: String) async throws -> Int {
        let letters = try await t.api.get("/api/v1/notifications?state=letters", token: intake)
        let letter = try #require(letters["items"].array.first { $0["case_id"].string == caseId && $0["kind"].string == "invitation" })
        return try #require(letter["id"].int)
    }

    @Test func theWindowStartsWhenTheLetterIsSentPlusTwoWorkingDays() async throws {
        try await withApp(configure: { $0.hearingWindowDays = 5 }) { t in
            t.setClock("2026-12-04")  // a Friday
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file()  // the employer's postal address, no e-mail address
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            let waiting = try await t.view(c.id, token: c.token)
            #expect(waiting["hearing"]["party"].string == "employer" && waiting["hearing"]["window_ends_at"] == .null)
            #expect(waiting["hearing"]["complete"].bool == false)
            let invited = try #require(try await t.api.get("/api/v1/cases/\(c.id)/events", token: c.token)["items"].array
                .first { $0["type"].string == "party_invited" })
            #expect(invited["data"]["channel"].string == "letter" && invited["data"]["hearing_ends_at"] == nil)

            let early = try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token)
            expectProblem(early, 409)
            #expect(early["detail"].string?.contains("brief") == true, "\(early.text)")
            // Weeks later, the letter still unsent: the hearing is not complete.
            t.setClock("2026-12-28")
            #expect(try await t.view(c.id, token: c.token)["hearing"]["complete"].bool == false)

            t.setClock("2027-01-04")  // Monday; 5 working days + 2 for the post: Wednesday 13 January is the last day
            let intake = try await t.staff(.intakeOfficer).token
            let id = try await Self.letterId(t, c.id, intake: intake)
            let printed = try await t.api.post("/api/v1/notifications/\(id)/print", token: intake)
            #expect(printed.status == 200, "\(printed.text)")
            let body = try #require(printed["body"].string)
            #expect(body.contains("Reageer uiterlijk woensdag 13 januari 2027."), "\(body)")
            #expect(!body.contains(Messages.respondByPlaceholder))
            let started = try await t.view(c.id, token: c.token)
            #expect(started["hearing"]["window_ends_at"].string == "2027-01-13T23:00:00.000Z")

            // A reprint makes a new link but keeps the window.
            t.setClock("2027-01-07")
            let later = try await t.staff(.intakeOfficer).token
            let again = try await t.api.post("/api/v1/notifications/\(id)/print", object: ["reason": "not_received"], token: later)
            #expect(again["body"].string?.contains("Reageer uiterlijk woensdag 13 januari 2027.") == true)
            #expect(try await t.view(c.id, token: c.token)["hearing"]["window_ends_at"].string == "2027-01-13T23:00:00.000Z")

            t.setClock("2027-01-14", hour: 0.5)
            #expect(try await t.view(c.id, token: c.token)["hearing"]["complete"].bool == true)
        }
    }

    @Test func anEmailedInvitationStartsItsWindowAtOnce() async throws {
        try await withApp(configure: { $0.hearingWindowDays = 5 }) { t in
            t.setClock("2027-01-04")
            try await t.member(.bedrijfsarts)
            let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            // Five working days, no days for the post.
            #expect(try await t.view(c.id, token: c.token)["hearing"]["window_ends_at"].string == "2027-01-11T23:00:00.000Z")
        }
    }

    @Test func withoutAWindowALetterKeepsNobodyWaiting() async throws {
        try await withApp(configure: { $0.hearingWindowDays = 0 }) { t in
            try await t.member(.bedrijfsarts)
            let c = try await t.file()
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            let view = try await t.view(c.id, token: c.token)
            #expect(view["hearing"]["window_ends_at"].string != nil && view["hearing"]["complete"].bool == true)
        }
    }

    @Test func theDatabaseRefusesAnEmailedInvitationWithoutAWindow() async throws {
        try await withApp(configure: { $0.hearingWindowDays = 5 }) { t in
            try await t.member(.bedrijfsarts)
            let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            await expectSQLState("23514") {
                _ = try await t.sql("UPDATE case_parties SET hearing_ends_at = NULL WHERE case_id = \(UUID(uuidString: c.id)!) AND NOT is_filer")
            }
        }
    }

    @Test func theLettersWindowRule() {
        let calendar = WorkingDayCalendar()
        let monday = AmsterdamTime.startOfDay(LocalDate(iso: "2027-01-04")!).addingTimeInterval(10 * 3600)
        let byMail = Hearing.windowEnd(invitedAt: monday, workingDays: 5, calendar: calendar)
        let byPost = Hearing.letterWindowEnd(sentAt: monday, workingDays: 5, calendar: calendar)
        #expect(AmsterdamTime.date(of: byMail.addingTimeInterval(-1)).description == "2027-01-11")
        #expect(AmsterdamTime.date(of: byPost.addingTimeInterval(-1)).description == "2027-01-13")
        #expect(Hearing.letterWindowEnd(sentAt: monday, workingDays: 0, calendar: calendar) == monday)
        #expect(!Hearing.mayRule(now: monday.addingTimeInterval(1e8), windowEnd: nil, responded: false))
        #expect(Hearing.mayRule(now: monday, windowEnd: nil, responded: true))
    }
}
