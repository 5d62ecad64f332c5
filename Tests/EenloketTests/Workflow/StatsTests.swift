import EenloketDomain
import Foundation
import Testing

@Suite("Supervision statistics")
struct StatsTests {
    @Test func overviewCountsAndRulingFigures() async throws {
        try await withApp { t in
            let inspector = try await t.staff(.inspector).token
            let empty = try await t.api.get("/api/v1/stats/overview", token: inspector)
            #expect(empty.status == 200)
            #expect(empty["median_days_to_ruling"].isNull)
            #expect(empty["share_ruled_within_due"].isNull)
            #expect(empty["cases_by_status"]["submitted"].int == 0)

            // Staff tokens live 8 hours; the clock moves weeks, so log in again where needed.
            let chairEmail = "voorzitter@eenloket.test"
            let admin = try await t.adminToken()
            let created = try await t.api.post(
                "/api/v1/staff",
                object: ["email": chairEmail, "name": "Dr. Voorzitter", "password": "sterk-wachtwoord-12", "role": "panel_member",
                         "panel": ["discipline": "bedrijfsarts", "big_number": "49012345601", "registered_since": "2012-03-01",
                                   "max_open_cases": 10]], token: admin)
            #expect(created.status == 201)
            for days in [10, 20, 50] {
                let c = try await t.file()
                try await t.accept(c.id, disciplines: [.bedrijfsarts], caseType: .workCapacity)
                t.clock.advance(by: Double(days) * 86_400)
                let chair = try await t.login(chairEmail, "sterk-wachtwoord-12")
                var ruling = t.rulingBody()
                ruling["deviation_reason"] = "Aanvullende stukken moesten worden opgevraagd."
                #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: ruling, token: chair).status == 201)
            }
            _ = try await t.file()
            let inspectorNow = try await t.staff(.inspector).token
            let overview = try await t.api.get("/api/v1/stats/overview", token: inspectorNow)
            #expect(overview["cases_by_status"]["ruled"].int == 3)
            #expect(overview["cases_by_status"]["submitted"].int == 1)
            #expect(overview["cases_by_type"]["work_capacity"].int == 3)
            #expect(overview["median_days_to_ruling"].double == 20)
            // 30 working days: 10 and 20 calendar days are within, 50 is not.
            let share = try #require(overview["share_ruled_within_due"].double)
            #expect(abs(share - 2.0 / 3.0) < 1e-9)
            for token in [try await t.staff(.coordinator).token, try await t.adminToken()] {
                #expect(try await t.api.get("/api/v1/stats/overview", token: token).status == 200)
            }
            expectProblem(try await t.api.get("/api/v1/stats/overview", token: try await t.staff(.intakeOfficer).token), 403)
            expectProblem(try await t.api.get("/api/v1/stats/overview", token: try await t.login(chairEmail, "sterk-wachtwoord-12")), 403)
        }
    }

    @Test func employerScoresWeighYearsThreeTwoOneAndHideSmallEmployers() async throws {
        // Start on 2024-02-01 and file accepted cases across three years.
        let start = AmsterdamTime.startOfDay(LocalDate(year: 2024, month: 2, day: 1)!).addingTimeInterval(10 * 3600)
        try await withApp(clock: ManualClock(start)) { t in
            func fileAccepted(kvk: String, name: String, year: Int, minute: Int = 0) async throws {
                let morning = AmsterdamTime.startOfDay(LocalDate(year: year, month: 3, day: 2)!).addingTimeInterval(36_000)
                t.clock.set(morning.addingTimeInterval(Double(minute) * 60))
                let intake = try await t.staff(.intakeOfficer).token
                let c = try await t.file(["employer": ["name": name, "kvk_number": kvk, "address": t.employerAddress], "sick_since": "\(year)-01-05"])
                let reply = try await t.api.post(
                    "/api/v1/cases/\(c.id)/triage",
                    object: ["decision": "accept", "case_type": "work_capacity", "other_options_exhausted": true,
                             "disciplines": ["bedrijfsarts"], "motivation": "Geaccepteerd voor het panel."], token: intake)
                #expect(reply.status == 200)
            }
            // 11111111: 1 in 2024, 2 in 2025, 3 in 2026 → (3·3 + 2·2 + 1)/6 = 14/6.
            for (year, n) in [(2024, 1), (2025, 2), (2026, 3)] {
                for i in 0..<n { try await fileAccepted(kvk: "11111111", name: "Oud \(year)-\(i)", year: year, minute: i) }
            }
            // 22222222: 5 in 2024 only → 5/6.
            for i in 0..<5 { try await fileAccepted(kvk: "22222222", name: "Twee \(i)", year: 2024) }
            // 33333333: 4 cases: left out.
            for _ in 0..<4 { try await fileAccepted(kvk: "33333333", name: "Klein", year: 2026) }
            // Not accepted: does not count.
            let intake = try await t.staff(.intakeOfficer).token
            let refused = try await t.file(["employer": ["name": "Oud", "kvk_number": "11111111"]])
            #expect(try await t.api.post(
                "/api/v1/cases/\(refused.id)/triage", object: ["decision": "refer", "motivation": "Eerst mediation."], token: intake
            ).status == 200)
            let coordinator = try await t.staff(.coordinator).token
            let reply = try await t.api.get("/api/v1/stats/employers?year=2026", token: coordinator)
            #expect(reply.status == 200, "\(reply.text)")
            let items = reply["items"].array
            #expect(items.compactMap { $0["kvk_number"].string } == ["11111111", "22222222"])
            #expect(items[0]["cases"].array.compactMap(\.int) == [1, 2, 3])
            #expect(abs((items[0]["weighted_score"].double ?? 0) - 14.0 / 6.0) < 1e-9)
            #expect(items[0]["name"].string == "Oud 2026-2")
            #expect(items[1]["cases"].array.compactMap(\.int) == [5, 0, 0])
            #expect(abs((items[1]["weighted_score"].double ?? 0) - 5.0 / 6.0) < 1e-9)
            // In 2027 the 2024 cases have left the window.
            let later = try await t.api.get("/api/v1/stats/employers?year=2027", token: coordinator)
            #expect(later["items"].array.compactMap { $0["kvk_number"].string } == ["11111111"])
        }
    }
}
