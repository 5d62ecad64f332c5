import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird

/// A party's page session: the link's token exchanged for an HttpOnly cookie,
/// so the pages' addresses never hold the token (security finding M2).
struct PartySession {
    static let cookieName = "eenloket_zaak"
    /// How long a page session lasts; following the link again starts a new one.
    static let lifetime: TimeInterval = 8 * 3600

    let party: PartyPrincipal
    let token: String

    var caller: Caller { .party(party) }
    /// The form token of this session.
    var csrf: String { CSRF.token(boundTo: token) }
}

/// A party's own case, behind its private link: status, timeline, statements,
/// the ruling, appeal, withdrawal and after-care.
extension WebController {
    /// The party of the page session in the request's cookie; without one the
    /// page is "not found" (its text says to follow the link again).
    func party(_ request: Request) async throws -> PartySession {
        guard let token = request.cookies[PartySession.cookieName]?.value,
            let party = try await deps.sessions.resolvePartySession(token, at: deps.now)
        else { throw AppError.notFound }
        return PartySession(party: party, token: token)
    }

    /// `GET /zaak/{token}`: the private link from a message. It only shows a
    /// button: mail filters that open every link to check it must not count as
    /// the party's first use of its link, nor get a session (404 for a link
    /// that is no party's).
    @Sendable func partyLinkPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let link = context.parameters.get("token"), try await deps.sessions.isPartyLink(link) else { throw AppError.notFound }
        let (csrf, cookie) = anonymousFormToken(request)
        var response = try publicPage(title: "Uw zaak openen", CaseOpenPage(csrf: csrf, link: link))
        if let cookie { response.setCookie(cookie) }
        return response
    }

    /// `POST /zaak/{token}` (the button): exchanges the link for a page session
    /// (HttpOnly; SameSite=Lax) and sends the browser to `/zaak`, without the
    /// token. The form token keeps another site from logging a visitor into a
    /// case of its own choosing.
    @Sendable func openPartyLink(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: request.cookies[CSRF.cookieName]?.value)
        guard let link = context.parameters.get("token"),
            let (token, _) = try await deps.sessions.openPartySession(link: link, at: deps.now, lifetime: PartySession.lifetime)
        else { throw AppError.notFound }
        var response = WebRedirect(to: "/zaak").response
        response.setCookie(partyCookie(token))
        return response
    }

    /// `POST /zaak/afmelden`: ends the page session.
    @Sendable func partyLogout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: session.csrf)
        try await deps.sessions.closePartySession(session.token, at: deps.now)
        var response = WebRedirect(to: "/?bericht=afgemeld").response
        response.setCookie(partyCookie("", maxAge: 0))
        return response
    }

    func partyCookie(_ token: String, maxAge: Int? = nil) -> Cookie {
        Cookie(
            name: PartySession.cookieName, value: token, maxAge: maxAge, path: "/zaak", secure: secureCookies, httpOnly: true,
            sameSite: .lax)
    }

    @Sendable func partyCase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let message = request.uri.queryParameters.get("bericht").map { String($0) }
        return try await renderPartyCase(try await party(request), formErrors: [:], message: message)
    }

    /// The case page; `formErrors` re-shows a form with what was wrong.
    func renderPartyCase(
        _ session: PartySession, formErrors: [String: [FieldError]], message: String?, values: [String: String] = [:],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (caller, party) = (session.caller, session.party)
        let now = deps.now
        let record = try await deps.cases.view(party.caseId, caller: caller, at: now)
        let events = try await deps.cases.events(party.caseId, caller: caller, seen: record)
        let statements = try await deps.cases.statements(party.caseId, caller: caller, at: now, seen: record)
        let followUps = try await deps.cases.followUps(party.caseId, caller: caller, at: now, seen: record)
        let appointments = try await deps.cases.appointments(party.caseId, caller: caller, at: now, seen: record)
        let documents = try await deps.cases.documents(party.caseId, caller: caller, seen: record)
        let facts = record.facts(deps.settings.procedure, calendar: try await deps.deadlineSettings.policy().calendar)
        let actions = ActionButtons(caller: caller, facts: facts, now: now)
        let objectable = record.panel.filter { CaseActions.objection(against: $0.staffId, by: caller, on: facts, at: now).isAllowed }.map {
            SelectOption(
                value: $0.staffId.lowercased,
                label: "\($0.name), \(Labels.discipline($0.discipline)) (bezwaar kan \(Dutch.until(facts.objectionWindowEnd(joinedAt: $0.assignedAt))))",
                selected: values["staff_id"] == $0.staffId.lowercased)
        }
        let openFollowUps = actions.may(.answerFollowUp) ? followUps.filter { $0.answeredAt == nil && $0.missedAt == nil } : []
        func shownErrors(_ form: String) -> FormErrors? {
            FormErrors((formErrors[form] ?? []).map { FormErrorItem(message: $0.message, href: "#" + FilingForm.id(form + "." + $0.field)) })
        }
        let page = PartyCasePage(
            summary: CaseView.summary(record, now: deps.now), csrf: session.csrf, message: message.map { Self.messages[$0] ?? "" },
            youAre: Labels.role(party.role.rawValue).lowercased(), isEmployee: party.role == .employee, isFiler: party.isFiler,
            // An invited employee sees medical information, and may act, once staff verified the link reached them.
            checkCode: record.checkCode ?? "", awaitingVerification: record.checkCode != nil,
            steps: CaseView.steps(record), deadlines: CaseView.deadlines(record, today: deps.today), events: CaseView.events(events),
            statements: CaseView.statements(statements), hasStatements: !statements.isEmpty,
            followUps: openFollowUps.map {
                PartyCasePage.FollowUpForm(
                    id: $0.id.lowercased, number: $0.sequence, answerBy: Labels.moment($0.answerBy), asksReturn: $0.sequence == 1)
            },
            hasFollowUps: !openFollowUps.isEmpty,
            mayAddStatement: actions.may(.addStatement), mayWithdraw: actions.may(.withdraw), mayAppeal: actions.may(.appeal),
            mayAgree: actions.may(.agreeToBeBound), mayCommentOnDraft: actions.may(.commentOnDraft),
            appointments: CaseView.appointments(appointments) { actions.may($0, on: $1) }, hasAppointments: !appointments.isEmpty,
            objections: CaseView.objections(record.objections), hasObjections: !record.objections.isEmpty, objectable: objectable,
            mayObject: !objectable.isEmpty,
            mayDeclareNoComments: actions.may(.declareNoComments), agreementParagraphs: CaseView.paragraphs(deps.settings.bindingAgreement.text),
            caseFile: CaseView.caseFile(
                documents, caller: caller, consents: record.medical != nil ? record.consents : nil, mayAdd: actions.may(.addDocument), downloadBase: "/zaak/stukken",
                uploadAction: "/zaak/stukken", csrf: session.csrf, maxBytes: deps.configuration.documentMaxBytes,
                errors: formErrors["stukken"] ?? []),
            consent: CaseView.consents(record, mayChange: actions.may(.changeConsent), csrf: session.csrf, errors: []),
            values: values, today: deps.today.description,
            statementErrors: shownErrors("reactie"), appealErrors: shownErrors("beroep"), followUpErrors: shownErrors("nazorg"),
            agreementErrors: shownErrors("akkoord"), draftErrors: shownErrors("concept"),
            objectionErrors: shownErrors("bezwaar"))
        return try publicPage(title: (formErrors.isEmpty ? "" : "Fout: ") + "Uw zaak \(record.reference)", page, status: status)
    }

    static let messages = [
        "reactie": "Uw reactie is toegevoegd.", "ingetrokken": "Uw zaak is ingetrokken.",
        "beroep": "Het beroep is vastgelegd.", "nazorg": "Dank u wel. Uw antwoorden zijn opgeslagen.",
        "nazorg-hulp": "Dank u wel. Uw antwoorden zijn opgeslagen. " + FollowThrough.helpNextStep,
        "akkoord": "U bent akkoord gegaan met een bindend oordeel. Dat staat nu in uw zaak.",
        "concept": "Uw reactie op het concept is opgeslagen. Het panel neemt die mee in het oordeel.",
        "bezwaar": "Uw bezwaar is ingediend. Een coördinator beslist erover; u krijgt bericht.",
        "afspraak": "Uw antwoord is opgeslagen. Het panel ziet of u komt.",
        "stuk": "Het stuk is toegevoegd aan het dossier.",
        "toestemming": "Uw keuze is opgeslagen. U kunt haar altijd weer veranderen.",
    ]

    @Sendable func partyRuling(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let record = try await deps.cases.view(session.party.caseId, caller: session.caller, at: deps.now)
        guard record.ruling != nil else { throw AppError.notFound }
        let title = (record.ruling?.binding == true ? "Bindend oordeel " : "Advies ") + record.reference
        return try publicPage(title: title, RulingPrintPage(summary: CaseView.summary(record, now: deps.now)))
    }

    @Sendable func partyStatement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let (caller, party) = (session.caller, session.party)
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: session.csrf)
        let body = form.json(strings: ["text"], booleans: party.role == .employee ? ["medical"] : [])
        do {
            let (text, medical) = try StatementRequest.parse(body)
            _ = try await deps.cases.addStatement(party.caseId, text: text, medical: medical, by: caller, at: deps.now)
        } catch AppError.invalid(let errors) {
            return try await renderPartyCase(
                session, formErrors: ["reactie": errors], message: nil, values: ["reactie": form["text"] ?? ""], status: .unprocessableContent)
        }
        throw WebRedirect(to: "/zaak?bericht=reactie#reacties")
    }

    @Sendable func partyAgreement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: session.csrf)
        let body = form.json(strings: ["name"], booleans: ["agree"])
        do {
            let name = try BindingAgreementRequest.parse(body)
            _ = try await deps.cases.agreeToBeBound(session.party.caseId, name: name, by: session.caller, at: deps.now)
        } catch AppError.invalid(let errors) {
            return try await renderPartyCase(
                session, formErrors: ["akkoord": errors], message: nil, values: ["akkoord": form["name"] ?? ""], status: .unprocessableContent)
        }
        throw WebRedirect(to: "/zaak?bericht=akkoord#akkoord")
    }

    @Sendable func partyDraftComment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: session.csrf)
        let body: [String: JSONValue] =
            form["no_comments"] == "true"
            ? ["no_comments": .bool(true)]
            : form.json(strings: ["text"], booleans: session.party.role == .employee ? ["medical"] : [])
        do {
            let input = try DraftCommentRequest.parse(body)
            _ = try await deps.cases.commentOnDraft(session.party.caseId, input, by: session.caller, at: deps.now)
        } catch AppError.invalid(let errors) {
            return try await renderPartyCase(
                session, formErrors: ["concept": errors], message: nil, values: ["concept": form["text"] ?? ""], status: .unprocessableContent)
        }
        throw WebRedirect(to: "/zaak?bericht=concept#concept")
    }

    @Sendable func partyObjection(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: session.csrf)
        do {
            let (staffId, reason) = try ObjectionRequest.parse(form.json(strings: ["staff_id", "reason"]))
            _ = try await deps.cases.lodgeObjection(session.party.caseId, staffId: staffId, reason: reason, by: session.caller, at: deps.now)
        } catch AppError.invalid(let errors) {
            return try await renderPartyCase(
                session, formErrors: ["bezwaar": errors], message: nil,
                values: ["bezwaar": form["reason"] ?? "", "staff_id": form["staff_id"] ?? ""], status: .unprocessableContent)
        }
        throw WebRedirect(to: "/zaak?bericht=bezwaar#bezwaren")
    }

    @Sendable func partyAppointmentAnswer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let appointment = try context.uuidParameter("appointmentId")
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: session.csrf)
        var body = form.json(strings: ["note"])
        if let choice = form["attending"] { body["attending"] = .bool(choice == "true") }
        do {
            let (attending, note) = try AppointmentAnswerRequest.parse(body)
            _ = try await deps.cases.answerAppointment(
                session.party.caseId, appointment: appointment, attending: attending, note: note, by: session.caller, at: deps.now)
        } catch AppError.invalid(let errors) {
            return try await renderPartyCase(session, formErrors: ["afspraak": errors], message: nil, status: .unprocessableContent)
        }
        throw WebRedirect(to: "/zaak?bericht=afspraak#afspraken")
    }

    @Sendable func confirmWithdrawal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let record = try await deps.cases.view(session.party.caseId, caller: session.caller, at: deps.now)
        return try publicPage(title: "Zaak intrekken", WithdrawPage(reference: record.reference, csrf: session.csrf))
    }

    @Sendable func partyWithdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: session.csrf)
        _ = try await deps.cases.withdraw(session.party.caseId, by: session.caller, at: deps.now)
        throw WebRedirect(to: "/zaak?bericht=ingetrokken")
    }

    @Sendable func partyAppeal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: session.csrf)
        do {
            let input = try AppealRequest.parse(form.json(strings: ["court", "lodged_on"]))
            _ = try await deps.cases.appeal(session.party.caseId, input, by: session.caller, at: deps.now)
        } catch AppError.invalid(let errors) {
            return try await renderPartyCase(
                session, formErrors: ["beroep": errors], message: nil,
                values: ["court": form["court"] ?? "", "lodged_on": form["lodged_on"] ?? ""], status: .unprocessableContent)
        }
        throw WebRedirect(to: "/zaak?bericht=beroep#uitspraak")
    }

    @Sendable func partyFollowUp(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await party(request)
        let (caller, party) = (session.caller, session.party)
        let followUp = try context.uuidParameter("followUpId")
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: session.csrf)
        var body = form.json(strings: ["ruling_carried_out", "return_to_work", "remarks", "returned_on"], lists: ["signals"])
        if let help = form["needs_help"] { body["needs_help"] = .bool(help == "ja") }
        let answer: FollowUpAnswer
        do {
            answer = try FollowUpAnswerRequest.parse(body, today: deps.today)
            _ = try await deps.cases.answerFollowUp(party.caseId, followUp: followUp, answer, by: caller, at: deps.now)
        } catch AppError.invalid(let errors) {
            return try await renderPartyCase(session, formErrors: ["nazorg": errors], message: nil, status: .unprocessableContent)
        }
        let wantsHelp = FollowThrough.helpWanted(by: party.role, needsHelp: answer.needsHelp, returnToWork: answer.returnToWork) != nil
        throw WebRedirect(to: wantsHelp ? "/zaak?bericht=nazorg-hulp" : "/zaak?bericht=nazorg")
    }
}
