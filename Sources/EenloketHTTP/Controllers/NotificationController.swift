import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird

/// The outbox for people: letters to print (intake officers) and e-mail that
/// could not be delivered (coordinators, admins).
struct NotificationController {
    let deps: AppDependencies

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get(use: list)
            .post("{id}/print", use: print)
    }

    /// `GET /api/v1/notifications?state=letters|failed|pending`.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff([.intakeOfficer, .coordinator, .admin], to: "de berichten zien")
        let state: String = request.uri.queryParameters.get("state").map { String($0) } ?? "letters"
        guard ["letters", "printed", "failed", "pending"].contains(state) else {
            throw AppError.invalid("state", "Kies uit: letters, printed, failed, pending.")
        }
        if staff.role == .intakeOfficer && state != "letters" && state != "printed" {
            throw AppError.forbidden("Intakemedewerkers zien alleen de brieven die geprint moeten worden.")
        }
        let limit = try Paging.limit(request, default: 100, max: 500)
        let items = try await deps.notifications.list(state: state, limit: limit)
        return try JSONResponse.make(ItemsJSON(items: items.map { NotificationJSON(record: $0) }))
    }

    /// `POST /api/v1/notifications/{id}/print` (intake officers): the letter's text,
    /// with a fresh private link for an invitation; the letter counts as printed.
    /// Printing it again needs `{"reason": "not_received|lost|wrong_person"}` (422 without).
    @Sendable func print(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff([.intakeOfficer], to: "brieven printen")
        guard let text = context.parameters.get("id"), let id = Int64(text) else { throw AppError.notFound }
        let reason = try ReprintRequest.parse(try await JSONBody.optionalObject(request))
        let letter = try await deps.notifications.printLetter(id, reprintReason: reason, by: EventActor(context.caller), at: deps.now)
        return try JSONResponse.make(LetterJSON(letter))
    }
}

/// The optional body of `POST /api/v1/notifications/{id}/print`.
enum ReprintRequest {
    static func parse(_ body: [String: JSONValue]) throws -> ReprintReason? {
        let r = FieldReader(body)
        let reason = try r.choice("reason", ReprintReason.self, required: false)
        try r.finish()
        return reason
    }
}
