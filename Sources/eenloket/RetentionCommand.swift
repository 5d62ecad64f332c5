import ArgumentParser
import EenloketHTTP
import EenloketStore
import Foundation
import Logging
import PostgresNIO

/// `eenloket retention [--dry-run]`: purges the personal details of cases closed
/// longer than EENLOKET_RETENTION_DAYS ago, and their medical file after
/// EENLOKET_MEDICAL_RETENTION_DAYS (every running `serve` also does this
/// hourly). Rulings stay, pseudonymised.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "Purge personal data of cases whose retention period has passed.")

    @Flag(name: .customLong("dry-run"), help: "Only list the cases that would be purged.")
    var dryRun = false

    func run() async throws {
        let logger = LoggingSetup.bootstrap()
        let config = try AppConfiguration.fromEnvironment()
        let now = Date()
        let dryRun = self.dryRun
        let lines = try await DatabaseSetup.run(config, logger: logger) { postgres in
            try await Database.withOpen(postgres, logger: logger) { db in
            let retention = Retention(db: db)
            var lines: [String] = []
            for kind in Retention.Kind.allCases {
                let cutoff = config.retentionCutoff(kind, now: now)
                let what = kind == .personal ? "personal data" : "medical file"
                if dryRun {
                    let due = try await retention.candidates(kind, closedBefore: cutoff)
                    lines += ["dry run: the \(what) of \(due.count) cases would be purged (closed before \(cutoff))"]
                        + due.map { "  \($0.reference) closed \($0.closedAt)" }
                } else {
                    let purged = try await retention.purge(kind, closedBefore: cutoff, at: now)
                    lines.append("purged the \(what) of \(purged.count) cases (closed before \(cutoff))")
                }
            }
            return lines
            }
        }
        lines.forEach { print($0) }
    }
}
