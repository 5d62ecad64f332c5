import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird

/// "Link kwijt?": a party asks for a new private link, through the same
/// parser and repository as `POST /api/v1/access-links`, and reads the same
/// answer whatever it typed.
extension WebController {
    @Sendable func lostLinkForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (csrf, cookie) = anonymousFormToken(request)
        let sent = request.uri.queryParameters.get("bericht") == "verstuurd" ? AccessLinks.answer : nil
        var response = try renderLostLink(values: [:], errors: [], csrf: csrf, sent: sent)
        if let cookie { response.setCookie(cookie) }
        return response
    }

    /// `POST /link-kwijt`: answered with a redirect to the same message, match or not.
    @Sendable func requestLostLink(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: request.cookies[CSRF.cookieName]?.value)
        let values = [
            "reference": (form["reference"] ?? "").trimmingCharacters(in: .whitespaces),
            "email": (form["email"] ?? "").trimmingCharacters(in: .whitespaces),
        ]
        let input: (reference: String, email: String)
        do {
            input = try AccessLinkRequest.parse(values.mapValues { JSONValue.string($0) })
        } catch AppError.invalid(let errors) {
            return try renderLostLink(values: values, errors: errors, csrf: form["csrf"] ?? "", sent: nil)
        }
        try await deps.cases.requestAccessLink(reference: input.reference, email: input.email, at: deps.now)
        return WebRedirect(to: "/link-kwijt?bericht=verstuurd").response
    }

    func renderLostLink(values: [String: String], errors: [FieldError], csrf: String, sent: String?) throws -> Response {
        let fields = LostLinkPage.fields.map { field in
            FilingFormPage.Field(
                name: field.name, id: field.name, label: field.label, type: field.type, value: values[field.name] ?? "",
                required: true, hintId: field.name + "-uitleg", errorId: field.name + "-fout", hint: field.hint,
                error: errors.first { $0.field == field.name }?.message, autocomplete: field.autocomplete)
        }
        let summary = errors.map { error in
            FilingFormPage.ErrorSummaryItem(
                href: "#" + error.field, message: error.message,
                label: LostLinkPage.fields.first { $0.name == error.field }?.label ?? error.field)
        }
        return try publicPage(
            title: (errors.isEmpty ? "" : "Fout: ") + "Link kwijt?",
            LostLinkPage(sent: sent, csrf: csrf, fields: fields, errorSummary: summary, hasErrors: !errors.isEmpty),
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// `link-lost.mustache`.
struct LostLinkPage: PageModel {
    static let template = "link-lost"
    let sent: String?
    let csrf: String
    let fields: [FilingFormPage.Field]
    let errorSummary: [FilingFormPage.ErrorSummaryItem]
    let hasErrors: Bool

    static let fields: [(name: String, label: String, hint: String?, type: String, autocomplete: String?)] = [
        ("reference", "Zaaknummer", "Bijvoorbeeld EL-2026-000042.", "text", "off"),
        ("email", "Uw e-mailadres", "Het adres waarop u berichten van Eenloket krijgt.", "email", "email"),
    ]
}
