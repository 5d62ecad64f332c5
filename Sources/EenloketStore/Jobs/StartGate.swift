import Synchronization

/// Holds background jobs back until the service is ready (migrations applied),
/// since services start at the same time as the migrations run. A failed
/// start fails every waiter, and a cancelled waiter stops waiting: nothing
/// waits forever on a start that will not come.
public final class StartGate: Sendable {
    private enum Outcome { case open, failed }

    public struct StartFailed: Error {}

    private struct State {
        var outcome: Outcome?
        var nextId = 0
        var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Lets every waiting job start, now and later.
    public func open() { finish(.open) }

    /// The start failed: every waiting job, now and later, gets `StartFailed`.
    public func fail() { finish(.failed) }

    private func finish(_ outcome: Outcome) {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, any Error>] in
            guard s.outcome == nil else { return [] }
            s.outcome = outcome
            defer { s.waiters = [:] }
            return Array(s.waiters.values)
        }
        for waiter in waiters {
            if outcome == .open { waiter.resume() } else { waiter.resume(throwing: StartFailed()) }
        }
    }

    /// Returns once the gate is open; throws when the start failed or the caller is cancelled.
    public func wait() async throws {
        let id = state.withLock { s -> Int in
            s.nextId += 1
            return s.nextId
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let decided = state.withLock { s -> Outcome?? in
                    if let outcome = s.outcome { return .some(outcome) }
                    if Task.isCancelled { return .some(nil) }
                    s.waiters[id] = continuation
                    return .none
                }
                switch decided {
                case .none: break
                case .some(.open): continuation.resume()
                case .some(.failed): continuation.resume(throwing: StartFailed())
                case .some(nil): continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let waiter = state.withLock { s in s.waiters.removeValue(forKey: id) }
            waiter?.resume(throwing: CancellationError())
        }
    }
}
