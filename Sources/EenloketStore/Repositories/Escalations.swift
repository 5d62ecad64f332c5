import EenloketDomain
import Foundation
import PostgresNIO

/// Escalations to the coordinators: an open row in `escalations`, a history
/// event and a message to every coordinator, in the caller's transaction.
enum Escalations {
    /// Returns false, and writes nothing, when the case already has an open
    /// escalation of a kind that may be open only once (migration 0014).
    @discardableResult
    static func raise(
        caseId: UUID, kind: EscalationKind, detail: String, reference: String, settings: ServiceSettings, at now: Date,
        conn: PostgresConnection, db: Database
    ) async throws -> Bool {
        let inserted = try await conn.rows(
            """
            INSERT INTO escalations (case_id, kind, detail, created_at) VALUES (\(caseId), \(kind), \(detail), \(now))
            ON CONFLICT (case_id, kind) WHERE resolved_at IS NULL AND kind IN ('chair_absent', 'follow_ups_missed') DO NOTHING
            RETURNING id
            """, logger: db.logger)
        guard !inserted.isEmpty else { return false }
        try await EventLog.append(
            conn, caseId: caseId, type: .escalated, actor: .system, data: .object(["kind": .string(kind.rawValue)]), at: now, db: db)
        try await Outbox.toRole(
            .coordinator, caseId: caseId, kind: .escalation,
            message: Messages.render(.escalation, reference: reference, serviceURL: settings.publicURL, detail: detail),
            at: now, conn: conn, db: db)
        return true
    }
}
