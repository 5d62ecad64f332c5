import EenloketDomain
import Foundation
import PostgresNIO

extension JSONValue: PostgresEncodable, PostgresDecodable {}

/// Who caused an event: a party, a staff member, or the service itself.
public struct EventActor: Sendable {
    public let role: String
    public let staffId: UUID?

    public init(_ caller: Caller) {
        self.role = caller.actorRole
        self.staffId = caller.staff?.id
    }

    public init(role: String, staffId: UUID?) {
        self.role = role
        self.staffId = staffId
    }

    /// The service acting by itself (routing, timers).
    public static let system = EventActor(role: "system", staffId: nil)
}

/// Writes a case's history. Events are only ever appended, in the transaction
/// of the change they record.
enum EventLog {
    static func append(
        _ conn: PostgresConnection, caseId: UUID, type: String, actor: EventActor, data: JSONValue = .object([:]),
        at now: Date, db: Database
    ) async throws {
        try await conn.run(
            try """
            INSERT INTO case_events (case_id, at, type, actor_role, actor_staff_id, data)
            VALUES (\(caseId), \(now), \(type), \(actor.role), \(actor.staffId), \(data))
            """, logger: db.logger)
    }
}
