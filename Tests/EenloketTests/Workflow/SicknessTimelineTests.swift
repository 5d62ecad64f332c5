import EenloketDomain
import Foundation
import Testing

/// `sickness` in the case answer and the case list, and the earlier spell at filing.
@Suite("Where the employee is in the sickness years")
struct SicknessTimelineTests {
    @Test func theCaseAndTheListShowTheWeekAndTheNextMilestone() async throws {
        try await withApp { t in
            // Today is 2026-11-23 (testStart).
            let plain = try await t.file(["sick_since": "2026-06-01"])
            let view = try await t.view(plain.id, token: plain.token)
            #expect(view["sickness"]["week"].int == 26, "\(view["sickness"])")
            #expect(view["sickness"]["next_milestone"]["key"].string == "week_42_notice")
            #expect(view["sickness"]["next_milestone"]["week"].int == 42)
            #expect(view["sickness"]["next_milestone"]["on"].string == "2027-03-15", "2026-06-01 + 7 × 41 days")
            // An earlier spell of 61 days that ended 20 days before counts: the period starts on 2026-04-01.
            var body = t.filing(["sick_since": "2026-06-01"])
            body["earlier_spell"] = ["started_on": "2026-03-13", "ended_on": "2026-05-12"]
            let relapse = try await t.api.post("/api/v1/cases", object: body)
            #expect(relapse.status == 201, "\(relapse.text)")
            #expect(relapse["sickness"]["week"].int == 34, "\(relapse["sickness"])")
            #expect(relapse["sickness"]["next_milestone"]["on"].string == "2027-01-13")
            let intake = try await t.staff(.intakeOfficer).token
            let list = try await t.api.get("/api/v1/cases", token: intake)
            let item = try #require(list["items"].array.first { $0["id"].string == relapse["id"].string })
            #expect(item["sickness"]["week"].int == 34 && item["sickness"]["next_milestone"]["key"].string == "week_42_notice")
        }
    }

    @Test func anEarlierSpellThatDoesNotFitIsRefused() async throws {
        try await withApp { t in
            for (spell, field) in [
                (["started_on": "2026-05-01", "ended_on": "2026-06-01"], "earlier_spell.ended_on"),
                (["started_on": "2026-05-10", "ended_on": "2026-05-09"], "earlier_spell.ended_on"),
                (["started_on": "2026-05-10"], "earlier_spell.ended_on"),
            ] as [([String: String], String)] {
                var body = t.filing(["sick_since": "2026-06-01"])
                body["earlier_spell"] = spell
                let refused = try await t.api.post("/api/v1/cases", object: body)
                expectProblem(refused, 422)
                #expect(refused["errors"].array.contains { $0["field"].string == field }, "\(spell): \(refused.text)")
            }
            #expect(try await t.sql("SELECT count(*)::int FROM cases")[0].decode(Int.self) == 0, "nothing filed")
            await expectSQLState("23514", constraint: "earlier_spell_before_this_one") {
                _ = try await t.sql("UPDATE cases SET earlier_spell_started_on = sick_since, earlier_spell_ended_on = sick_since")
                let c = try await t.file()
                _ = try await t.sql("UPDATE cases SET earlier_spell_started_on = sick_since, earlier_spell_ended_on = sick_since WHERE id = \(UUID(uuidString: c.id)!)")
            }
        }
    }

    @Test func theQueueAndTheCasePageShowTheWeekAndMarkWhatIsNear() async throws {
        try await withApp { t in
            // Today is 2026-11-23: a case in week 26, and one whose problem analysis (week 6) is 8 days away.
            let calm = try await t.file(["sick_since": "2026-06-01"])
            let near = try await t.file(["sick_since": "2026-10-26"])
            let intake = "eenloket_sessie=\(try await t.staff(.intakeOfficer).token)"
            let queue = try await t.api.request(.get, "/medewerkers/zaken", headers: [.cookie: intake])
            let rows = queue.text.components(separatedBy: "<tr>")
            let calmRow = try #require(rows.first { $0.contains(calm.id) }), nearRow = try #require(rows.first { $0.contains(near.id) })
            #expect(calmRow.contains("Week 26") && calmRow.contains("Ziekmelding bij UWV (week 42), maandag 15 maart 2027") && !calmRow.contains("Eerst bekijken"))
            #expect(nearRow.contains("Week 5") && nearRow.contains("Eerst bekijken") && nearRow.contains("Probleemanalyse (week 6), maandag 30 november 2026"))
            let page = try await t.api.request(.get, "/medewerkers/zaken/\(near.id)", headers: [.cookie: intake])
            #expect(page.text.contains("<dt>Ziekteweek</dt>") && page.text.contains("Eerst bekijken"))
        }
    }

    @Test func theFilingFormAsksForAnEarlierSpell() async throws {
        try await withApp { t in
            let form = try await t.api.request(.get, "/vraag/werknemer")
            #expect(form.text.contains("name=\"earlier_spell.started_on\"") && form.text.contains("name=\"earlier_spell.ended_on\""))
            let csrf = try #require(form.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/).map { String($0.1) })
            let cookie = try #require(form.headers[values: .setCookie].first.map { String($0.prefix { $0 != ";" }) })
            let body = [
                "csrf=\(csrf)", "idempotency_key=\(UUID().uuidString)", "filer.name=Sanne+de+Vries", "filer.email=sanne%40example.nl",
                "employer.name=Bakkerij+Jansen", "employer.kvk_number=12345678", "sick_since=2026-06-01",
                "earlier_spell.started_on=2026-03-13", "earlier_spell.ended_on=2026-05-12",
                "question=De+bedrijfsarts+vindt+dat+ik+20+uur+kan+werken.",
            ].joined(separator: "&")
            let filed = try await t.api.request(
                .post, "/vraag/werknemer", json: body, headers: [.cookie: cookie], contentType: "application/x-www-form-urlencoded")
            #expect(filed.status == 200, "\(filed.text.prefix(400))")
            let stored = try await t.sql("SELECT earlier_spell_started_on::text, earlier_spell_ended_on::text FROM cases")
            let (start, end) = try stored[0].decode((String, String).self)
            #expect(start == "2026-03-13" && end == "2026-05-12")
        }
    }
}
