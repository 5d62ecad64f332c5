import EenloketHTTP
import EenloketStore
import Foundation
import Logging
import PostgresNIO

/// Where the database is: `EENLOKET_DATABASE_URL`, or the embedded cluster under `.eenloket/`.
struct DatabaseSetup {
    let postgres: PostgresClient.Configuration
    /// Set when this process runs the embedded cluster; stop it on exit.
    let embedded: EmbeddedPostgres?

    static func prepare(_ config: AppConfiguration, logger: Logger) throws -> DatabaseSetup {
        if let url = config.databaseURL {
            return DatabaseSetup(postgres: try DatabaseURL.configuration(url), embedded: nil)
        }
        let cluster = try EmbeddedPostgres(settings: .init(baseDirectory: ".eenloket"), logger: logger)
        try cluster.start()
        let postgres = PostgresClient.Configuration(
            unixSocketPath: cluster.socketPath, username: EmbeddedPostgres.appUser, password: nil, database: cluster.settings.databaseName)
        return DatabaseSetup(postgres: postgres, embedded: cluster)
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
