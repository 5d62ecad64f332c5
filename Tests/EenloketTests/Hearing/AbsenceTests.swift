import EenloketDomain
import Foundation
import Testing

@Suite("Absence of panel members")
struct AbsenceTests {
    @Test func absentMembersAreSkippedUntilTheirAbsenceEnds() async throws {
        try await withApp { t in
            let away = try await t.member(.bedrijfsarts, name: "Afwezig")
            let path = "/api/v1/staff/\(away.id)/absences"
            let recorded = try await t.api.post(path, object: ["starts_on": "2026-11-23", "ends_on": "2026-11-27", "reason": "Vakantie"], token: away.token)
            #expect(recorded.status == 201, "\(recorded.text)")
            let c = try await t.file()
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts])["status"].string == "awaiting_panel")
            // The absence ends: its timer routes the waiting case.
            t.setClock("2026-11-28", hour: 0.1)
            try await t.fireTimers()
            let seen = try await t.view(c.id, token: c.token)
            #expect(seen["status"].string == "in_review")
            #expect(seen["panel"][0]["staff_id"].string == away.id)
        }
    }

    @Test func whoMayRecordAbsencesAndValidation() async throws {
        try await withApp { t in
            let member = try await t.member(.bedrijfsarts)
            let other = try await t.member(.verzekeringsarts)
            let path = "/api/v1/staff/\(member.id)/absences"
            let body = ["starts_on": "2026-12-01", "ends_on": "2026-12-05"]
            expectProblem(try await t.api.post(path, object: body, token: other.token), 403)
            expectProblem(try await t.api.post(path, object: body, token: try await t.staff(.intakeOfficer).token), 403)
            let coordinator = try await t.staff(.coordinator).token
            let created = try await t.api.post(path, object: body, token: coordinator)
            #expect(created.status == 201)
            expectProblem(try await t.api.post(path, object: ["starts_on": "2026-12-05", "ends_on": "2026-12-01"], token: coordinator), 422)
            expectProblem(try await t.api.post(path, object: ["starts_on": "2026-11-01", "ends_on": "2026-11-20"], token: coordinator), 422)
            #expect(try await t.api.get(path, token: member.token)["items"].array.count == 1)
            let id = try #require(created["id"].string)
            #expect(try await t.api.delete("\(path)/\(id)", token: member.token).status == 204)
            #expect(try await t.api.get(path, token: member.token)["items"].array.isEmpty)
            expectProblem(try await t.api.delete("\(path)/\(id)", token: member.token), 404)
        }
    }

    @Test func aChairAbsentThroughThePreferredRulingDateIsEscalated() async throws {
        try await withApp { t in
            try await t.staff(.coordinator)
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file()
            try await t.accept(c.id, disciplines: [.bedrijfsarts])
            // Ruling preferred by: 15 working days after Mon 23 Nov = Mon 14 Dec.
            let seen = try await t.view(c.id, token: c.token)
            #expect(seen["deadlines"].array.first { $0["stage"].string == "ruling" }?["preferred_by"].string == "2026-12-14")
            let absence = try await t.api.post(
                "/api/v1/staff/\(chair.id)/absences", object: ["starts_on": "2026-12-07", "ends_on": "2026-12-18"], token: chair.token)
            #expect(absence.status == 201)
            let rows = try await t.sql("SELECT kind FROM escalations WHERE case_id = \(UUID(uuidString: c.id)!)")
            #expect(try rows.map { try $0.decode(String.self) } == ["chair_absent"])
            #expect(try await t.outbox(c.id).contains { $0.kind == "escalation" })
        }
    }

    @Test func aChairAbsentIsEscalatedOnceWhileItStaysOpen() async throws {
        try await withApp { t in
            try await t.staff(.coordinator)
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file()
            try await t.accept(c.id, disciplines: [.bedrijfsarts])
            let caseId = UUID(uuidString: c.id)!
            #expect(try await t.api.post(
                "/api/v1/staff/\(chair.id)/absences", object: ["starts_on": "2026-12-07", "ends_on": "2026-12-18"], token: chair.token
            ).status == 201)
            // The reminder once the preferred ruling date (14 Dec) has passed finds the chair absent too.
            t.setClock("2026-12-15", hour: 10)
            #expect(try await t.fireTimers() >= 1)
            #expect(try await t.outbox(c.id).contains { $0.kind == "reminder" })
            let open = try await t.sql("SELECT count(*)::int FROM escalations WHERE case_id = \(caseId) AND kind = 'chair_absent'")
            #expect(try open[0].decode(Int.self) == 1)
            #expect(try await t.outbox(c.id).filter { $0.kind == "escalation" }.count == 1)
            let events = try await t.sql("SELECT count(*)::int FROM case_events WHERE case_id = \(caseId) AND type = 'escalated'")
            #expect(try events[0].decode(Int.self) == 1)
            // The database holds the rule, whatever path inserts.
            await expectSQLState("23505") {
                try await t.sql(
                    "INSERT INTO escalations (case_id, kind, detail, created_at) VALUES (\(caseId), 'chair_absent', 'x', now())")
            }
        }
    }
}
