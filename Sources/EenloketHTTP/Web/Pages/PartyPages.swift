import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird

/// A party's own case, behind its private link: status, timeline, statements,
/// the ruling, appeal, withdrawal and after-care.
extension WebController {
    /// The party the link's token belongs to; an unknown link is "not found".
    func party(_ context: AppRequestContext) async throws -> (caller: Caller, party: PartyPrincipal, token: String) {
        guard let token = context.parameters.get("token"),
            case .party(let party)? = try await deps.sessions.resolve(token: token, at: deps.now)
        else { throw AppError.notFound }
        return (.party(party), party, token)
    }

    @Sendable func partyCase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let message = request.uri.queryParameters.get("bericht").map { String($0) }
        return try await renderPartyCase(context, formErrors: [:], message: message)
    }

    /// The case page; `formErrors` re-shows a form with what was wrong.
    func renderPartyCase(
        _ context: AppRequestContext, formErrors: [String: [FieldError]], message: String?, values: [String: String] = [:],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (caller, party, token) = try await party(context)
        let now = deps.now
        let record = try await deps.cases.view(party.caseId, caller: caller, at: now)
        let events = try await deps.cases.events(party.caseId, caller: caller)
        let statements = try await deps.cases.statements(party.caseId, caller: caller, at: now)
        let followUps = try await deps.cases.followUps(party.caseId, caller: caller, at: now)
        var v = CaseView.summary(record)
        v["token"] = token
        v["csrf"] = CSRF.token(boundTo: token)
        v["steps"] = CaseView.steps(record)
        v["events"] = CaseView.events(events)
        v["deadlines"] = CaseView.deadlines(record, today: deps.today)
        v["statements"] = CaseView.statements(statements)
        v["hasStatements"] = !statements.isEmpty
        v["isEmployee"] = party.role == .employee
        v["youAre"] = Labels.role(party.role.rawValue).lowercased()
        v["mayAddStatement"] = CaseRepository.statementStatuses.contains(record.status)
        v["mayWithdraw"] = party.isFiler && CaseTransition.withdraw.from.contains(record.status)
        v["mayAppeal"] = party.isFiler && record.status == .ruled && record.appeal == nil
        v["today"] = deps.today.description
        let openFollowUps = followUps.filter { $0.answeredAt == nil && $0.missedAt == nil }
        v["followUps"] = openFollowUps.map { f -> [String: Any] in
            ["id": f.id.lowercased, "number": f.sequence, "answerBy": Labels.moment(f.answerBy)]
        }
        v["hasFollowUps"] = !openFollowUps.isEmpty
        if let message { v["message"] = Self.messages[message] ?? "" }
        for (form, errors) in formErrors where !errors.isEmpty {
            v["errors_" + form] = ["items": errors.map { ["field": $0.field, "message": $0.message, "href": "#" + FilingForm.id(form + "." + $0.field)] }]
        }
        v["values"] = values
        return publicPage("case-party", title: (formErrors.isEmpty ? "" : "Fout: ") + "Uw zaak \(record.reference)", v, status: status)
    }

    static let messages = [
        "reactie": "Uw reactie is toegevoegd.", "ingetrokken": "Uw zaak is ingetrokken.",
        "beroep": "Het beroep is vastgelegd.", "nazorg": "Dank u wel. Uw antwoorden zijn opgeslagen.",
    ]

    @Sendable func partyRuling(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, party, _) = try await party(context)
        let record = try await deps.cases.view(party.caseId, caller: caller, at: deps.now)
        guard let ruling = record.ruling else { throw AppError.notFound }
        var v = CaseView.summary(record)
        v["ruling"] = CaseView.rulingValues(ruling, caseId: record.id, medical: record.medical)
        return publicPage("ruling-print", title: "Bindend oordeel \(record.reference)", v)
    }

    @Sendable func partyStatement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, party, token) = try await party(context)
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: CSRF.token(boundTo: token))
        let body = form.json(strings: ["text"], booleans: party.role == .employee ? ["medical"] : [])
        do {
            let (text, medical) = try StatementRequest.parse(body)
            _ = try await deps.cases.addStatement(party.caseId, text: text, medical: medical, by: caller, at: deps.now)
        } catch AppError.invalid(let errors) {
            return try await renderPartyCase(
                context, formErrors: ["reactie": errors], message: nil, values: ["reactie": form["text"] ?? ""], status: .unprocessableContent)
        }
        throw WebRedirect(to: "/zaak/\(token)?bericht=reactie#reacties")
    }

    @Sendable func confirmWithdrawal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, party, token) = try await party(context)
        let record = try await deps.cases.view(party.caseId, caller: caller, at: deps.now)
        return publicPage(
            "case-withdraw", title: "Zaak intrekken",
            ["reference": record.reference, "token": token, "csrf": CSRF.token(boundTo: token)])
    }

    @Sendable func partyWithdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, party, token) = try await party(context)
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: CSRF.token(boundTo: token))
        _ = try await deps.cases.withdraw(party.caseId, by: caller, at: deps.now)
        throw WebRedirect(to: "/zaak/\(token)?bericht=ingetrokken")
    }

    @Sendable func partyAppeal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, party, token) = try await party(context)
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: CSRF.token(boundTo: token))
        do {
            let input = try AppealRequest.parse(form.json(strings: ["court", "lodged_on"]))
            _ = try await deps.cases.appeal(party.caseId, input, by: caller, at: deps.now)
        } catch AppError.invalid(let errors) {
            return try await renderPartyCase(
                context, formErrors: ["beroep": errors], message: nil,
                values: ["court": form["court"] ?? "", "lodged_on": form["lodged_on"] ?? ""], status: .unprocessableContent)
        }
        throw WebRedirect(to: "/zaak/\(token)?bericht=beroep#uitspraak")
    }

    @Sendable func partyFollowUp(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, party, token) = try await party(context)
        let followUp = try context.uuidParameter("followUpId")
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: CSRF.token(boundTo: token))
        var body = form.json(strings: ["ruling_carried_out", "return_to_work", "remarks"])
        if let help = form["needs_help"] { body["needs_help"] = .bool(help == "ja") }
        do {
            let answer = try FollowUpAnswerRequest.parse(body)
            _ = try await deps.cases.answerFollowUp(party.caseId, followUp: followUp, answer, by: caller, at: deps.now)
        } catch AppError.invalid(let errors) {
            return try await renderPartyCase(context, formErrors: ["nazorg": errors], message: nil, status: .unprocessableContent)
        }
        throw WebRedirect(to: "/zaak/\(token)?bericht=nazorg")
    }
}
