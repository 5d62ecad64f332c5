import ArgumentParser
import EenloketHTTP
import EenloketStore
import Foundation
import Logging
import PostgresNIO

/// `eenloket retention [--dry-run]`: purges medical text and personal details
/// of cases closed longer than EENLOKET_RETENTION_DAYS ago (every running
/// `serve` also does this hourly). Rulings stay, pseudonymised.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "Purge personal data of cases whose retention period has passed.")

    @Flag(name: .customLong("dry-run"), help: "Only list the cases that would be purged.")
    var dryRun = false

    func run() async throws {
        let logger = LoggingSetup.bootstrap()
        let config = try AppConfiguration.fromEnvironment()
        let setup = try DatabaseSetup.prepare(config, logger: logger)
        defer { setup.embedded?.stop() }
        let client = PostgresClient(configuration: setup.postgres, backgroundLogger: logger)
        let retention = Retention(db: Database(client: client, logger: logger))
        let now = Date()
        let cutoff = now.addingTimeInterval(-Double(config.retentionDays) * 86_400)
        let lines = try await withThrowingTaskGroup(of: [String]?.self) { group in
            group.addTask { await client.run(); return nil }
            defer { group.cancelAll() }
            if dryRun {
                let due = try await retention.candidates(closedBefore: cutoff)
                return ["dry run: \(due.count) cases would be purged (closed before \(cutoff))"]
                    + due.map { "  \($0.reference) closed \($0.closedAt)" }
            }
            let purged = try await retention.purge(closedBefore: cutoff, at: now)
            return ["purged the personal data of \(purged.count) cases (closed before \(cutoff))"]
        }
        lines.forEach { print($0) }
    }
}
