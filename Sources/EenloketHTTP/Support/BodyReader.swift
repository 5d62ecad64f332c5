import EenloketDomain
import Hummingbird
import NIOCore

/// Reads a request body with a deadline: a client that announces more than
/// it sends (a body shorter than its Content-Length, or one that trickles in)
/// gets 408 and its connection is closed, instead of holding the request
/// until the request timeout answers 503.
enum BodyReader {
    /// How long a body may take to arrive (set for each request by `BodyDeadlineMiddleware`).
    @TaskLocal static var deadline: Duration = .seconds(9)

    static func collect(_ request: Request, upTo limit: Int) async throws -> ByteBuffer {
        let deadline = Self.deadline
        do {
            return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
                group.addTask { try await request.body.collect(upTo: limit) }
                group.addTask {
                    try await Task.sleep(for: deadline)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let buffer = first else { throw AppError.requestTimeout }
                return buffer
            }
        } catch is NIOTooManyBytesError {
            throw AppError.payloadTooLarge
        }
    }
}

/// Gives every request the body deadline of this application's configuration:
/// a second less than the request timeout (which would answer 503), and half
/// the connection timeout (which would close the connection unanswered).
struct BodyDeadlineMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let deadline: Duration

    init(configuration: AppConfiguration) {
        deadline = min(configuration.connectionTimeout / 2, max(.seconds(1), configuration.requestTimeout - .seconds(1)))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await BodyReader.$deadline.withValue(deadline) { try await next(request, context) }
    }
}
