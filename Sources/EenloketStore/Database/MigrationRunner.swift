import Crypto
import Foundation
import Logging
import PostgresNIO

/// One numbered SQL file under `SQL/migrations`.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// SHA-256 of the file, recorded so an edited, already-applied migration is noticed.
    public var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

public enum MigrationError: Error, CustomStringConvertible {
    case directoryNotFound(String)
    case badFileName(String)
    case duplicateVersion(Int)
    case changedAfterApply(version: Int, name: String)
    /// A migration's SQL failed; `reason` is the server's message (never data: migrations hold none).
    case failed(name: String, reason: String)

    public var description: String {
        switch self {
        case .directoryNotFound(let path):
            return "no SQL migrations found at \(path); start from the repository root or set EENLOKET_SQL_DIR"
        case .badFileName(let name):
            return "migration file \(name) is not named NNNN_description.sql"
        case .duplicateVersion(let v):
            return "two migration files have version \(v)"
        case .changedAfterApply(let v, let name):
            return "migration \(v) (\(name)) was changed after it was applied; add a new migration instead"
        case .failed(let name, let reason):
            return "migration \(name) failed: \(reason)"
        }
    }
}

/// Applies pending migrations, each in its own transaction under an advisory
/// lock, so any number of instances can start at once on one database.
public struct MigrationRunner: Sendable {
    /// The advisory lock key that serialises migrations ("eenloket" in ASCII, truncated).
    static let lockKey: Int64 = 0x6565_6E6C_6F6B_6574

    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations
    }

    /// Reads `NNNN_name.sql` files from a directory, in version order.
    public static func load(from directory: String) throws -> MigrationRunner {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".sql") }
        } catch {
            throw MigrationError.directoryNotFound(directory)
        }
        guard !files.isEmpty else { throw MigrationError.directoryNotFound(directory) }
        var migrations: [Migration] = []
        for file in files {
            let parts = file.split(separator: "_", maxSplits: 1)
            guard parts.count == 2, let version = Int(parts[0]), version > 0 else { throw MigrationError.badFileName(file) }
            let sql = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            migrations.append(Migration(version: version, name: String(file.dropLast(4)), sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (a, b) in zip(migrations, migrations.dropFirst()) where a.version == b.version {
            throw MigrationError.duplicateVersion(a.version)
        }
        return MigrationRunner(migrations: migrations)
    }

    /// Applies every pending migration; returns the versions it applied.
    @discardableResult
    public func apply(on client: PostgresClient, logger: Logger) async throws -> [Int] {
        var applied: [Int] = []
        for migration in migrations {
            let didApply = try await Self.unwrapped { try await client.withTransaction(logger: logger) { conn -> Bool in
                try await conn.run("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
                try await conn.run(
                    """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version    integer PRIMARY KEY,
                        name       text NOT NULL,
                        checksum   text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """, logger: logger)
                let rows = try await conn.rows(
                    "SELECT checksum FROM schema_migrations WHERE version = \(migration.version)", logger: logger)
                if let row = rows.first {
                    guard try row.decode(String.self) == migration.checksum else {
                        throw MigrationError.changedAfterApply(version: migration.version, name: migration.name)
                    }
                    return false
                }
                for statement in SQLScript.statements(migration.sql) {
                    do {
                        try await conn.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                    } catch let error as PSQLError where error.code == .server {
                        let info = error.serverInfo
                        let reason = [info?[.sqlState].map { "SQLSTATE \($0)" }, info?[.message], info?[.detail]]
                            .compactMap { $0 }.joined(separator: ": ")
                        throw MigrationError.failed(name: migration.name, reason: reason)
                    }
                }
                try await conn.run(
                    """
                    INSERT INTO schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """, logger: logger)
                return true
            } }
            if didApply {
                logger.info("applied migration", metadata: ["migration": "\(migration.name)"])
                applied.append(migration.version)
            }
        }
        return applied
    }

    /// The runner's own errors as they are, not wrapped in PostgresNIO's transaction error.
    private static func unwrapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresTransactionError {
            if let reason = error.closureError as? MigrationError { throw reason }
            throw error
        }
    }

    /// Whether every known migration is recorded as applied (used by /health/ready).
    public func isUpToDate(on client: PostgresClient, logger: Logger) async throws -> Bool {
        let rows = try await client.query(
            "SELECT count(*)::int FROM schema_migrations WHERE version = ANY(\(migrations.map(\.version)))", logger: logger)
        for try await count in rows.decode(Int.self) { return count == migrations.count }
        return false
    }
}
