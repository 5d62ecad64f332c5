import EenloketDomain
import HTTPTypes
import Hummingbird
import Synchronization

/// No request hangs: a request still unanswered after `timeout` is answered
/// 503 with Retry-After (typically the database is unreachable), and its work
/// is cancelled. The answer does not wait for that work to finish: work stuck
/// on a connection the database cut must not hold the client, nor a graceful
/// shutdown, hostage. So this wraps the whole router, where the work can run
/// in a task of its own, rather than being a middleware. A document upload
/// (a multipart POST) gets `uploadTimeout` instead: its body alone may take
/// minutes on a slow connection; a stalled one is still closed by the
/// connection's idle timeout.
public struct TimeoutResponder<Base: HTTPResponder>: HTTPResponder where Base.Context == AppRequestContext {
    public typealias Context = AppRequestContext
    let base: Base
    let timeout: Duration
    let uploadTimeout: Duration

    init(base: Base, timeout: Duration, uploadTimeout: Duration) {
        self.base = base
        self.timeout = timeout
        self.uploadTimeout = uploadTimeout
    }

    /// A multipart POST to one of the three upload routes (the API's and the two pages').
    static func isUpload(_ request: Request) -> Bool {
        guard request.method == .post, request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true else {
            return false
        }
        let path = request.uri.path
        return (path.hasPrefix("/api/v1/cases/") && path.hasSuffix("/documents")) || path == "/zaak/stukken"
            || (path.hasPrefix("/medewerkers/zaken/") && path.hasSuffix("/stukken"))
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let timeout = Self.isUpload(request) ? uploadTimeout : self.timeout
        let answer = FirstAnswer()
        let base = self.base
        let work = Task { try await base.respond(to: request, context: context) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Response, any Error>) in
                answer.wait(continuation)
                let timer = Task { [timeout] in
                    try await Task.sleep(for: timeout)
                    if answer.give(.success(Self.timedOut(request))) {
                        context.logger.warning("request timed out", metadata: ["timeout": "\(timeout)"])
                        work.cancel()
                    }
                }
                Task {
                    let result = await work.result
                    timer.cancel()
                    answer.give(result)
                }
            }
        } onCancel: {
            work.cancel()
        }
    }

    /// 503 with Retry-After: a problem for the API, a short Dutch page for people.
    static func timedOut(_ request: Request) -> Response {
        if APIRules.isAPI(request.uri.path) {
            return Problem.response(for: .unavailable)
        }
        let page = """
            <!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Dat kan nu niet – Eenloket</title></head>
            <body><h1>Dat kan nu niet</h1><p>Het duurt te lang. Probeer het over een minuut opnieuw.</p>
            <p><a href="/toegankelijkheid">Toegankelijkheid</a> · <a href="/privacy">Privacy</a></p></body></html>
            """
        return Response(
            status: .serviceUnavailable,
            headers: [.contentType: "text/html; charset=utf-8", .retryAfter: "30", .cacheControl: "no-store"],
            body: .init(byteBuffer: .init(string: page)))
    }
}

/// Hands the first of two racing results to the waiting request, once.
private final class FirstAnswer: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<Response, any Error>?, given: Result<Response, any Error>?, done: Bool)>(
        (nil, nil, false))

    func wait(_ continuation: CheckedContinuation<Response, any Error>) {
        let ready: Result<Response, any Error>? = state.withLock { s in
            if let given = s.given { s.done = true; return given }
            s.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(with: ready) }
    }

    /// Returns whether this result is the answer (false when the other came first).
    @discardableResult
    func give(_ result: Result<Response, any Error>) -> Bool {
        let (first, waiting): (Bool, CheckedContinuation<Response, any Error>?) = state.withLock { s in
            guard !s.done, s.given == nil else { return (false, nil) }
            if let continuation = s.continuation {
                s.done = true
                s.continuation = nil
                return (true, continuation)
            }
            s.given = result
            return (true, nil)
        }
        waiting?.resume(with: result)
        return first
    }
}
