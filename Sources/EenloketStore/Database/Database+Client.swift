import Logging
import PostgresNIO

extension Database {
    /// The logger every PostgreSQL client gets. PostgresNIO logs wire messages
    /// (bind values and rows: medical text) at trace and debug level, so the
    /// database logger never goes below `info`, whatever `EENLOKET_LOG_LEVEL` says.
    public static func clamped(_ logger: Logger) -> Logger {
        var copy = logger
        copy[metadataKey: "component"] = "database"
        if copy.logLevel < .info { copy.logLevel = .info }
        return copy
    }

    /// A connection pool with the service's limits, logging through the clamped
    /// logger: used by `serve` and by every command.
    public static func open(_ configuration: PostgresClient.Configuration, poolSize: Int, logger: Logger) -> Database {
        var config = configuration
        config.options.maximumConnections = poolSize
        // Notice an unreachable database quickly; requests then get 503 instead of waiting.
        config.options.connectTimeout = .seconds(3)
        // No statement may hang a request; idle transactions are cut off as well.
        config.options.additionalStartupParameters = [
            ("statement_timeout", "15s"), ("lock_timeout", "10s"), ("idle_in_transaction_session_timeout", "60s"),
            ("application_name", "eenloket"), ("TimeZone", "UTC"),
        ]
        let clamped = clamped(logger)
        return Database(client: PostgresClient(configuration: config, backgroundLogger: clamped), logger: clamped)
    }

    /// Runs `body` with a pool that runs meanwhile, for a command that does one job and exits.
    public static func withOpen<T: Sendable>(
        _ configuration: PostgresClient.Configuration, logger: Logger, _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        let database = open(configuration, poolSize: 4, logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await database.client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(database)
        }
    }
}
