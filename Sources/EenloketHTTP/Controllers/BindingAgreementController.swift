import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird

/// The agreement to be bound (binding advice): its text, and a party agreeing.
struct BindingAgreementController {
    let deps: AppDependencies

    func register(on router: Router<AppRequestContext>) {
        router.get("/api/v1/binding-agreement", use: text)
        router.post("/api/v1/cases/{id}/binding-agreement", use: agree)
    }

    /// `GET /api/v1/binding-agreement` (no authentication): the text a party agrees to.
    @Sendable func text(_ request: Request, context: AppRequestContext) async throws -> Response {
        try JSONResponse.make(BindingAgreementJSON(deps.settings.bindingAgreement))
    }

    /// `POST /api/v1/cases/{id}/binding-agreement` (a party's token).
    @Sendable func agree(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.agreeToBeBound, context.caller).enforce()
        let id = try context.uuidParameter("id")
        let name = try BindingAgreementRequest.parse(try await JSONBody.object(request))
        let record = try await deps.cases.agreeToBeBound(id, name: name, by: context.caller, at: deps.now)
        return try JSONResponse.make(AgreementJSON(record), status: .created)
    }
}

struct BindingAgreementJSON: Encodable {
    let version: String
    let text: String
    let digest: String

    init(_ agreement: BindingAgreement) {
        (version, text, digest) = (agreement.version, agreement.text, agreement.digest)
    }
}

struct AgreementJSON: Encodable {
    let party: String
    let name: String
    let agreed_at: String
    let digest: String

    init(_ record: AgreementRecord) {
        (party, name, agreed_at, digest) = (record.party.rawValue, record.name, Timestamp.format(record.agreedAt), record.digest)
    }
}
