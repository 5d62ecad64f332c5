import ArgumentParser
import EenloketDomain
import EenloketHTTP
import Hummingbird
import Logging

/// `eenloket serve`: runs the service until SIGTERM or SIGINT, then shuts down
/// gracefully (in-flight requests finish) and stops the embedded database it started.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the HTTP service (configuration: EENLOKET_* environment variables).")

    func run() async throws {
        let logger = LoggingSetup.bootstrap()
        let config: AppConfiguration
        do {
            config = try AppConfiguration.fromEnvironment()
        } catch {
            logger.critical("invalid configuration: \(error)")
            throw ExitCode(2)
        }
        let setup = try DatabaseSetup.prepare(config, logger: logger)
        defer { setup.embedded?.stop() }
        let app = try buildApplication(config, postgres: setup.postgres, logger: logger)
        logger.info("starting", metadata: ["address": "\(config.host):\(config.port)"])
        try await app.runService()
    }
}
