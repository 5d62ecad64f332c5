import EenloketDomain
import EenloketHTTP
import Foundation
import Testing

@Suite("Durable timers")
struct TimerTests {
    @Test func preferredMomentRemindsAndDueDateEscalates() async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer)
            try await t.staff(.coordinator)
            let c = try await t.file()  // triage preferred by Wed 25 Nov, due by Mon 30 Nov
            t.setClock("2026-11-25", hour: 23.9)
            #expect(try await t.fireTimers() == 0)
            t.setClock("2026-11-26", hour: 0.01)
            #expect(try await t.fireTimers() == 1)
            #expect(try await t.eventTypes(c.id).last == "reminder_sent")
            let reminders = try await t.outbox(c.id).filter { $0.kind == "reminder" }
            #expect(reminders.count == 1)
            let intakeEmail = try await t.sql("SELECT email FROM staff WHERE id = \(UUID(uuidString: intake.id)!)")
            #expect(reminders[0].to == (try intakeEmail[0].decode(String.self)))
            t.setClock("2026-12-01", hour: 0.01)
            #expect(try await t.fireTimers() == 1)
            #expect(try await t.eventTypes(c.id).suffix(2) == ["deadline_missed", "escalated"])
            #expect(try await t.outbox(c.id).contains { $0.kind == "escalation" })
            let escalations = try await t.api.get("/api/v1/escalations", token: try await t.staff(.coordinator).token)
            #expect(escalations["items"].array.contains { $0["case_id"].string == c.id && $0["kind"].string == "deadline_missed" })
            // Nothing fires twice.
            t.clock.advance(by: 86_400)
            #expect(try await t.fireTimers() == 0)
        }
    }

    @Test func aMetStageMakesItsTimersMoot() async throws {
        try await withApp { t in
            let c = try await t.file()
            let intake = try await t.staff(.intakeOfficer).token
            #expect(try await t.api.post(
                "/api/v1/cases/\(c.id)/triage", object: ["decision": "answer", "motivation": "Beantwoord bij de intake."], token: intake
            ).status == 200)
            t.setClock("2026-12-31")
            #expect(try await t.fireTimers() == 2)
            #expect(!(try await t.eventTypes(c.id)).contains("reminder_sent"))
            let outcomes = try await t.sql("SELECT DISTINCT outcome FROM timers WHERE case_id = \(UUID(uuidString: c.id)!)")
            #expect(try outcomes.map { try $0.decode(String.self) } == ["moot"])
        }
    }

    @Test func waitingForAPanelPastItsDeadlineEscalates() async throws {
        try await withApp { t in
            let c = try await t.file()
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts])["status"].string == "awaiting_panel")
            t.setClock("2026-12-02")  // panel: 5 working days after Mon 23 Nov is Mon 30 Nov
            try await t.fireTimers()
            let rows = try await t.sql("SELECT kind FROM escalations WHERE case_id = \(UUID(uuidString: c.id)!)")
            #expect(try rows.map { try $0.decode(String.self) }.contains("awaiting_panel"))
        }
    }

    @Test func twoSchedulersFireEveryTimerExactlyOnce() async throws {
        let database = try await TestDatabase.shared.freshDatabase()
        let clock = ManualClock(testStart)
        try await withApp(clock: clock, database: database) { a in
            try await withApp(clock: clock, database: database) { b in
                try await a.staff(.intakeOfficer)
                var cases: [String] = []
                for _ in 0..<60 { cases.append(try await a.file().id) }  // 120 timers (preferred + due)
                clock.set(AmsterdamTime.startOfDay(LocalDate(year: 2026, month: 12, day: 15)!))
                let fired = try await withThrowingTaskGroup(of: Int.self) { group in
                    for instance in [a, b, a, b] {
                        group.addTask {
                            var total = 0
                            while true {
                                let n = try await instance.deps.timers.fireDue(at: clock.now(), limit: 7)
                                total += n
                                if n == 0 { return total }
                            }
                        }
                    }
                    return try await group.reduce(0, +)
                }
                #expect(fired == 120)
                let perCase = try await a.sql(
                    """
                    SELECT count(*) FILTER (WHERE type = 'reminder_sent')::int, count(*) FILTER (WHERE type = 'deadline_missed')::int
                      FROM case_events GROUP BY case_id HAVING count(*) FILTER (WHERE type = 'case_filed') = 1
                    """)
                #expect(perCase.count == 60)
                for row in perCase {
                    let (reminders, missed) = try row.decode((Int, Int).self)
                    #expect(reminders == 1 && missed == 1)
                }
                let unfired = try await a.sql("SELECT count(*)::int FROM timers WHERE fired_at IS NULL")
                #expect(try unfired[0].decode(Int.self) == 0)
            }
        }
    }

    @Test func theBackgroundWorkerFiresADueTimerWithinTwoSeconds() async throws {
        try await withApp(clock: ManualClock(Date()), configure: { $0.runWorkers = true; $0.workerPollInterval = .milliseconds(500) }) { t in
            let c = try await t.file()
            // A timer due now, added behind the service's back (as another instance would).
            let due = Date()
            _ = try await t.sql(
                """
                INSERT INTO timers (kind, case_id, stage, due_at, created_at)
                VALUES ('preferred_passed', \(UUID(uuidString: c.id)!), 'triage', \(due), \(due))
                """)
            t.clock.set(Date())
            var firedAt: Date?
            for _ in 0..<40 {
                let rows = try await t.sql("SELECT fired_at FROM timers WHERE due_at = \(due) AND case_id = \(UUID(uuidString: c.id)!)")
                if let at = try rows.first?.decode(Date?.self) {
                    firedAt = at
                    break
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            let at = try #require(firedAt)
            #expect(at.timeIntervalSince(due) < 2)
        }
    }
}
