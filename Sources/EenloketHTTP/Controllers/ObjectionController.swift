import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird

/// Objections to panel members: lodged by a party on its case, listed and
/// decided by coordinators and admins; a member stepping aside.
struct ObjectionController {
    let deps: AppDependencies

    /// Routes under `/api/v1/cases`.
    var caseEndpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post("{id}/objections", use: lodge)
            .post("{id}/panel/step-aside", use: stepAside)
    }

    /// Routes under `/api/v1/objections`.
    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get(use: list)
            .post("{objectionId}/decision", use: decide)
    }

    /// `POST /api/v1/cases/{id}/objections` (either party).
    @Sendable func lodge(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.lodgeObjection, context.caller).enforce()
        let id = try context.uuidParameter("id")
        let (staffId, reason) = try ObjectionRequest.parse(try await JSONBody.object(request))
        let objection = try await deps.cases.lodgeObjection(id, staffId: staffId, reason: reason, by: context.caller, at: deps.now)
        return try JSONResponse.make(ObjectionJSON(objection, listed: false), status: .created)
    }

    /// `GET /api/v1/objections` (coordinators, admins): the undecided ones, oldest first.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.decideObjection, context.caller).enforce()
        let items = try await deps.cases.undecidedObjections(by: context.caller)
        return try JSONResponse.make(ItemsJSON(items: items.map { ObjectionJSON($0, listed: true) }))
    }

    /// `POST /api/v1/objections/{objectionId}/decision` (coordinators, admins), once.
    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.decideObjection, context.caller).enforce()
        let id = try context.uuidParameter("objectionId")
        let (upheld, motivation) = try ObjectionDecisionRequest.parse(try await JSONBody.object(request))
        let objection = try await deps.cases.decideObjection(id, upheld: upheld, motivation: motivation, by: context.caller, at: deps.now)
        return try JSONResponse.make(ObjectionJSON(objection, listed: true))
    }

    /// `POST /api/v1/cases/{id}/panel/step-aside` (a member of the case's panel).
    @Sendable func stepAside(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.stepAside, context.caller).enforce()
        let id = try context.uuidParameter("id")
        let reason = try StepAsideRequest.parse(try await JSONBody.object(request))
        let record = try await deps.cases.stepAside(id, reason: reason, by: context.caller, at: deps.now)
        return try JSONResponse.make(CaseResponse(record: record, now: deps.now, showStaffDetails: true))
    }
}
