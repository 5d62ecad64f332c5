import EenloketDomain
import Foundation
import PostgresNIO

/// Purges a closed case's data once its retention period has passed, each kind
/// of data on its own period (migration 0035): the personal details (SQL
/// function `purge_personal_data`) and the medical file (`purge_medical_file`).
/// Rulings stay, pseudonymised through their case; each purge leaves a history event.
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

    /// The kinds of data with a retention period of their own.
    public enum Kind: String, Sendable, CaseIterable {
        /// Names, addresses, e-mail addresses, the question, non-medical texts and documents.
        case personal
        /// Medical information and considerations, medical statements, documents, comments and notes.
        case medical

        var dueFunction: String { self == .personal ? "retention_due" : "medical_retention_due" }
        var purgeFunction: String { self == .personal ? "purge_personal_data" : "purge_medical_file" }
    }

    /// The cases a purge would take now, oldest first (for `--dry-run`).
    public func candidates(_ kind: Kind = .personal, closedBefore cutoff: Date, limit: Int = 10_000) async throws -> [Candidate] {
        let rows = try await db.rows(
            "SELECT id, reference, closed_at FROM \(unescaped: kind.dueFunction)(\(cutoff), \(Int32(limit)))")
        return try rows.map { row in
            let (id, reference, closed) = try row.decode((UUID, String, Date).self)
            return Candidate(caseId: id, reference: reference, closedAt: closed)
        }
    }

    /// Purges every due case in batches, each batch one transaction; returns the purged ids.
    public func purge(_ kind: Kind = .personal, closedBefore cutoff: Date, at now: Date, batchSize: Int = 500) async throws -> [UUID] {
        var purged: [UUID] = []
        while true {
            let batch = try await db.transaction { conn in
                try await conn.rows(
                    "SELECT \(unescaped: kind.purgeFunction)(\(cutoff), \(now), \(Int32(batchSize)))", logger: db.logger)
                    .map { try $0.decode(UUID.self) }
            }
            // A short batch may only mean another instance holds some cases: stop when nothing is left.
            if batch.isEmpty { return purged }
            purged += batch
        }
    }
}
