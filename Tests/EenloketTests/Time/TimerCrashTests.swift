import EenloketDomain
import Foundation
import PostgresNIO
import Testing

@Suite("Timers survive a killed process")
struct TimerCrashTests {
    @Test func aKilledSchedulerLeavesEveryTimerToFireExactlyOnceElsewhere() async throws {
        let database = try await TestDatabase.shared.freshDatabase()
        let total = 3000
        // Seed: cases with an unmet triage deadline whose preferred moment has passed.
        try await withApp(clock: ManualClock(Date()), database: database) { t in
            try await t.staff(.intakeOfficer)
            _ = try await t.sql(
                """
                INSERT INTO cases (id, reference, filer_role, employee_name, employer_name, employer_kvk, sick_since, question,
                                   created_at, updated_at, filed_on)
                SELECT gen_random_uuid(), 'EL-2026-' || lpad(i::text, 6, '0'), 'employee', 'Werknemer', 'Bakkerij', '12345678',
                       '2026-03-02', 'Een vraag van minstens twintig tekens.', now(), now(), current_date
                  FROM generate_series(1, \(total)) AS i
                """)
            _ = try await t.sql(
                """
                INSERT INTO case_deadlines (case_id, stage, started_at, preferred_by, due_by)
                SELECT id, 'triage', now(), current_date - 1, current_date + 30 FROM cases
                """)
            _ = try await t.sql(
                """
                INSERT INTO timers (kind, case_id, stage, due_at, created_at)
                SELECT 'preferred_passed', id, 'triage', now() - interval '1 minute', now() FROM cases
                """)
        }
        // A real `eenloket serve` on that database starts firing; it is killed mid-run.
        let socketURL = try await Self.databaseURL(database)
        let log = NSTemporaryDirectory() + "eenloket-crash-\(UUID().uuidString).log"
        let child = try await EenloketProcess(
            arguments: ["serve"],
            environment: [
                "EENLOKET_DATABASE_URL": socketURL, "EENLOKET_PORT": "0", "EENLOKET_SQL_DIR": TestDatabase.sqlDirectory,
                "EENLOKET_WORKER_POLL_MS": "50", "EENLOKET_LOG_LEVEL": "warning", "EENLOKET_STARTUP_TIMEOUT_SECONDS": "300",
                "EENLOKET_MAIL_SPOOL_DIR": NSTemporaryDirectory() + "eenloket-crash-mail-\(UUID().uuidString)",
            ], logFile: log)
        try await withApp(clock: ManualClock(Date()), database: database) { t in
            var firedBeforeKill = 0
            for _ in 0..<600 {
                let rows = try await t.sql("SELECT count(*)::int FROM timers WHERE fired_at IS NOT NULL")
                firedBeforeKill = try rows[0].decode(Int.self)
                if firedBeforeKill > 0 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            try await child.kill(SIGKILL)
            #expect(firedBeforeKill > 0, "the child fired timers before it was killed (log: \(log))")
            #expect(firedBeforeKill < total, "the child was killed mid-run")
            // Another instance takes over what is left.
            t.clock.set(Date())
            try await t.fireTimers()
            let counts = try await t.sql(
                """
                SELECT (SELECT count(*)::int FROM timers WHERE fired_at IS NULL),
                       (SELECT count(*)::int FROM case_events WHERE type = 'reminder_sent'),
                       (SELECT count(DISTINCT case_id)::int FROM case_events WHERE type = 'reminder_sent'),
                       (SELECT count(*)::int FROM notifications WHERE kind = 'reminder')
                """)
            let (unfired, reminders, distinctCases, messages) = try counts[0].decode((Int, Int, Int, Int).self)
            #expect(unfired == 0)
            #expect(reminders == total, "every timer fired exactly once")
            #expect(distinctCases == total)
            #expect(messages == total, "one reminder message per timer to the one intake officer")
        }
    }

    /// `postgres:///db?host=/socket/dir&user=…` for the test database.
    static func databaseURL(_ config: PostgresClient.Configuration) async throws -> String {
        let socket = try #require(config.unixSocketPath)
        let directory = (socket as NSString).deletingLastPathComponent
        return "postgres:///\(config.database ?? "")?host=\(directory)&user=\(config.username)"
    }
}
