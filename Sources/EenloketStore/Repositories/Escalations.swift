import EenloketDomain
import Foundation
import PostgresNIO

/// Escalations to the coordinators: an open row in `escalations`, a history
/// event and a message to every coordinator, in the caller's transaction.
enum Escalations {
    static func raise(
        caseId: UUID, kind: String, detail: String, reference: String, settings: ServiceSettings, at now: Date,
        conn: PostgresConnection, db: Database
    ) async throws {
        try await conn.run(
            "INSERT INTO escalations (case_id, kind, detail, created_at) VALUES (\(caseId), \(kind), \(detail), \(now))",
            logger: db.logger)
        try await EventLog.append(
            conn, caseId: caseId, type: "escalated", actor: .system, data: .object(["kind": .string(kind)]), at: now, db: db)
        try await Outbox.toRole(
            .coordinator, caseId: caseId, kind: .escalation,
            message: Messages.render(.escalation, reference: reference, serviceURL: settings.publicURL, detail: detail),
            at: now, conn: conn, db: db)
    }
}
