import EenloketDomain
import Foundation
import PostgresNIO
import Testing

/// One failing timer never holds up the others; it is tried again later and
/// set aside after too many attempts; an unknown kind is set aside, not fired.
@Suite("Timers fail safely")
struct TimerFailureTests {
    /// Cases with an unmet triage stage whose preferred moment passed a minute ago, one timer each.
    func seed(_ t: TestContext, count: Int) async throws -> [UUID] {
        try await t.staff(.intakeOfficer)
        var ids: [UUID] = []
        for _ in 0..<count {
            let c = try await t.file()
            ids.append(try #require(UUID(uuidString: c.id)))
        }
        let now = t.clock.now()
        _ = try await t.sql("DELETE FROM timers")
        _ = try await t.sql(
            """
            INSERT INTO timers (kind, case_id, stage, due_at, created_at)
            SELECT 'preferred_passed', id, 'triage', \(now.addingTimeInterval(-60)), \(now) FROM cases
            """)
        _ = try await t.sql("UPDATE case_deadlines SET preferred_by = \(AmsterdamTime.date(of: now).adding(days: -1).description)::date")
        return ids
    }

    /// Makes every history event of one case fail (as a superuser, like a broken trigger would).
    func sabotage(_ t: TestContext, case id: UUID) async throws {
        try await TestDatabase.shared.asSuperuser(
            t.postgres.database!,
            [
                """
                CREATE FUNCTION sabotage() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.case_id = '\(id.uuidString.lowercased())' THEN RAISE EXCEPTION 'sabotaged'; END IF;
                    RETURN NEW;
                END $$
                """,
                "CREATE TRIGGER sabotage BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION sabotage()",
            ])
    }

    func state(_ t: TestContext, _ id: UUID) async throws -> (fired: Bool, failed: Bool, attempts: Int, error: String?, next: Date) {
        let rows = try await t.sql(
            "SELECT fired_at IS NOT NULL, failed_at IS NOT NULL, attempts, last_error, next_attempt_at FROM timers WHERE case_id = \(id)")
        return try rows[0].decode((Bool, Bool, Int, String?, Date).self)
    }

    @Test func aFailingTimerIsRetriedLaterWhileTheOthersFire() async throws {
        try await withApp { t in
            let ids = try await seed(t, count: 3)
            try await sabotage(t, case: ids[1])
            #expect(try await t.fireTimers() == 3, "all three were tried")
            for id in [ids[0], ids[2]] {
                let fired = try await state(t, id)
                #expect(fired.fired && fired.attempts == 1)
            }
            let bad = try await state(t, ids[1])
            #expect(!bad.fired && !bad.failed && bad.attempts == 1 && bad.error == "SQLSTATE P0001", "\(bad)")
            #expect(bad.next == Timestamp.truncated(t.clock.now()).addingTimeInterval(TimerRetry.delay(afterAttempts: 1)))
            // Until its backoff has passed it is not tried again: the worker does not spin on it.
            #expect(try await t.fireTimers() == 0)
            // The rolled-back work left nothing behind.
            let reminders = try await t.sql("SELECT count(*)::int FROM notifications WHERE case_id = \(ids[1]) AND kind = 'reminder'")
            #expect(try reminders[0].decode(Int.self) == 0)
            // Tried on every backoff until it is set aside.
            for attempt in 2...TimerRetry.maxAttempts {
                t.clock.advance(by: TimerRetry.delay(afterAttempts: attempt - 1))
                #expect(try await t.fireTimers() == 1, "attempt \(attempt)")
            }
            let setAside = try await state(t, ids[1])
            #expect(setAside.failed && !setAside.fired && setAside.attempts == TimerRetry.maxAttempts)
            t.clock.advance(by: 7 * 86_400)
            #expect(try await t.fireTimers() == 0, "a timer set aside is not tried again")
        }
    }

    @Test func aKindThisVersionDoesNotKnowIsSetAsideNotFired() async throws {
        try await withApp { t in
            // A newer version's kind (its migration would widen the check).
            try await TestDatabase.shared.asSuperuser(t.postgres.database!, ["ALTER TABLE timers DROP CONSTRAINT timers_kind_check"])
            _ = try await t.sql(
                "INSERT INTO timers (kind, due_at, created_at) VALUES ('from_a_newer_version', \(t.clock.now().addingTimeInterval(-1)), \(t.clock.now()))")
            #expect(try await t.fireTimers() == 1)
            let rows = try await t.sql("SELECT fired_at IS NULL, failed_at IS NOT NULL, last_error FROM timers")
            let (notFired, failed, error) = try rows[0].decode((Bool, Bool, String?).self)
            #expect(notFired && failed && error == "unknown kind")
            #expect(try await t.fireTimers() == 0)
        }
    }

    @Test func firedTimersAreRemovedAfterTheirRetentionFailedOnesStay() async throws {
        try await withApp { t in
            let ids = try await seed(t, count: 2)
            try await sabotage(t, case: ids[0])
            #expect(try await t.fireTimers() == 2)
            // Set the failing one aside at once.
            _ = try await t.sql("UPDATE timers SET failed_at = now(), last_error = 'x' WHERE case_id = \(ids[0])")
            let now = t.clock.now()
            #expect(try await t.deps.timers.purgeFired(before: now.addingTimeInterval(-TimerRetry.firedRetention)) == 0, "too recent")
            #expect(try await t.deps.timers.purgeFired(before: now.addingTimeInterval(1)) == 1)
            let left = try await t.sql("SELECT case_id FROM timers")
            #expect(try left.map { try $0.decode(UUID.self) } == [ids[0]])
        }
    }

    @Test func theBackoffDoublesAndIsCapped() {
        #expect(TimerRetry.delay(afterAttempts: 1) == 60)
        #expect(TimerRetry.delay(afterAttempts: 2) == 120)
        #expect(TimerRetry.delay(afterAttempts: 4) == 480)
        #expect(TimerRetry.delay(afterAttempts: 30) == 6 * 3600)
    }
}
