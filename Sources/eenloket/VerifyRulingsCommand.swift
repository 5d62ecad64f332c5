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
        let trusted = publicKeys.isEmpty ? nil : publicKeys
        let report = try await DatabaseSetup.run(config, logger: logger) { postgres in
            try await Database.withOpen(postgres, logger: logger) { db in
                try await RulingVerifier(db: db).verify(trustedKeys: trusted)
            }
        }
        if let problem = report.firstBreak {
            print("BROKEN after \(report.checked) intact rulings: \(problem)")
            throw ExitCode(1)
        }
        print("OK: \(report.checked) rulings intact (digests, chain and signatures)"
            + (report.purged > 0 ? "; \(report.purged) with medical text purged (digest not recomputable, chain and signature checked)" : ""))
    }
}
