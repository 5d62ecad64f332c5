import EenloketDomain
import Foundation
import Testing

@Suite("Deadlines in working days")
struct DeadlineTests {
    @Test func stagesGetPreferredAndDueDatesInWorkingDays() async throws {
        try await withApp { t in
            // Friday 18 December 2026, 17:00: weekend and Christmas (25/26 Dec, a Friday and Saturday) intervene.
            t.setClock("2026-12-18", hour: 17)
            let c = try await t.file()
            let seen = try await t.view(c.id, token: c.token)
            let triage = seen["deadlines"][0]
            #expect(triage["stage"].string == "triage")
            #expect(triage["preferred_by"].string == "2026-12-22")  // Mon 21, Tue 22
            #expect(triage["due_by"].string == "2026-12-28")  // 21, 22, 23, 24, (25, 26, 27 off) 28
            #expect(triage["met_at"].isNull)
            let list = try await t.api.get("/api/v1/cases", token: try await t.staff(.intakeOfficer).token)
            #expect(list["items"][0]["due_by"].string == "2026-12-28")
        }
    }

    @Test func completingAfterThePreferredMomentNeedsAReason() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            let c = try await t.file()  // Monday 23 November: preferred by Wednesday 25th
            t.setClock("2026-11-26")
            let intake = try await t.staff(.intakeOfficer).token
            var body: [String: Any] = [
                "decision": "accept", "case_type": "work_capacity", "other_options_exhausted": true,
                "disciplines": ["bedrijfsarts"], "motivation": "Heroverweging geweigerd.",
            ]
            let missing = try await t.api.post("/api/v1/cases/\(c.id)/triage", object: body, token: intake)
            expectProblem(missing, 422)
            #expect(missing["errors"][0]["field"].string == "deviation_reason")
            body["deviation_reason"] = "kort"
            expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/triage", object: body, token: intake), 422)
            body["deviation_reason"] = "Drukte door ziekte van twee collega's."
            let accepted = try await t.api.post("/api/v1/cases/\(c.id)/triage", object: body, token: intake)
            #expect(accepted.status == 200, "\(accepted.text)")
            let events = try await t.api.get("/api/v1/cases/\(c.id)/events", token: intake)
            let triaged = events["items"].array.first { $0["type"].string == "case_triaged" }
            #expect(triaged?["data"]["deviation_reason"].string == "Drukte door ziekte van twee collega's.")
            // The ruling stage has the same rule: 15 working days preferred.
            t.setClock("2027-01-04")
            let chairRow = try await t.sql("SELECT s.email FROM staff s JOIN panel_members pm ON pm.staff_id = s.id")
            let chair = try await t.login(try chairRow[0].decode(String.self), "sterk-wachtwoord-12")
            expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair), 422)
            var ruling = t.rulingBody()
            ruling["deviation_reason"] = "Het dossier van de bedrijfsarts kwam laat binnen."
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: ruling, token: chair).status == 201)
        }
    }
}
