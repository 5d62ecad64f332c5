import EenloketDomain
import Foundation
import PostgresNIO

extension CaseRepository {
    /// Gives or withdraws the employee's consents. Only what changes is
    /// recorded, each change with its `consent_changed` event, in one transaction.
    /// `wanted` reads the request once the caller is known to be allowed (a refused caller gets 403 or 404, not a 422).
    public func changeConsents(
        _ id: UUID, by caller: Caller, at now: Date, wanted: () throws -> [ConsentKind: Bool]
    ) async throws -> Consents {
        try await db.transaction { conn in
            let current = try await locked(id, for: .changeConsent, by: caller, at: now, conn: conn)
            let changes = current.consents.changes(to: try wanted())
            var states = current.consents.states
            for kind in ConsentKind.allCases {
                guard let given = changes[kind] else { continue }
                try await conn.run(
                    "INSERT INTO consent_changes (case_id, kind, given, changed_at) VALUES (\(id), \(kind.rawValue), \(given), \(now))",
                    logger: db.logger)
                try await EventLog.append(
                    conn, caseId: id, type: .consentChanged, actor: EventActor(caller),
                    data: .object(["consent": .string(kind.rawValue), "given": .bool(given)]), at: now, db: db)
                states[kind] = ConsentState(given: given, at: now)
            }
            return Consents(states)
        }
    }
}
