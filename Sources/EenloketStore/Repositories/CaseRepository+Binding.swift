import EenloketDomain
import Foundation
import PostgresNIO

/// A party's agreement to be bound by the ruling.
public struct AgreementRecord: Sendable {
    public let party: PartyRole
    public let name: String
    public let agreedAt: Date
    public let digest: String
}

extension CaseRepository {
    /// Records that a party agrees to be bound (binding advice, Civil Code
    /// 7:900): once per party, while the case is open, by the party itself.
    public func agreeToBeBound(_ id: UUID, name: String, by caller: Caller, at now: Date) async throws -> AgreementRecord {
        try await db.transaction { conn in
            let current = try await locked(id, for: .agreeToBeBound, by: caller, at: now, conn: conn)
            guard let party = caller.party else { throw AppError.internalError }
            let agreement = settings.bindingAgreement
            try await conn.run(
                """
                INSERT INTO binding_agreements (case_id, party, name, agreed_at, version, digest)
                VALUES (\(id), \(party.role), \(name), \(now), \(agreement.version), \(agreement.digest))
                """, logger: db.logger)
            try await EventLog.append(
                conn, caseId: id, type: .bindingAgreed, actor: EventActor(caller),
                data: .object(["party": .string(party.role.rawValue), "digest": .string(agreement.digest)]), at: now, db: db)
            // The other party hears of it while it can still agree itself (under statute there is nothing to decide).
            if current.binding.basis == .agreement && current.binding.agreedAt(party.role.other) == nil {
                try await Outbox.toParties(
                    [party.role.other], caseId: id, kind: .bindingAgreed,
                    message: Messages.render(.bindingAgreed, reference: current.reference, serviceURL: settings.publicURL),
                    at: now, conn: conn, db: db)
            }
            return AgreementRecord(party: party.role, name: name, agreedAt: now, digest: agreement.digest)
        }
    }
}
