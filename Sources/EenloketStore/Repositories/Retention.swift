import EenloketDomain
import Foundation
import PostgresNIO

/// Purges medical text and personal details a set time after a case closed
/// (SQL function `purge_personal_data`, migration 0007). Rulings stay,
/// pseudonymised through their case; each purge leaves a history event.
public struct Retention: Sendable {
    let db: Database

    public init(db: Database) {
        self.db = db
    }

    /// A case whose retention period has passed.
    public struct Candidate: Sendable {
        public let caseId: UUID
        public let reference: String
        public let closedAt: Date
    }

    /// The cases a purge would take now, oldest first (for `--dry-run`).
    public func candidates(closedBefore cutoff: Date, limit: Int = 10_000) async throws -> [Candidate] {
        let rows = try await db.rows("SELECT id, reference, closed_at FROM retention_due(\(cutoff), \(Int32(limit)))")
        return try rows.map { row in
            let (id, reference, closed) = try row.decode((UUID, String, Date).self)
            return Candidate(caseId: id, reference: reference, closedAt: closed)
        }
    }

    /// Purges every due case in batches, each batch one transaction; returns the purged ids.
    public func purge(closedBefore cutoff: Date, at now: Date, batchSize: Int = 500) async throws -> [UUID] {
        var purged: [UUID] = []
        while true {
            let batch = try await db.transaction { conn in
                try await conn.rows("SELECT purge_personal_data(\(cutoff), \(now), \(Int32(batchSize)))", logger: db.logger)
                    .map { try $0.decode(UUID.self) }
            }
            // A short batch may only mean another instance holds some cases: stop when nothing is left.
            if batch.isEmpty { return purged }
            purged += batch
        }
    }
}
