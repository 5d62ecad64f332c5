import EenloketDomain
import Foundation
import PostgresNIO

/// After-care check-ins, planned when a ruling is recorded.
enum FollowUps {
    /// One check-in per party per rule, each with a timer when it is due and
    /// one when it counts as missed.
    static func schedule(caseId: UUID, ruledAt: Date, policy: DeadlinePolicy, conn: PostgresConnection, db: Database) async throws {
        for rule in policy.followUps {
            let (due, missed) = rule.moments(after: ruledAt)
            let rows = try await conn.rows(
                """
                INSERT INTO follow_ups (id, case_id, party, sequence, due_at, answer_by)
                SELECT gen_random_uuid(), p.case_id, p.role, \(rule.sequence), \(due), \(missed)
                  FROM case_parties p
                 WHERE p.case_id = \(caseId) AND (p.is_filer OR p.invited_at IS NOT NULL)
                RETURNING id
                """, logger: db.logger)
            let ids = try rows.map { try $0.decode(UUID.self) }
            try await conn.run(
                try """
                INSERT INTO timers (kind, case_id, subject_id, due_at, created_at)
                SELECT k, \(caseId), id, d, \(ruledAt)
                  FROM unnest(\(ids)::uuid[]) AS id,
                       (VALUES (\(TimerKind.followUpDue.rawValue), \(due)::timestamptz),
                               (\(TimerKind.followUpMissed.rawValue), \(missed)::timestamptz)) AS t(k, d)
                """, logger: db.logger)
        }
    }
}
