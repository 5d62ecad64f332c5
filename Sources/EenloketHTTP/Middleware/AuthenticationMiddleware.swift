import EenloketDomain
import EenloketStore
import Hummingbird

/// Resolves `Authorization: Bearer <token>` into the request's caller.
///
/// Tokens are looked up by their SHA-256 hash; the token itself is never
/// logged or stored. Which caller may do what is decided by the handlers.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let sessions: SessionRepository
    let clock: any WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // An unknown token leaves the caller anonymous: endpoints that need one answer 401.
        if let header = request.headers[.authorization], let token = Self.bearerToken(header),
            let caller = try await sessions.resolve(token: token, at: clock.now())
        {
            context.caller = caller
        }
        return try await next(request, context)
    }

    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}

extension AppRequestContext {
    /// The caller, or 401 when the request carries no valid credentials.
    func authenticated() throws -> Caller {
        if case .anonymous = caller { throw AppError.unauthenticated }
        return caller
    }

    /// A staff caller with one of `roles`: 401 without credentials, 403 for a
    /// party token or another role.
    func requireStaff(_ roles: Set<StaffRole>, to action: String) throws -> StaffPrincipal {
        try Permissions.requireStaff(try authenticated(), roles, action: action)
    }
}
