import Synchronization

/// Runs an operation with a time limit without waiting for it to notice
/// cancellation: callers get an answer (nil) when the time is up even if the
/// operation is stuck, e.g. waiting for a database connection that will not come.
enum TimeLimit {
    static func run<T: Sendable>(seconds: Double, _ operation: @escaping @Sendable () async throws -> T) async throws -> T? {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T?, any Error>) in
            let once = ResumeOnce(continuation)
            let work = Task {
                do { once.resume(.success(try await operation())) } catch { once.resume(.failure(error)) }
            }
            Task {
                try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                if once.resume(.success(nil)) { work.cancel() }
            }
        }
    }
}

/// A continuation that is resumed by whichever caller comes first.
private final class ResumeOnce<T: Sendable>: Sendable {
    private let state: Mutex<CheckedContinuation<T, any Error>?>

    init(_ continuation: CheckedContinuation<T, any Error>) {
        self.state = Mutex(continuation)
    }

    /// Resumes the continuation if nobody did yet; returns whether this call did.
    @discardableResult
    func resume(_ result: Result<T, any Error>) -> Bool {
        guard let continuation = state.withLock({ c -> CheckedContinuation<T, any Error>? in
            defer { c = nil }
            return c
        }) else { return false }
        continuation.resume(with: result)
        return true
    }
}
