import EenloketDomain
import Foundation
import PostgresNIO

/// After-care check-ins, planned when a ruling is recorded and re-planned
/// from the day the employee returned to work once that is known.
enum FollowUps {
    /// Records the return to work and moves every open check-in whose moment
    /// to answer is still ahead to count from that day, with new timers (the
    /// timers of the first plan find their check-in moved and do nothing).
    /// Returns how many check-ins moved.
    @discardableResult
    static func replan(
        caseId: UUID, returnedOn: LocalDate, policy: DeadlinePolicy, actor: EventActor, at now: Date, conn: PostgresConnection,
        db: Database
    ) async throws -> Int {
        try await conn.run("UPDATE cases SET returned_to_work_on = \(returnedOn.description)::date WHERE id = \(caseId)", logger: db.logger)
        var moved = 0
        for rule in policy.followUps {
            guard let (due, missed) = rule.replanned(returnedOn: returnedOn, now: now) else { continue }
            let rows = try await conn.rows(
                """
                UPDATE follow_ups SET due_at = \(due), answer_by = \(missed)
                 WHERE case_id = \(caseId) AND sequence = \(rule.sequence) AND answered_at IS NULL AND missed_at IS NULL
                RETURNING id
                """, logger: db.logger)
            let ids = try rows.map { try $0.decode(UUID.self) }
            guard !ids.isEmpty else { continue }
            moved += ids.count
            try await timers(for: ids, caseId: caseId, due: due, missed: missed, at: now, conn: conn, db: db)
        }
        try await EventLog.append(
            conn, caseId: caseId, type: .returnToWorkRecorded, actor: actor,
            data: .object(["returned_on": .string(returnedOn.description), "check_ins_moved": .number(Double(moved))]), at: now, db: db)
        return moved
    }

    private static func timers(
        for ids: [UUID], caseId: UUID, due: Date, missed: Date, at now: Date, conn: PostgresConnection, db: Database
    ) async throws {
        try await conn.run(
            try """
            INSERT INTO timers (kind, case_id, subject_id, due_at, created_at)
            SELECT k, \(caseId), id, d, \(now)
              FROM unnest(\(ids)::uuid[]) AS id,
                   (VALUES (\(TimerKind.followUpDue.rawValue), \(due)::timestamptz),
                           (\(TimerKind.followUpMissed.rawValue), \(missed)::timestamptz)) AS t(k, d)
            """, logger: db.logger)
    }

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
            try await timers(for: ids, caseId: caseId, due: due, missed: missed, at: ruledAt, conn: conn, db: db)
        }
    }
}
