import ArgumentParser
import EenloketHTTP
import EenloketStore
import Foundation
import Logging
import PostgresNIO

/// `eenloket verify-rulings`: checks every ruling's digest, the hash chain and
/// every signature against the database; exits 1 at the first break.
struct VerifyRulingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-rulings", abstract: "Check that no binding ruling was altered or removed (exit 1 at the first break).")

    @Option(name: .customLong("public-key"), help: "Trust only this base64 Ed25519 public key (repeatable); default: the keys in the database.")
    var publicKeys: [String] = []

    func run() async throws {
        let logger = LoggingSetup.bootstrap()
        let config = try AppConfiguration.fromEnvironment()
        let setup = try DatabaseSetup.prepare(config, logger: logger)
        defer { setup.embedded?.stop() }
        let client = PostgresClient(configuration: setup.postgres, backgroundLogger: logger)
        let report = try await withThrowingTaskGroup(of: RulingVerifier.Report?.self) { group in
            group.addTask { await client.run(); return nil }
            let report = try await RulingVerifier(db: Database(client: client, logger: logger))
                .verify(trustedKeys: publicKeys.isEmpty ? nil : publicKeys)
            group.cancelAll()
            return report
        }
        if let problem = report.firstBreak {
            print("BROKEN after \(report.checked) intact rulings: \(problem)")
            throw ExitCode(1)
        }
        print("OK: \(report.checked) rulings intact (digests, chain and signatures)"
            + (report.purged > 0 ? "; \(report.purged) with medical text purged (digest not recomputable, chain and signature checked)" : ""))
    }
}
