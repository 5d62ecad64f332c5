import EenloketDomain
import EenloketHTTP
import Foundation
import Testing

/// Appointments: a hearing session or a medical examination, planned by the
/// chair (or a coordinator), answered by the parties, reminded, reported.
@Suite("Appointments")
struct AppointmentTests {
    /// Tuesday 1 December 2026, 14:00 Amsterdam (13:00 UTC): six working days after the tests' Monday.
    static let startsAt = "2026-12-01T13:00:00Z"

    static func hearing(_ changes: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "kind": "hearing", "starts_at": startsAt, "duration_minutes": 60, "location": "Eenloket, Utrecht, zaal 2",
            "parties": ["employee", "employer"],
        ]
        for (key, value) in changes { body[key] = value }
        return body
    }

    @Test func theChairPlansAHearingThePartiesAnswerAndAreRemindedAndTheChairReports() async throws {
        try await withApp(configure: { $0.sessionLifetime = 30 * 24 * 3600 }) { t in
            let s = try await ObjectionTests.setup(t)
            let path = "/api/v1/cases/\(s.id)/appointments"
            // Not sooner than two working days after today, not further than 60 days ahead, somewhere.
            let tooSoon = try await t.api.post(path, object: Self.hearing(["starts_at": "2026-11-24T13:00:00Z"]), token: s.chair.token)
            expectProblem(tooSoon, 422)
            #expect(tooSoon.text.contains("starts_at"))
            expectProblem(try await t.api.post(path, object: Self.hearing(["starts_at": "2027-03-01T13:00:00Z"]), token: s.chair.token), 422)
            var nowhere = Self.hearing()
            nowhere["location"] = nil
            expectProblem(try await t.api.post(path, object: nowhere, token: s.chair.token), 422)
            expectProblem(try await t.api.post(path, object: Self.hearing(["online_url": "http://video.example"]), token: s.chair.token), 422)
            expectProblem(try await t.api.post(path, object: Self.hearing(), token: s.spare.token), 404)
            expectProblem(try await t.api.post(path, object: Self.hearing(), token: s.employee), 403)

            let planned = try await t.api.post(path, object: Self.hearing(), token: s.chair.token)
            #expect(planned.status == 201, "\(planned.text)")
            #expect(planned["status"].string == "scheduled" && planned["responses"] == .object([:]))
            let aid = try #require(planned["id"].string)
            let invitations = try await t.sql(
                "SELECT body FROM notifications WHERE kind = 'appointment_scheduled' AND recipient_party IS NOT NULL ORDER BY id")
                .map { try $0.decode(String.self) }
            #expect(invitations.count == 2 && invitations.allSatisfy { $0.contains("dinsdag 1 december 2026 om 14:00") && $0.contains("zaal 2") })
            // The panel decides nothing while the hearing is still to come.
            let early = try await t.api.post("/api/v1/cases/\(s.id)/ruling", object: t.rulingBody(), token: s.chair.token)
            expectProblem(early, 409)
            #expect(early["detail"].string?.contains("afspraak") == true, "\(early.text)")

            let answer = "\(path)/\(aid)/response"
            let yes = try await t.api.post(answer, object: ["attending": true, "note": "Ik neem mijn vakbondsjurist mee."], token: s.employee)
            #expect(yes.status == 200 && yes["responses"]["employee"]["attending"].bool == true, "\(yes.text)")
            let no = try await t.api.post(answer, object: ["attending": false, "note": "Onze directeur is met vakantie."], token: s.employer)
            #expect(no["responses"]["employer"]["attending"].bool == false)
            let seenByEmployer = try await t.api.get(path, token: s.employer)["items"][0]["responses"]
            #expect(seenByEmployer["employee"]["attending"].bool == true && seenByEmployer["employee"]["note"] == .null,
                    "a party sees whether the other comes, not its note")
            expectProblem(try await t.api.post(answer, object: ["attending": true], token: s.chair.token), 403)

            // One working day before (Monday 30 November, 09:00) the parties are reminded.
            t.setClock("2026-11-30", hour: 9.5)
            #expect(try await t.fireTimers() >= 1)
            #expect(try await t.outbox(s.id).filter { $0.kind == "appointment_reminder" }.count == 2)

            let report = "\(path)/\(aid)/report"
            let before = try await t.api.post(report, object: ["held": true, "summary": "Beide partijen gehoord."], token: s.chair.token)
            expectProblem(before, 409)
            t.setClock("2026-12-01", hour: 15.5)
            expectProblem(try await t.api.post(report, object: ["held": true], token: s.chair.token), 422)
            let reported = try await t.api.post(
                report, object: ["held": true, "summary": "De werknemer is gehoord; de werkgever kwam niet.", "medical_notes": "Knieklachten besproken."],
                token: s.chair.token)
            #expect(reported.status == 200 && reported["status"].string == "held", "\(reported.text)")
            let employerView = try await t.api.get(path, token: s.employer)["items"][0]
            #expect(employerView["summary"].string?.contains("gehoord") == true)
            let employerList = try await t.api.get(path, token: s.employer)
            #expect(!employerView.has("medical_notes") && !employerList.text.contains("Knie"), "the employer never sees medical notes")
            #expect(try await t.api.get(path, token: s.employee)["items"][0]["medical_notes"].string == "Knieklachten besproken.")
            expectProblem(try await t.api.post(report, object: ["held": false], token: s.chair.token), 409)
            let events = try await t.eventTypes(s.id)
            #expect(events.contains("appointment_scheduled") && events.contains("appointment_reported"))
            #expect(try await t.api.post("/api/v1/cases/\(s.id)/ruling", object: t.rulingBody(), token: s.chair.token).status == 201)
        }
    }

    @Test func anExaminationIsForTheEmployeeByAPhysicianAndCanBeCancelled() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            let path = "/api/v1/cases/\(s.id)/appointments"
            let coordinator = try await t.staff(.coordinator).token
            var examination = Self.hearing(["kind": "examination", "parties": ["employee", "employer"]])
            expectProblem(try await t.api.post(path, object: examination, token: s.chair.token), 422)
            examination["parties"] = ["employee"]
            let withoutExaminer = try await t.api.post(path, object: examination, token: coordinator)
            expectProblem(withoutExaminer, 422)
            #expect(withoutExaminer.text.contains("examiner_id"), "a coordinator names the physician")
            examination["examiner_id"] = s.chair.id
            let planned = try await t.api.post(path, object: examination, token: coordinator)
            #expect(planned.status == 201, "\(planned.text)")
            let aid = try #require(planned["id"].string)
            #expect(try await t.outbox(s.id).filter { $0.kind == "appointment_scheduled" }.count == 1, "the employee only")
            expectProblem(try await t.api.post("\(path)/\(aid)/response", object: ["attending": true], token: s.employer), 403)
            let cancelled = try await t.api.post("\(path)/\(aid)/cancel", object: ["reason": "De arts is ziek."], token: s.chair.token)
            #expect(cancelled["status"].string == "cancelled", "\(cancelled.text)")
            expectProblem(try await t.api.post("\(path)/\(aid)/cancel", object: ["reason": "Nogmaals."], token: coordinator), 409)
            let employeeList = try await t.api.get(path, token: s.employee)
            #expect(!employeeList.text.contains("De arts is ziek"), "the reason is for staff")
            #expect(try await t.outbox(s.id).filter { $0.kind == "appointment_cancelled" }.count == 1)
            let id = UUID(uuidString: aid)!
            await expectSQLState("42501") { try await t.sql("UPDATE appointments SET status = 'scheduled' WHERE id = \(id)") }
            await expectSQLState("23514") {
                try await t.sql("INSERT INTO appointment_responses (appointment_id, party, attending, answered_at) VALUES (\(id), 'employee', true, now())")
            }
        }
    }

    @Test func appointmentsOnlyWhileThePanelReviews() async throws {
        try await withApp { t in
            let s = try await ObjectionTests.setup(t)
            #expect(try await t.api.post("/api/v1/cases/\(s.id)/ruling", object: t.rulingBody(), token: s.chair.token).status == 201)
            expectProblem(try await t.api.post("/api/v1/cases/\(s.id)/appointments", object: Self.hearing(), token: s.chair.token), 409)
        }
    }
}
