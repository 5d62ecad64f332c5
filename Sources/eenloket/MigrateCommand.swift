import ArgumentParser
import EenloketHTTP
import EenloketStore
import Logging
import PostgresNIO

/// `eenloket migrate`: applies pending migrations and exits (for deploy jobs).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending SQL migrations and exit.")

    func run() async throws {
        let logger = LoggingSetup.bootstrap()
        let config = try AppConfiguration.fromEnvironment()
        let runner = try MigrationRunner.load(from: config.sqlDirectory)
        try await DatabaseSetup.run(config, logger: logger) { postgres in
            try await Database.withOpen(postgres, logger: logger) { db in
                let applied = try await runner.apply(on: db.client, logger: db.logger)
                logger.info("migrations up to date", metadata: ["applied": "\(applied)"])
            }
        }
    }
}
