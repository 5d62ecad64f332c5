import EenloketDomain
import Foundation
import PostgresNIO

/// A line of a case's access log: a staff view of medical text or an export.
public struct AccessLogEntry: Sendable {
    public let seq: Int
    public let at: Date
    public let type: String
    public let actorRole: String
    public let staffId: UUID?
    public let staffName: String?
    public let data: JSONValue
}

extension CaseRepository {
    /// The event types the access log lists; both are written by the service only.
    public static let accessEventTypes = ["medical_data_viewed", "data_exported"]

    /// Records that a party downloaded its data (the access log lists it).
    public func recordExport(_ id: UUID, format: String, by caller: Caller, at now: Date) async throws {
        try await db.transaction { conn in
            try await EventLog.append(
                conn, caseId: id, type: .dataExported, actor: EventActor(caller),
                data: .object(["format": .string(format)]), at: now, db: db)
        }
    }

    /// The name, e-mail and postal address the pool holds for a party of a case (nil after a purge).
    public func partyContact(_ party: PartyPrincipal) async throws -> (name: String?, email: String?, address: PostalAddress?) {
        let rows = try await db.rows(
            """
            SELECT name, email, address FROM case_parties WHERE case_id = \(party.caseId) AND role = \(party.role.rawValue)
             ORDER BY created_at LIMIT 1
            """)
        guard let row = rows.first else { return (nil, nil, nil) }
        return try row.decode((String?, String?, PostalAddress?).self)
    }

    /// Who looked at the medical text of a case, and who exported it, in order (one indexed query).
    public func accessLog(_ id: UUID) async throws -> [AccessLogEntry] {
        let rows = try await db.rows(
            """
            SELECT c.id IS NOT NULL, e.seq, e.at, e.type, e.actor_role, e.actor_staff_id, s.name, e.data
              FROM (SELECT \(id)::uuid AS id) wanted
              LEFT JOIN cases c ON c.id = wanted.id
              LEFT JOIN case_events e ON e.case_id = c.id AND e.type = ANY(\(Self.accessEventTypes))
              LEFT JOIN staff s ON s.id = e.actor_staff_id
             ORDER BY e.seq
            """)
        guard let first = rows.first, try first.decode((Bool, Int?).self).0 else { throw AppError.notFound }
        return try rows.compactMap { row in
            let (_, seq, at, type, role, staffId, name, data) =
                try row.decode((Bool, Int?, Date?, String?, String?, UUID?, String?, JSONValue?).self)
            guard let seq, let at, let type, let role else { return nil }
            return AccessLogEntry(seq: seq, at: at, type: type, actorRole: role, staffId: staffId, staffName: name, data: data ?? .object([:]))
        }
    }
}
