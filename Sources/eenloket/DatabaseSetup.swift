import EenloketHTTP
import EenloketStore
import Foundation
import Logging
import PostgresNIO

/// Where the database is: `EENLOKET_DATABASE_URL`, or the embedded cluster under `.eenloket/`.
enum DatabaseSetup {
    /// Runs `body` with the database's connection settings. An embedded cluster
    /// this process started is stopped afterwards, however `body` ends (also
    /// when the start-up was cancelled half-way).
    static func run<T: Sendable>(
        _ config: AppConfiguration, logger: Logger, _ body: (PostgresClient.Configuration) async throws -> T
    ) async throws -> T {
        if let url = config.databaseURL {
            return try await body(try DatabaseURL.configuration(url))
        }
        let cluster = try await EmbeddedPostgres(settings: .init(baseDirectory: ".eenloket"), logger: logger)
        do {
            try await cluster.start()
            let postgres = PostgresClient.Configuration(
                unixSocketPath: cluster.socketPath, username: EmbeddedPostgres.appUser, password: nil,
                database: cluster.settings.databaseName)
            let result = try await body(postgres)
            await cluster.stop()
            return result
        } catch {
            await cluster.stop()
            throw error
        }
    }
}

/// Logging to standard error; `EENLOKET_LOG_LEVEL` (or `LOG_LEVEL`) sets the level.
enum LoggingSetup {
    static func bootstrap() -> Logger {
        let env = ProcessInfo.processInfo.environment
        let level = (env["EENLOKET_LOG_LEVEL"] ?? env["LOG_LEVEL"]).flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "eenloket")
    }
}
