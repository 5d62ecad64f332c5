import Hummingbird
import Logging

/// One log line per request: method, route template, status and duration.
///
/// Logs the route template (`/api/v1/cases/{id}`), never the raw URI or any
/// header, so tokens, query strings and personal data stay out of the logs.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)", "route": "\(context.endpointPath ?? "unmatched")",
                "status": "\(response.status.code)", "ms": "\((ms * 10).rounded() / 10)",
            ])
        return response
    }
}
