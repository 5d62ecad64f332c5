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
        let now = Date()
        let cutoff = now.addingTimeInterval(-Double(config.retentionDays) * 86_400)
        let dryRun = self.dryRun
        let lines = try await DatabaseSetup.run(config, logger: logger) { postgres in
            try await Database.withOpen(postgres, logger: logger) { db in
            let retention = Retention(db: db)
            if dryRun {
                let due = try await retention.candidates(closedBefore: cutoff)
                return ["dry run: \(due.count) cases would be purged (closed before \(cutoff))"]
                    + due.map { "  \($0.reference) closed \($0.closedAt)" }
            }
            let purged = try await retention.purge(closedBefore: cutoff, at: now)
            return ["purged the personal data of \(purged.count) cases (closed before \(cutoff))"]
            }
        }
        lines.forEach { print($0) }
    }
}
