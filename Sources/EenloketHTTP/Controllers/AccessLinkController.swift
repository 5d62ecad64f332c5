import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird

/// Getting back in (contract Part 2): a new private link by e-mail.
struct AccessLinkController {
    let deps: AppDependencies

    func register(on router: Router<AppRequestContext>) {
        router.post("/api/v1/access-links", use: request)
    }

    /// `POST /api/v1/access-links` (no authentication) → always 202 with the
    /// same body for a well-formed request, whether or not it matches a party.
    @Sendable func request(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try AccessLinkRequest.parse(try await JSONBody.object(request))
        try await deps.cases.requestAccessLink(reference: input.reference, email: input.email, at: deps.now)
        return try JSONResponse.make(AccessLinkAnswerJSON(message: AccessLinks.answer), status: .accepted)
    }
}

/// `POST /api/v1/access-links`: the case reference and an e-mail address.
enum AccessLinkRequest {
    static let referenceMessage = "Vul het zaaknummer in zoals het in uw berichten staat, bijvoorbeeld EL-2026-000042."

    static func parse(_ body: [String: JSONValue]) throws -> (reference: String, email: String) {
        let r = FieldReader(body)
        let typed = try r.text("reference", length: 1...40)
        let reference = typed.flatMap(AccessLinks.reference)
        if typed != nil && reference == nil { r.fail("reference", referenceMessage) }
        let email = try r.text("email", length: 3...320)
        if let email, !EmailAddress.isValid(email) { r.fail("email", EmailAddress.invalidMessage) }
        try r.finish()
        return (reference!, email!)
    }
}

struct AccessLinkAnswerJSON: Encodable {
    let message: String
}
