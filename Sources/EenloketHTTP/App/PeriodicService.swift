import EenloketStore
import Logging
import ServiceLifecycle

/// Runs a job every `interval` until graceful shutdown (routing sweeps, purges).
struct PeriodicService: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    let gate: StartGate
    let job: @Sendable () async throws -> Void

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            // A failed start or a shutdown during start-up ends the job before it began.
            try await gate.wait()
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return
                }
                do {
                    try await job()
                } catch {
                    logger.warning("periodic job failed", metadata: ["job": "\(name)", "error.type": "\(type(of: error))"])
                }
            }
        }
    }
}
