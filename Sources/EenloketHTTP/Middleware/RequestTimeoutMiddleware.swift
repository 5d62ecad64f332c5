import EenloketDomain
import Hummingbird

/// No request hangs: after the configured time it is answered 503 with
/// Retry-After (typically the database is unreachable), and its work is cancelled.
struct RequestTimeoutMiddleware<Context: RequestContext>: RouterMiddleware {
    let timeout: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withoutActuallyEscaping(next) { next in
            // The rest of the chain runs in one child task only, while this task waits.
            let chain = UncheckedSendable(next)
            let work = UncheckedSendable((request, context))
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask { try await chain.value(work.value.0, work.value.1) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    context.logger.warning("request timed out")
                    throw AppError.unavailable
                }
                return response
            }
        }
    }
}

/// A value handed to one child task that the compiler cannot prove is shared safely.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
