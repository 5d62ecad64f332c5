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
        let setup = try DatabaseSetup.prepare(config, logger: logger)
        defer { setup.embedded?.stop() }
        let runner = try MigrationRunner.load(from: config.sqlDirectory)
        let client = PostgresClient(configuration: setup.postgres, backgroundLogger: logger)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            let applied = try await runner.apply(on: client, logger: logger)
            logger.info("migrations up to date", metadata: ["applied": "\(applied)"])
            group.cancelAll()
        }
    }
}
