import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird

/// Staff login and logout.
struct SessionController {
    let deps: AppDependencies

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post(use: create)
            .delete("current", use: delete)
    }

    /// `POST /api/v1/sessions`: an unknown address and a wrong password get the
    /// same 401; after too many failures for one address, 429 until the window passes.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (email, password) = try CreateSessionRequest.parse(try await JSONBody.object(request))
        let address = context.clientAddress(request, trustForwardedFor: deps.configuration.trustForwardedFor)
        let login = try await logIn(email: email, password: password, clientAddress: address, context: context)
        return try JSONResponse.make(
            SessionJSON(
                token: login.token, expires_at: Timestamp.format(login.expiresAt), role: login.role.rawValue,
                staff_id: login.staffId.lowercased),
            status: .created)
    }

    struct LoginResult {
        let token: String
        let expiresAt: Date
        let role: StaffRole
        let staffId: UUID
    }

    /// Checks a login (throttled per address, across instances) and opens a session.
    /// Used by the API and by the staff login page.
    func logIn(email: String, password: String, clientAddress: String, context: AppRequestContext) async throws -> LoginResult {
        let now = deps.now
        let emailKey = email.trimmingCharacters(in: .whitespaces).lowercased()
        let reservation = try await deps.sessions.reserveLoginAttempt(
            emailKey: emailKey, clientAddress: clientAddress, at: now, window: deps.configuration.loginWindow,
            limit: deps.configuration.loginFailureLimit, addressLimit: deps.configuration.loginFailuresPerAddress)
        guard case .reserved(let attemptId) = reservation else {
            if case .throttled(let retryAfter) = reservation { throw AppError.tooManyRequests(retryAfter: retryAfter) }
            throw AppError.unavailable
        }
        let account = try await deps.staff.credentials(email: emailKey)
        let matches = try await deps.passwords.verify(password, hash: account?.passwordHash ?? PasswordHasher.decoy)
        guard let account, matches, account.active else {
            context.logger.info("login refused")
            throw AppError.unauthenticated
        }
        try await deps.sessions.releaseLoginAttempt(attemptId)
        let token = AccessToken.generate(.staff)
        let expiresAt = now.addingTimeInterval(deps.configuration.sessionLifetime)
        try await deps.sessions.createSession(staffId: account.id, tokenHash: AccessToken.hash(token), at: now, expiresAt: expiresAt)
        context.logger.info("login", metadata: ["staff_id": "\(account.id.lowercased)"])
        return LoginResult(token: token, expiresAt: expiresAt, role: account.role, staffId: account.id)
    }

    /// `DELETE /api/v1/sessions/current`: the token stops working at once.
    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff(Set(StaffRole.allCases), to: "afmelden")
        guard let header = request.headers[.authorization], let token = AuthenticationMiddleware.bearerToken(header) else {
            throw AppError.unauthenticated
        }
        try await deps.sessions.revoke(tokenHash: AccessToken.hash(token), at: deps.now)
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }
}
