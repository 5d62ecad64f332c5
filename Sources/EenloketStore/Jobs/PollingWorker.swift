import Logging
import PostgresNIO
import ServiceLifecycle

/// A background loop that does a batch of database work whenever there may be
/// some: woken by `LISTEN channel` (another instance added work) and by a
/// bounded poll (time passed, or a notification was missed).
///
/// Each instance runs one per job; the work itself claims rows with
/// `FOR UPDATE SKIP LOCKED`, so instances share it without doing anything twice.
public struct PollingWorker: Service {
    public let name: String
    let channel: String
    let client: PostgresClient
    let pollInterval: Duration
    let logger: Logger
    let gate: StartGate
    /// Does one batch; returns whether a full batch was done (then it runs again at once).
    let work: @Sendable () async throws -> Bool

    public init(
        name: String, channel: String, client: PostgresClient, pollInterval: Duration, logger: Logger, gate: StartGate,
        work: @escaping @Sendable () async throws -> Bool
    ) {
        self.gate = gate
        self.name = name
        self.channel = channel
        self.client = client
        self.pollInterval = pollInterval
        self.logger = logger
        self.work = work
    }

    public func run() async throws {
        // A failed start or a shutdown during start-up ends the job before it began.
        guard (try? await cancelWhenGracefulShutdown({ try await gate.wait() })) != nil else { return }
        let wake = WakeSignal()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await listen(wake: wake) }
            group.addTask {
                await cancelWhenGracefulShutdown { await loop(wake: wake) }
            }
            // When the loop ends (shutdown), stop listening too.
            _ = await group.next()
            group.cancelAll()
        }
    }

    private func loop(wake: WakeSignal) async {
        while !Task.isCancelled {
            var more = true
            while more && !Task.isCancelled {
                do {
                    more = try await work()
                } catch {
                    logger.warning("background job failed; will retry", metadata: ["job": "\(name)", "error.type": "\(type(of: error))"])
                    more = false
                }
            }
            await wake.wait(upTo: pollInterval)
        }
    }

    /// Keeps a LISTEN connection open, reconnecting after failures.
    private func listen(wake: WakeSignal) async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: channel) { notifications in
                        for try await _ in notifications { wake.signal() }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.debug("LISTEN connection lost; reconnecting", metadata: ["channel": "\(channel)"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
