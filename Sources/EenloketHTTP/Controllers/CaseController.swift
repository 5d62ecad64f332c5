import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird

/// Cases: filing (anonymous), reading, the workflow steps and the history.
struct CaseController {
    let deps: AppDependencies

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .post(use: file)
            .get(use: list)
            .get("{id}", use: show)
            .get("{id}/events", use: events)
            .post("{id}/triage", use: triage)
            .post("{id}/ruling", use: rule)
            .post("{id}/draft-ruling", use: issueDraft)
            .post("{id}/draft-comments", use: commentOnDraft)
            .post("{id}/withdraw", use: withdraw)
            .post("{id}/appeal", use: appeal)
            .post("{id}/appeal/outcome", use: appealOutcome)
            .get("{id}/statements", use: statements)
            .post("{id}/statements", use: addStatement)
            .post("{id}/panel", use: changePanel)
            .get("{id}/followups", use: followUps)
            .post("{id}/followups/{followUpId}", use: answerFollowUp)
            .put("{id}/return-to-work", use: recordReturnToWork)
    }

    static let idempotencyHeader = HTTPField.Name("Idempotency-Key")!

    /// The answer to a filing: 201 with the case as the filer sees it and the access token.
    static let filingResponder = FilingResponder(
        render: { record, token in (201, try JSONResponse.encode(CaseResponse(record: record, now: record.createdAt, accessToken: token))) },
        jsonString: { try JSONResponse.encode($0) })

    /// `POST /api/v1/cases`: no account needed. With an `Idempotency-Key`, a
    /// repeat of the same body gets the same answer and files nothing new.
    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await deps.limitingFilings(request, context: context, idempotencyKey: request.headers[Self.idempotencyHeader]) {
            let body = try await JSONBody.parse(request)
            guard case .object(let object) = body else {
                throw AppError.malformed("De body moet een JSON-object zijn, niet een \(body.typeName).")
            }
            var idempotency: IdempotencyRequest?
            if let key = request.headers[Self.idempotencyHeader] {
                guard (1...200).contains(key.count) else {
                    throw AppError.invalid("Idempotency-Key", "Een Idempotency-Key heeft 1 tot en met 200 tekens.")
                }
                idempotency = IdempotencyRequest(key: key, canonicalBody: CanonicalJSON.serialize(body))
            }
            let new = try CreateCaseRequest.parse(object, today: deps.today)
            let outcome = try await deps.cases.file(new, idempotency: idempotency, at: deps.now, responder: Self.filingResponder)
            context.logger.info("case filed", metadata: ["case_id": "\(outcome.caseId.lowercased)", "replayed": "\(outcome.replayed)"])
            let response = JSONResponse.raw(
                outcome.body, status: HTTPResponse.Status(code: outcome.status),
                headers: [.location: "/api/v1/cases/\(outcome.caseId.lowercased)"])
            return (response, !outcome.replayed)
        }
    }

    /// `GET /api/v1/cases`: staff only; panel members see the cases they are on.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let staff = try context.requireStaff(Permissions.caseReaders, to: "de lijst met zaken zien")
        var errors: [FieldError] = []
        var status: CaseStatus?
        if let text = request.uri.queryParameters.get("status"), !text.isEmpty {
            status = CaseStatus(rawValue: text)
            if status == nil { errors.append(FieldError("status", "Onbekende status.")) }
        }
        var limit = 25
        if let text = request.uri.queryParameters.get("limit") {
            if let value = Int(text), (1...100).contains(value) { limit = value } else {
                errors.append(FieldError("limit", "Kies een aantal van 1 tot en met 100."))
            }
        }
        var cursor: CaseListCursor?
        if let text = request.uri.queryParameters.get("cursor"), !text.isEmpty {
            cursor = CaseListCursor(encoded: text)
            if cursor == nil { errors.append(FieldError("cursor", "Deze cursor is ongeldig; begin opnieuw zonder cursor.")) }
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        let page = try await deps.cases.list(for: staff, status: status, limit: limit, after: cursor)
        return try JSONResponse.make(CaseListJSON(items: page.items.map { CaseSummaryJSON(summary: $0, today: deps.today) }, next_cursor: page.next?.encoded))
    }

    /// `GET /api/v1/cases/{id}`.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try readerCaller(context)
        let record = try await deps.cases.view(try context.uuidParameter("id"), caller: caller, at: deps.now)
        return try JSONResponse.make(CaseResponse(record: record, now: deps.now, showStaffDetails: context.caller.staff != nil))
    }

    /// `GET /api/v1/cases/{id}/events`: a party sees the events but not the staff behind them.
    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try readerCaller(context)
        let events = try await deps.cases.events(try context.uuidParameter("id"), caller: caller)
        let showActor = CaseAccessPolicy.seesActors(caller)
        return try JSONResponse.make(EventListJSON(items: events.map { EventJSON(event: $0, showActor: showActor) }))
    }

    /// `POST /api/v1/cases/{id}/triage` (intake officers).
    @Sendable func triage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.triage, context.caller).enforce()
        let id = try context.uuidParameter("id")
        let input = try TriageRequest.parse(try await JSONBody.object(request))
        let record = try await deps.cases.triage(id, input, by: context.caller, at: deps.now)
        return try JSONResponse.make(CaseResponse(record: record, now: deps.now, showStaffDetails: context.caller.staff != nil))
    }

    /// `POST /api/v1/cases/{id}/ruling` (the chair of the case's panel).
    @Sendable func rule(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.rule, context.caller).enforce()
        let id = try context.uuidParameter("id")
        let input = try RulingRequest.parse(try await JSONBody.object(request))
        let record = try await deps.cases.rule(id, input, by: context.caller, at: deps.now)
        guard let ruling = record.ruling else { throw AppError.unavailable }
        return try JSONResponse.make(
            RulingResponse(caseId: record.id, ruling: ruling, medical: record.medical), status: .created,
            headers: [.location: "/api/v1/cases/\(record.id.lowercased)"])
    }

    /// `POST /api/v1/cases/{id}/draft-ruling` (the chair): the draft the parties may comment on.
    @Sendable func issueDraft(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.issueDraft, context.caller).enforce()
        let id = try context.uuidParameter("id")
        let input = try RulingRequest.parse(try await JSONBody.object(request), draft: true)
        let record = try await deps.cases.issueDraft(id, input, by: context.caller, at: deps.now)
        guard let draft = record.draft else { throw AppError.unavailable }
        return try JSONResponse.make(
            DraftRulingJSON(draft: draft, showMedical: record.medical != nil), status: .created,
            headers: [.location: "/api/v1/cases/\(record.id.lowercased)"])
    }

    /// `POST /api/v1/cases/{id}/draft-comments` (either party): a factual correction, or no comments.
    @Sendable func commentOnDraft(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.commentOnDraft, context.caller).enforce()
        let id = try context.uuidParameter("id")
        let input = try DraftCommentRequest.parse(try await JSONBody.object(request))
        let comment = try await deps.cases.commentOnDraft(id, input, by: context.caller, at: deps.now)
        return try JSONResponse.make(DraftCommentJSON(comment), status: .created)
    }

    /// `POST /api/v1/cases/{id}/withdraw` (the filer).
    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = context.caller
        try CaseActions.permits(.withdraw, caller).enforce()
        let record = try await deps.cases.withdraw(try context.uuidParameter("id"), by: caller, at: deps.now)
        return try JSONResponse.make(CaseResponse(record: record, now: deps.now, showStaffDetails: context.caller.staff != nil))
    }

    /// `POST /api/v1/cases/{id}/appeal` (the filer or a coordinator).
    @Sendable func appeal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = context.caller
        try CaseActions.permits(.appeal, caller).enforce()
        let id = try context.uuidParameter("id")
        let input = try AppealRequest.parse(try await JSONBody.object(request))
        let record = try await deps.cases.appeal(id, input, by: caller, at: deps.now)
        return try JSONResponse.make(CaseResponse(record: record, now: deps.now, showStaffDetails: context.caller.staff != nil), status: .created)
    }

    /// `POST /api/v1/cases/{id}/appeal/outcome` (a coordinator): what the court decided.
    @Sendable func appealOutcome(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.recordAppealOutcome, context.caller).enforce()
        let id = try context.uuidParameter("id")
        let input = try AppealOutcomeRequest.parse(try await JSONBody.object(request))
        let record = try await deps.cases.recordAppealOutcome(id, input, by: context.caller, at: deps.now)
        return try JSONResponse.make(CaseResponse(record: record, now: deps.now, showStaffDetails: true))
    }

    // MARK: Hearing both parties

    /// `GET /api/v1/cases/{id}/statements`: what the caller may see (medical ones by the medical-field rule).
    @Sendable func statements(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try readerCaller(context)
        let items = try await deps.cases.statements(try context.uuidParameter("id"), caller: caller, at: deps.now)
        return try JSONResponse.make(ItemsJSON(items: items.map { StatementJSON(record: $0, showAuthor: caller.staff != nil) }))
    }

    /// `POST /api/v1/cases/{id}/statements`: either party, or a member of the panel.
    @Sendable func addStatement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = context.caller
        try CaseActions.permits(.addStatement, caller).enforce()
        let id = try context.uuidParameter("id")
        let (text, medical) = try StatementRequest.parse(try await JSONBody.object(request))
        let record = try await deps.cases.addStatement(id, text: text, medical: medical, by: caller, at: deps.now)
        return try JSONResponse.make(StatementJSON(record: record, showAuthor: caller.staff != nil), status: .created)
    }

    /// `POST /api/v1/cases/{id}/panel` (coordinators): add a discipline or replace a member.
    @Sendable func changePanel(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.changePanel, context.caller).enforce()
        let id = try context.uuidParameter("id")
        let (change, motivation) = try PanelChangeRequest.parse(try await JSONBody.object(request))
        let record = try await deps.cases.changePanel(id, change, motivation: motivation, by: context.caller, at: deps.now)
        return try JSONResponse.make(CaseResponse(record: record, now: deps.now, showStaffDetails: true))
    }

    // MARK: After-care

    /// `GET /api/v1/cases/{id}/followups`: a party sees its own check-ins that are due; staff see all.
    @Sendable func followUps(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try readerCaller(context)
        let items = try await deps.cases.followUps(try context.uuidParameter("id"), caller: caller, at: deps.now)
        return try JSONResponse.make(ItemsJSON(items: items.map(FollowUpJSON.init)))
    }

    /// `POST /api/v1/cases/{id}/followups/{followUpId}`: the party answers a due check-in.
    @Sendable func answerFollowUp(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = context.caller
        try CaseActions.permits(.answerFollowUp, caller).enforce()
        let id = try context.uuidParameter("id")
        let followUp = try context.uuidParameter("followUpId")
        let answer = try FollowUpAnswerRequest.parse(try await JSONBody.object(request), today: deps.today)
        let record = try await deps.cases.answerFollowUp(id, followUp: followUp, answer, by: caller, at: deps.now)
        return try JSONResponse.make(FollowUpJSON(record: record))
    }

    /// `PUT /api/v1/cases/{id}/return-to-work` (intake officers, coordinators):
    /// the day the employee returned to work; the open check-ins count from it.
    @Sendable func recordReturnToWork(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.recordReturnToWork, context.caller).enforce()
        let id = try context.uuidParameter("id")
        let day = try ReturnToWorkRequest.parse(try await JSONBody.object(request), today: deps.today)
        let moved = try await deps.cases.recordReturnToWork(id, on: day, by: context.caller, at: deps.now)
        return try JSONResponse.make(ReturnToWorkJSON(returned_on: day.description, check_ins_moved: moved))
    }

    /// Callers who may read individual cases (`CaseActions`: 401 without credentials, 403 for inspectors).
    private func readerCaller(_ context: AppRequestContext) throws -> Caller {
        try CaseActions.permits(.read, context.caller).enforce()
        return context.caller
    }
}
