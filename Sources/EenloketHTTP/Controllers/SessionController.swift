import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird
import HummingbirdOTP

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
    /// Staff who reach medical data answer a challenge with a code in a second call.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let step = try CreateSessionRequest.parse(try await JSONBody.object(request))
        let login: LoginResult
        switch step {
        case .password(let email, let password):
            let address = context.clientAddress(request, trustForwardedFor: deps.configuration.trustForwardedFor)
            switch try await logIn(
                email: email, password: password, clientAddress: address, device: request.cookies[DeviceCookie.name]?.value,
                context: context)
            {
            case .session(let result): login = result
            case .challenge(let challenge): return try JSONResponse.make(ChallengeJSON(challenge))
            }
        case .code(let challenge, let code):
            let address = context.clientAddress(request, trustForwardedFor: deps.configuration.trustForwardedFor)
            guard case .accepted(let result) = try await answer(challenge: challenge, code: code, clientAddress: address, context: context)
            else {
                throw AppError.unauthenticated
            }
            login = result
        }
        var response = try JSONResponse.make(SessionJSON(login), status: .created)
        if let device = login.newDevice { response.setCookie(DeviceCookie.make(device, deps.configuration)) }
        return response
    }

    struct LoginResult {
        let token: String
        let expiresAt: Date
        let role: StaffRole
        let staffId: UUID
        /// A device token to remember this client by, when it had none for this account.
        let newDevice: String?
        /// Recovery codes, only when this login finished an enrolment (shown once).
        var recoveryCodes: [String]? = nil
    }

    /// The second step a login still needs.
    struct Challenge {
        let token: String
        let expiresAt: Date
        /// The new secret (and its otpauth URI) to enrol, when the account has no authenticator yet.
        let enrolment: (secret: String, uri: String)?
    }

    enum LoginStep {
        case session(LoginResult)
        case challenge(Challenge)
    }

    /// Checks a login (throttled per address, across instances; a known device
    /// of the account apart). Staff who reach medical data get a challenge to
    /// answer with a code (when `EENLOKET_STAFF_OTP` is `required`); everyone
    /// else a session. Used by the API and by the staff login page. An unknown
    /// address is checked against a decoy hash of the configured cost, so both
    /// refusals take as long.
    func logIn(
        email: String, password: String, clientAddress: String, device: String?, context: AppRequestContext
    ) async throws -> LoginStep {
        let now = deps.now
        let emailKey = EmailAddress.key(email)
        let deviceHash = device.flatMap { AccessToken.kind(of: $0) == .device ? AccessToken.hash($0) : nil }
        let reservation = try await deps.sessions.reserveLoginAttempt(
            emailKey: emailKey, clientAddress: clientAddress, device: deviceHash, at: now, window: deps.configuration.loginWindow,
            limit: deps.configuration.loginFailureLimit, addressLimit: deps.configuration.loginFailuresPerAddress)
        guard case .reserved(let attemptId, let earlierFailures) = reservation else {
            if case .throttled(let retryAfter) = reservation { throw AppError.tooManyRequests(retryAfter: retryAfter) }
            throw AppError.unavailable
        }
        let account = try await deps.staff.credentials(email: emailKey)
        let matches = try await deps.passwords.verify(password, hash: account?.passwordHash ?? deps.passwords.decoy)
        guard let account, matches, account.active else {
            context.logger.info("login refused")
            try await Task.sleep(
                for: LoginThrottle.delay(
                    afterFailures: earlierFailures, base: deps.configuration.loginSlowdown,
                    limit: deps.configuration.requestTimeout - .seconds(2)))
            throw AppError.unauthenticated
        }
        try await deps.sessions.releaseLoginAttempt(attemptId)
        if deps.configuration.staffOTP, TwoStepLogin.required(for: account.role, discipline: account.discipline) {
            let opened = try await deps.twoStep.openChallenge(staffId: account.id, device: deviceHash, at: now)
            var enrolment: (String, String)?
            if case .pending(let secret) = opened.enrolment {
                let uri = TOTP(secret: secret).createAuthenticatorURL(label: "Eenloket:\(account.email)", issuer: "Eenloket")
                enrolment = (Self.base32(ofURI: uri), uri)
            }
            context.logger.info("login awaits a code", metadata: ["staff_id": "\(account.id.lowercased)"])
            return .challenge(Challenge(token: opened.token, expiresAt: opened.expiresAt, enrolment: enrolment))
        }
        return .session(try await openSession(account.id, role: account.role, device: deviceHash, context: context))
    }

    /// The answer to a challenge: a session, or a refusal (and whether the challenge ended).
    enum ChallengeAnswer {
        case accepted(LoginResult)
        case rejected(ended: Bool)
    }

    /// Checks a code for a challenge and opens the session. A code of six
    /// digits is checked as TOTP (one step of clock difference either way,
    /// each step once); anything else as a recovery code. A wrong code counts
    /// as a failed login of the account (and the client), so the password's
    /// throttle and 429 also hold for guessing codes with a known password.
    func answer(challenge: String, code: String, clientAddress: String, context: AppRequestContext) async throws -> ChallengeAnswer {
        let now = deps.now
        let seconds = now.timeIntervalSince1970
        guard let owner = try await deps.twoStep.owner(of: challenge, at: now) else { return .rejected(ended: true) }
        let reservation = try await deps.sessions.reserveLoginAttempt(
            emailKey: EmailAddress.key(owner.email), clientAddress: clientAddress, device: owner.device, at: now,
            window: deps.configuration.loginWindow, limit: deps.configuration.loginFailureLimit,
            addressLimit: deps.configuration.loginFailuresPerAddress)
        guard case .reserved(let attemptId, _) = reservation else {
            if case .throttled(let retryAfter) = reservation { throw AppError.tooManyRequests(retryAfter: retryAfter) }
            throw AppError.unavailable
        }
        let notice = TwoStepLoginStore.HolderNotice(serviceURL: deps.configuration.effectivePublicURL)
        let answer = try await deps.twoStep.answer(challenge: challenge, code: code, notice: notice, at: now) { secret in
            guard TwoStepLogin.looksLikeCode(code), let given = Int(code) else { return nil }
            let totp = TOTP(secret: secret, length: TwoStepLogin.digits, timeStep: TwoStepLogin.stepSeconds)
            return TwoStepLogin.candidateSteps(at: seconds).first { step in
                totp.compute(date: Date(timeIntervalSince1970: Double(step) * Double(TwoStepLogin.stepSeconds))) == given
            }
        }
        switch answer {
        case .rejected(let ended):
            context.logger.info("login code refused")
            return .rejected(ended: ended)
        case .accepted(let staffId, let device, let codes):
            try await deps.sessions.releaseLoginAttempt(attemptId)
            guard let account = try await deps.staff.find(staffId), account.active else { return .rejected(ended: true) }
            var result = try await openSession(staffId, role: account.role, device: device, context: context)
            result.recoveryCodes = codes
            return .accepted(result)
        }
    }

    /// A new session, and a device cookie when the client had none for this account.
    private func openSession(_ staffId: UUID, role: StaffRole, device: Data?, context: AppRequestContext) async throws -> LoginResult {
        let now = deps.now
        let token = AccessToken.generate(.staff)
        let expiresAt = now.addingTimeInterval(deps.configuration.sessionLifetime)
        try await deps.sessions.createSession(staffId: staffId, tokenHash: AccessToken.hash(token), at: now, expiresAt: expiresAt)
        var newDevice: String?
        if try await device.asyncMap({ try await deps.sessions.touchDevice($0, staffId: staffId, at: now) }) != true {
            newDevice = try await deps.sessions.issueDevice(staffId: staffId, at: now, lifetime: deps.configuration.deviceLifetime)
        }
        context.logger.info("login", metadata: ["staff_id": "\(staffId.lowercased)"])
        return LoginResult(token: token, expiresAt: expiresAt, role: role, staffId: staffId, newDevice: newDevice)
    }

    /// The base32 secret inside an otpauth URI (what a person types into an app).
    static func base32(ofURI uri: String) -> String {
        guard let range = uri.range(of: "secret=") else { return "" }
        return String(uri[range.upperBound...].prefix { $0 != "&" })
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

/// The cookie a client that logged in before is known by. It grants no access:
/// it only keeps failed logins from elsewhere from locking its holder out.
enum DeviceCookie {
    static let name = "eenloket_apparaat"

    static func make(_ token: String, _ config: AppConfiguration) -> Cookie {
        Cookie(
            name: name, value: token, maxAge: Int(config.deviceLifetime), path: "/", secure: config.usesSecureCookies, httpOnly: true,
            sameSite: .strict)
    }
}

extension Optional {
    /// `map` with an asynchronous transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
