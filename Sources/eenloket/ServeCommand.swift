import ArgumentParser
import EenloketDomain
import EenloketHTTP
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// `eenloket serve`: runs the service until SIGTERM or SIGINT, then shuts down
/// gracefully (in-flight requests finish) and stops the embedded database it started.
///
/// A start-up that fails (a broken migration, a database that does not answer)
/// is logged with its cause and exits 1. SIGTERM or SIGINT during start-up stops
/// it at once (and the embedded cluster with it) and exits 0.
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
        do {
            try await StartupSignals.stopOnSignal(logger: logger) { running in
                try await DatabaseSetup.run(config, logger: logger) { postgres in
                    let app = try buildApplication(config, postgres: postgres, logger: logger)
                    logger.info("starting", metadata: ["address": "\(config.host):\(config.port)"])
                    // From here the application's service group handles the signals (graceful shutdown).
                    running.set()
                    try await app.runService()
                }
            }
        } catch is CancellationError {
            logger.notice("stopped during start-up")
        } catch {
            logger.critical("eenloket stopped", metadata: ["cause": "\(StartupFailure.describe(error))"])
            throw ExitCode.failure
        }
    }
}

/// Stops a start-up that a signal interrupts, before the service group (which
/// shuts down gracefully on the same signals) has taken over.
enum StartupSignals {
    final class Running: Sendable {
        private let flag = Atomic<Bool>(false)
        func set() { flag.store(true, ordering: .sequentiallyConsistent) }
        var isSet: Bool { flag.load(ordering: .sequentiallyConsistent) }
    }

    static func stopOnSignal(logger: Logger, _ body: @escaping @Sendable (Running) async throws -> Void) async throws {
        let running = Running()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await signal in await UnixSignalsSequence(trapping: .sigterm, .sigint) where !running.isSet {
                    logger.notice("signal during start-up; stopping", metadata: ["signal": "\(signal)"])
                    throw CancellationError()
                }
            }
            group.addTask { try await body(running) }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}
