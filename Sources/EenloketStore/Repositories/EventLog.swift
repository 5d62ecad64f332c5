import EenloketDomain
import Foundation
import PostgresNIO

extension JSONValue: PostgresEncodable, PostgresDecodable {}
extension PostalAddress: PostgresEncodable, PostgresDecodable {}

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
        _ conn: PostgresConnection, caseId: UUID, type: EventType, actor: EventActor, data: JSONValue = .object([:]),
        at now: Date, db: Database
    ) async throws {
        // Prepared once per connection: a write appends several events.
        _ = try await conn.execute(
            AppendEvent(caseId: caseId, at: now, type: type.rawValue, actorRole: actor.role, actorStaffId: actor.staffId, data: data),
            logger: db.logger)
    }
}

/// One history event.
struct AppendEvent: PostgresPreparedStatement {
    static let sql = """
        INSERT INTO case_events (case_id, at, type, actor_role, actor_staff_id, data) VALUES ($1, $2, $3, $4, $5, $6)
        """
    typealias Row = Void

    let caseId: UUID
    let at: Date
    let type: String
    let actorRole: String
    let actorStaffId: UUID?
    let data: JSONValue

    func makeBindings() throws -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(caseId)
        binds.append(at)
        binds.append(type)
        binds.append(actorRole)
        binds.append(actorStaffId)
        try binds.append(data)
        return binds
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {}
}
