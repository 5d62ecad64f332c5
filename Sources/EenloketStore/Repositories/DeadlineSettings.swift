import EenloketDomain
import Foundation
import PostgresNIO
import Synchronization

/// The deadline rules and extra non-working days, read from the database
/// (tables `deadline_rules` and `non_working_days`) and kept for a minute,
/// so every instance follows a change within that time without a restart.
public final class DeadlineSettings: Sendable {
    private let db: Database
    private let cache = Mutex<(policy: DeadlinePolicy, loadedAt: ContinuousClock.Instant)?>(nil)
    private let maxAge: Duration

    public init(db: Database, maxAge: Duration = .seconds(60)) {
        self.db = db
        self.maxAge = maxAge
    }

    /// The policy in force. Inside a transaction, pass its connection: a
    /// refresh then reads through it. Taking a second pool connection while
    /// holding one deadlocks the pool once every connection is held that way
    /// (seen in the routing benchmark when the cache expired under load).
    public func policy(on conn: PostgresConnection? = nil) async throws -> DeadlinePolicy {
        let now = ContinuousClock.now
        if let cached = cache.withLock({ $0 }), now - cached.loadedAt < maxAge { return cached.policy }
        func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
            if let conn { return try await conn.rows(query, logger: db.logger) }
            return try await db.rows(query)
        }
        var rules: [DeadlineStage: DeadlineRule] = DeadlineRule.defaults
        var followUps: [FollowUpRule] = []
        for row in try await rows("SELECT stage, preferred_days, due_days FROM deadline_rules") {
            let (name, preferred, due) = try row.decode((String, Int, Int).self)
            if let stage = DeadlineStage(rawValue: name) {
                rules[stage] = DeadlineRule(stage: stage, preferredDays: preferred, dueDays: due)
            } else if name.hasPrefix("follow_up_"), let sequence = Int(name.dropFirst("follow_up_".count)) {
                followUps.append(FollowUpRule(sequence: sequence, dueAfterDays: preferred, missedAfterDays: due))
            }
        }
        var extra: Set<LocalDate> = []
        for row in try await rows("SELECT day::text FROM non_working_days") {
            if let day = LocalDate(iso: try row.decode(String.self)) { extra.insert(day) }
        }
        let policy = DeadlinePolicy(
            rules: rules, calendar: WorkingDayCalendar(extraNonWorkingDays: extra),
            followUps: followUps.sorted { $0.sequence < $1.sequence })
        cache.withLock { $0 = (policy, now) }
        return policy
    }

    /// Forgets the cached policy (after a change, and in tests).
    public func invalidate() {
        cache.withLock { $0 = nil }
    }
}

/// Writing deadlines of a case.
enum DeadlineWriter {
    /// Starts a stage: its deadline counts from `now`, and two timers watch it
    /// (its preferred moment and its latest deadline passing).
    /// With `onlyNew`, cases that already have the stage keep their deadline.
    static func start(
        _ stage: DeadlineStage, caseIds: [UUID], at now: Date, policy: DeadlinePolicy, conn: PostgresConnection, db: Database,
        onlyNew: Bool = false
    ) async throws {
        guard !caseIds.isEmpty else { return }
        let deadline = policy.deadline(stage, startingAt: now)
        // One statement: the deadlines, and the two timers of each one that was new.
        try await conn.run(
            try """
            WITH started AS (
                INSERT INTO case_deadlines (case_id, stage, started_at, preferred_by, due_by)
                SELECT id, \(stage), \(now), \(deadline.preferredBy.description)::date, \(deadline.dueBy.description)::date
                  FROM unnest(\(caseIds)::uuid[]) AS id
                \(unescaped: onlyNew ? "ON CONFLICT (case_id, stage) DO NOTHING" : "")
                RETURNING case_id
            )
            INSERT INTO timers (kind, case_id, stage, due_at, created_at)
            SELECT k, s.case_id, \(stage), d, \(now)
              FROM started s,
                   (VALUES (\(TimerKind.preferredPassed.rawValue), \(DeadlinePolicy.passingMoment(of: deadline.preferredBy))::timestamptz),
                           (\(TimerKind.duePassed.rawValue), \(DeadlinePolicy.passingMoment(of: deadline.dueBy))::timestamptz)) AS t(k, d)
            """, logger: db.logger)
    }

    /// Marks a stage as met.
    static func meet(_ stage: DeadlineStage, caseIds: [UUID], at now: Date, conn: PostgresConnection, db: Database) async throws {
        guard !caseIds.isEmpty else { return }
        try await conn.run(
            try """
            UPDATE case_deadlines SET met_at = \(now)
             WHERE case_id = ANY(\(caseIds)::uuid[]) AND stage = \(stage) AND met_at IS NULL
            """, logger: db.logger)
    }
}
