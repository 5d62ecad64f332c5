import EenloketDomain
import HTTPTypes
import Hummingbird

/// The NL API Design Rules every API answer follows, in one place, around the
/// whole service (so answers made outside the router, such as a timed-out
/// request's 503, follow them too):
/// - /core/version-header: `API-Version`, the OpenAPI document's `info.version`;
/// - /core/transport/security-headers: `nosniff`, no framing (`X-Frame-Options`
///   and `frame-ancestors`), `Cache-Control: no-store`, and, on every answer when
///   the public address is https, `Strict-Transport-Security`;
/// - /core/no-trailing-slash: a path with a trailing slash or an empty segment is
///   404, never the resource without it (the router alone would match it).
/// CORS (/core/transport/cors) is set by the two OpenAPI document routes only.
public struct APIRulesResponder<Base: HTTPResponder>: HTTPResponder where Base.Context == AppRequestContext {
    public typealias Context = AppRequestContext
    let base: Base
    let strictTransportSecurity: Bool

    init(base: Base, publicURL: String) {
        self.base = base
        self.strictTransportSecurity = publicURL.lowercased().hasPrefix("https://")
    }

    /// The paths the OpenAPI document describes: the API, health, metrics and the document itself.

    public func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        // The router skips empty segments (`//api/v1/keys` reaches `/api/v1/keys`), so decide on the path without them.
        let api = APIRules.isAPI(path.contains("//") ? APIRules.withoutEmptySegments(path) : path)
        var response: Response
        if api && (path.hasSuffix("/") || path.contains("//")) {
            response = Problem.response(for: .notFound)
        } else {
            response = try await base.respond(to: request, context: context)
        }
        if api {
            for field in APIRules.headers { response.headers[field.name] = field.value }
            // A document download keeps its sandboxing policy, with framing forbidden as well.
            if let policy = response.headers[.contentSecurityPolicy] {
                if !policy.contains("frame-ancestors") { response.headers[.contentSecurityPolicy] = policy + "; frame-ancestors 'none'" }
            } else {
                response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
            }
            if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        }
        if strictTransportSecurity { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}

/// What makes an answer an API answer, and the headers every API answer carries.
enum APIRules {
    /// The paths the OpenAPI document describes: the API, health, metrics and the document itself.
    static func isAPI(_ path: String) -> Bool {
        path.hasPrefix("/api/") || path.hasPrefix("/health/") || path == "/metrics" || path.hasPrefix("/metrics/")
            || path == "/openapi.yaml" || path.hasPrefix("/openapi.yaml/")
    }

    static func withoutEmptySegments(_ path: String) -> String {
        "/" + path.split(separator: "/").joined(separator: "/")
    }

    static let headers: HTTPFields = [
        HTTPField.Name("API-Version")!: OpenAPIDocument.version,
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("X-Frame-Options")!: "DENY",
    ]
}
