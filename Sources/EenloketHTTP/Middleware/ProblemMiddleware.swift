import EenloketDomain
import Hummingbird
import Logging
import NIOCore

/// The one place that turns failures into responses: every error becomes an
/// RFC 9457 problem. A dependency that is unavailable is a 503 with
/// Retry-After (the store maps those); anything else unexpected is a bug: a
/// 500 that names the request id, logged at critical with that id and the
/// error's type only (messages may quote request data or medical text).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as AppError {
            if error == .internalError { Self.logBug("internal error", context: context) }
            return Problem.response(for: error, requestId: context.id)
        } catch let error as NIOTooManyBytesError {
            _ = error
            return Problem.response(for: .payloadTooLarge)
        } catch let error as HTTPError {
            switch error.status.code {
            case 404, 405: return Problem.response(for: .notFound)
            case 413: return Problem.response(for: .payloadTooLarge)
            case 400: return Problem.response(for: .malformed(error.body ?? "Het verzoek is ongeldig."))
            default:
                Self.logBug("unexpected HTTP error \(error.status.code)", context: context)
                return Problem.response(for: .internalError, requestId: context.id)
            }
        } catch is CancellationError {
            // The request's time limit cancelled it (or the client went away): not a bug.
            return Problem.response(for: .unavailable)
        } catch {
            Self.logBug("unexpected error \(type(of: error))", context: context)
            return Problem.response(for: .internalError, requestId: context.id)
        }
    }

    /// A bug, at critical: the logger's metadata carries the request id.
    static func logBug(_ what: String, context: Context) {
        context.logger.critical("bug: \(what)")
    }
}
