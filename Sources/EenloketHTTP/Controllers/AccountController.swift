import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird

/// The caller's own staff account.
struct AccountController {
    let deps: AppDependencies

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("password", use: changePassword)
    }

    /// `POST /api/v1/account/password` `{"current_password", "new_password"}` → 204.
    /// Every staff role, for its own account. A wrong current password is a
    /// failed login for the account's address (throttled the same way). The
    /// change ends every session of the account, this one included.
    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff(Set(StaffRole.allCases), to: "een wachtwoord wijzigen")
        let (current, new) = try OwnPasswordRequest.parse(try await JSONBody.object(request))
        try await Self.changeOwnPassword(
            staff, current: current, new: new,
            clientAddress: context.clientAddress(request, trustForwardedFor: deps.configuration.trustForwardedFor), deps: deps)
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }

    /// The API's and the page's own-password change.
    static func changeOwnPassword(
        _ staff: StaffPrincipal, current: String, new: String, clientAddress: String, deps: AppDependencies
    ) async throws {
        guard let account = try await deps.staff.find(staff.id),
            let stored = try await deps.staff.credentials(email: account.email)
        else { throw AppError.unauthenticated }
        let now = deps.now
        let reservation = try await deps.sessions.reserveLoginAttempt(
            emailKey: EmailAddress.key(account.email), clientAddress: clientAddress, at: now,
            window: deps.configuration.loginWindow, limit: deps.configuration.loginFailureLimit,
            addressLimit: deps.configuration.loginFailuresPerAddress)
        guard case .reserved(let attempt, _) = reservation else {
            if case .throttled(let retryAfter) = reservation { throw AppError.tooManyRequests(retryAfter: retryAfter) }
            throw AppError.unavailable
        }
        guard try await deps.passwords.verify(current, hash: stored.passwordHash) else {
            throw AppError.invalid("current_password", "Uw huidige wachtwoord klopt niet.")
        }
        try await deps.sessions.releaseLoginAttempt(attempt)
        if current == new {
            throw AppError.invalid("new_password", "Kies een ander wachtwoord dan uw huidige.")
        }
        var patch = StaffPatch()
        patch.passwordHash = try await deps.passwords.hash(new)
        _ = try await deps.staff.update(staff.id, patch, by: staff.id, at: now)
    }
}

/// `POST /api/v1/account/password`.
enum OwnPasswordRequest {
    static func parse(_ body: [String: JSONValue]) throws -> (current: String, new: String) {
        let r = FieldReader(body)
        let current = try r.string("current_password")
        if let current, current.isEmpty || current.unicodeScalars.count > 1000 || current.contains("\u{0}") {
            r.fail("current_password", "Vul uw huidige wachtwoord in.")
        }
        let new = try r.string("new_password")
        if let new { StaffPassword.check(new, field: "new_password", reader: r) }
        try r.finish()
        return (current!, new!)
    }
}
