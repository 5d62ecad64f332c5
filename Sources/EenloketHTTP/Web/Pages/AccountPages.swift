import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird

/// Staff accounts for admins (the list, one account with its history and the
/// changes only an admin may make), and every staff member's own password.
extension WebController {
    // MARK: Admins

    @Sendable func accounts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await requireSession(request, roles: Permissions.staffAuditors)
        let items = try await deps.staff.list(role: nil).map { a in
            AccountsPage.Row(
                id: a.id.lowercased, name: a.name, email: a.email, role: Labels.role(a.role.rawValue), active: a.active,
                awaiting: a.awaitingActivation)
        }
        return try staffPage(title: "Accounts", AccountsPage(items: items), session: session)
    }

    @Sendable func account(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await requireSession(request, roles: Permissions.staffAuditors)
        let message = request.uri.queryParameters.get("bericht").map { String($0) }
        return try await renderAccount(session, id: try context.uuidParameter("id"), errors: [], message: message)
    }

    func renderAccount(
        _ session: WebSession, id: UUID, errors: [FieldError], message: String?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let account = try await deps.staff.find(id) else { throw AppError.notFound }
        let events = try await deps.staff.events(of: id)
        let names = Dictionary(try await deps.staff.list(role: nil).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let enrolled = try await deps.twoStep.isEnrolled(id)
        let page = AccountPage(
            id: account.id.lowercased, csrf: session.csrf, name: account.name, email: account.email,
            role: Labels.role(account.role.rawValue), active: account.active, awaiting: account.awaitingActivation,
            own: account.id == session.staff.id,
            twoStep: TwoStepLogin.required(for: account.role, discipline: account.panel?.discipline),
            enrolled: enrolled,
            events: events.reversed().map { e in
                AccountPage.Event(
                    at: Labels.moment(e.at), change: Labels.staffChange(e.change), fields: e.fields.map(Labels.staffField).joined(separator: ", "),
                    actor: e.actorId.map { names[$0] ?? "onbekend" } ?? "Eenloket")
            },
            message: message.map { Self.accountMessages[$0] ?? "" },
            errors: FormErrors(errors.map { FormErrorItem(message: $0.message, href: "#" + FilingForm.id("account." + $0.field)) }))
        return try staffPage(title: (errors.isEmpty ? "" : "Fout: ") + "Account \(account.name)", page, session: session, status: status)
    }

    static let accountMessages = [
        "gewijzigd": "De wijziging is opgeslagen. De medewerker is uitgelogd en krijgt een e-mail.",
        "geactiveerd": "Het account is geactiveerd. Geef het nieuwe wachtwoord alleen aan de medewerker zelf.",
        "app": "De inlogcode-app is losgekoppeld. De medewerker koppelt bij de volgende keer inloggen een app en krijgt een e-mail.",
    ]

    /// E-mail address, password or active: the same rules as `PATCH /api/v1/staff/{id}`.
    @Sendable func updateAccount(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await staffForm(request, roles: Permissions.staffAuditors)
        let id = try context.uuidParameter("id")
        var body = form.json(strings: ["email", "password"])
        if form["active"] != nil { body["active"] = .bool(form["active"] == "true") }
        guard !body.isEmpty else { throw WebRedirect(to: "/medewerkers/accounts/\(id.lowercased)") }
        do {
            _ = try await StaffController.update(id, body, by: session.staff, deps: deps)
        } catch AppError.invalid(let errors) {
            return try await renderAccount(session, id: id, errors: errors, message: nil, status: .unprocessableContent)
        } catch AppError.conflict(let why) {
            return try await renderAccount(session, id: id, errors: [FieldError("email", why)], message: nil, status: .conflict)
        }
        let done = form["active"] == "true" && body["password"] != nil ? "geactiveerd" : "gewijzigd"
        throw WebRedirect(to: "/medewerkers/accounts/\(id.lowercased)?bericht=\(done)")
    }

    /// Unlinks the account's authenticator (the same as `DELETE /api/v1/staff/{id}/otp`).
    @Sendable func resetAccountOTP(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await staffForm(request, roles: Permissions.staffAuditors)
        let id = try context.uuidParameter("id")
        try await deps.twoStep.reset(id, by: session.staff.id, serviceURL: deps.configuration.effectivePublicURL, at: deps.now)
        throw WebRedirect(to: "/medewerkers/accounts/\(id.lowercased)?bericht=app")
    }

    // MARK: Everyone's own password

    @Sendable func passwordForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await requireSession(request)
        return try staffPage(title: "Wachtwoord wijzigen", PasswordPage(csrf: session.csrf, errors: nil), session: session)
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await staffForm(request, roles: Set(StaffRole.allCases))
        do {
            let (current, new) = try OwnPasswordRequest.parse(form.json(strings: ["current_password", "new_password"]))
            try await AccountController.changeOwnPassword(
                session.staff, current: current, new: new,
                clientAddress: context.clientAddress(request, trustForwardedFor: deps.configuration.trustForwardedFor), deps: deps)
        } catch AppError.invalid(let errors) {
            let items = errors.map { FormErrorItem(message: $0.message, href: "#" + FilingForm.id("wachtwoord." + $0.field)) }
            return try staffPage(
                title: "Fout: Wachtwoord wijzigen", PasswordPage(csrf: session.csrf, errors: FormErrors(items)),
                session: session, status: .unprocessableContent)
        }
        // Every session ended with the change, this one too.
        var response = WebRedirect(to: "/medewerkers/inloggen?bericht=wachtwoord").response
        response.setCookie(sessionCookie("", maxAge: 0))
        return response
    }
}
