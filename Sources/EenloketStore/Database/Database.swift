import EenloketDomain
import Foundation
import Logging
import PostgresNIO

/// The service's handle on PostgreSQL: a connection pool plus the rules for
/// running transactions (retry on serialization failure and deadlock, map
/// database errors to `AppError`).
public struct Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Runs `body` in one transaction: everything it writes commits together or not at all.
    ///
    /// A transaction that loses to a concurrent one by serialization failure or
    /// deadlock is retried (up to three times) since it never saw partial state.
    /// `body` may therefore run more than once: it must have no effect outside
    /// the database (use `transactionOnce` for one that does).
    public func transaction<T: Sendable>(
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await transaction(attempts: 4, body)
    }

    /// `transaction` without retries, for a body with an effect outside the
    /// database (sending a mail): a lost race fails instead of repeating it.
    public func transactionOnce<T: Sendable>(
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await transaction(attempts: 1, body)
    }

    private func transaction<T: Sendable>(
        attempts: Int, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await client.withTransaction(logger: logger) { connection in
                    try await body(connection)
                }
            } catch {
                let cause = DatabaseErrors.unwrap(error)
                if attempt < attempts, DatabaseErrors.isRetryable(cause) {
                    logger.debug("retrying transaction", metadata: ["sqlstate": "\(DatabaseErrors.sqlState(cause) ?? "")"])
                    continue
                }
                throw DatabaseErrors.map(cause, logger: logger)
            }
        }
    }

    /// Runs a single statement outside an explicit transaction.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        do {
            return try await client.query(query, logger: logger)
        } catch {
            throw DatabaseErrors.map(error, logger: logger)
        }
    }

    /// Runs a single statement and collects its rows.
    public func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do {
            var rows: [PostgresRow] = []
            for try await row in try await client.query(query, logger: logger) { rows.append(row) }
            return rows
        } catch {
            throw DatabaseErrors.map(error, logger: logger)
        }
    }
}

extension PostgresConnection {
    /// Runs a prepared statement (prepared once per connection) and collects its rows.
    func all<Statement: PostgresPreparedStatement>(_ statement: Statement, logger: Logger) async throws -> [Statement.Row] {
        var rows: [Statement.Row] = []
        for try await row in try await execute(statement, logger: logger) { rows.append(row) }
        return rows
    }

    /// Runs a statement and collects its rows.
    public func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in try await self.query(query, logger: logger) { rows.append(row) }
        return rows
    }

    /// Runs a statement, ignoring any rows.
    public func run(_ query: PostgresQuery, logger: Logger) async throws {
        _ = try await self.query(query, logger: logger)
    }
}

extension PostgresPreparedStatement {
    /// The same statement sent unprepared, planned for these values (the query-plan test explains it).
    var plainQuery: PostgresQuery {
        get throws { PostgresQuery(unsafeSQL: Self.sql, binds: try makeBindings()) }
    }
}

extension PostgresBindings {
    /// The one parameter of a statement by id ($1).
    static func id(_ id: UUID) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(id)
        return binds
    }
}
