import EenloketDomain
import Hummingbird
import Logging
import NIOCore

/// The one place that turns failures into responses: every error becomes an
/// RFC 9457 problem; nothing unexpected leaves as a bare 500. Unexpected
/// errors are logged (type only: messages may quote request data) and
/// answered with 503, since the usual cause is a dependency, never the client.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as AppError {
            return Problem.response(for: error)
        } catch let error as NIOTooManyBytesError {
            _ = error
            return Problem.response(for: .payloadTooLarge)
        } catch let error as HTTPError {
            switch error.status.code {
            case 404, 405: return Problem.response(for: .notFound)
            case 413: return Problem.response(for: .payloadTooLarge)
            case 400: return Problem.response(for: .malformed(error.body ?? "Het verzoek is ongeldig."))
            default:
                context.logger.error("unexpected HTTP error", metadata: ["status": "\(error.status.code)"])
                return Problem.response(for: .unavailable)
            }
        } catch {
            context.logger.error("unexpected error", metadata: ["error.type": "\(type(of: error))"])
            return Problem.response(for: .unavailable)
        }
    }
}
