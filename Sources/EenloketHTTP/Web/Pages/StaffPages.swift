import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird

/// Staff pages: logging in, the work queue and a case with the forms each role needs.
extension WebController {
    /// A page for a logged-in staff member: the layout shows the navigation for their role.
    func staffPage(title: String, _ model: some PageModel, session: WebSession, status: HTTPResponse.Status = .ok) throws -> Response {
        try renderer.page(model, title: title, layout: session.layout, status: status)
    }

    // MARK: Logging in

    @Sendable func loginForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        if try await session(request) != nil { throw WebRedirect(to: "/medewerkers") }
        let (csrf, cookie) = anonymousFormToken(request)
        var page = StaffLoginPage(csrf: csrf, back: Self.safeBack(request))
        if request.uri.queryParameters.get("bericht") == "wachtwoord" {
            page.message = "Uw wachtwoord is gewijzigd. Log opnieuw in met uw nieuwe wachtwoord."
        }
        var response = try publicPage(title: "Inloggen voor medewerkers", page)
        if let cookie { response.setCookie(cookie) }
        return response
    }

    /// A local return path from `?terug=`, or the start page.
    static func safeBack(_ request: Request) -> String {
        guard let back = request.uri.queryParameters.get("terug").map({ String($0) }), back.hasPrefix("/medewerkers"), !back.contains("//"),
            !back.contains("\\")
        else { return "/medewerkers" }
        return back
    }

    /// Logs in with the same throttling and checks as `POST /api/v1/sessions`.
    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: request.cookies[CSRF.cookieName]?.value)
        let back = form["terug"].flatMap { $0.hasPrefix("/medewerkers") && !$0.contains("//") ? $0 : nil } ?? "/medewerkers"
        let email = form["email"] ?? "", password = form["password"] ?? ""
        func refuse(_ message: String, status: HTTPResponse.Status) throws -> Response {
            try publicPage(
                title: "Fout: Inloggen voor medewerkers",
                StaffLoginPage(csrf: form["csrf"] ?? "", back: back, email: email, error: message), status: status)
        }
        guard !email.isEmpty, !password.isEmpty else {
            return try refuse("Vul uw e-mailadres en wachtwoord in.", status: .unprocessableContent)
        }
        let step: SessionController.LoginStep
        do {
            // The API's parser: the same limits (length, no NUL) before anything reaches the database.
            guard case .password(let email, let password) = try CreateSessionRequest.parse(form.json(strings: ["email", "password"]))
            else { throw AppError.unauthenticated }
            step = try await SessionController(deps: deps).logIn(
                email: email, password: password,
                clientAddress: context.clientAddress(request, trustForwardedFor: deps.configuration.trustForwardedFor),
                device: request.cookies[DeviceCookie.name]?.value, context: context)
        } catch AppError.unauthenticated, AppError.invalid {
            return try refuse("Het e-mailadres of het wachtwoord klopt niet.", status: .unauthorized)
        } catch AppError.tooManyRequests(let seconds) {
            return try refuse("Te veel mislukte pogingen. Probeer het over \(seconds / 60 + 1) minuten opnieuw.", status: .tooManyRequests)
        }
        switch step {
        case .session(let login): return loggedIn(login, back: back)
        case .challenge(let challenge):
            return try codeForm(
                challenge: challenge.token, enrolment: challenge.enrolment, csrf: form["csrf"] ?? "", back: back, error: nil, status: .ok)
        }
    }

    /// The second step: the code from the app (or a recovery code) for the challenge of the first.
    @Sendable func loginCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: request.cookies[CSRF.cookieName]?.value)
        let back = form["terug"].flatMap { $0.hasPrefix("/medewerkers") && !$0.contains("//") ? $0 : nil } ?? "/medewerkers"
        // Shown again on a wrong code only; the challenge itself holds the secret that counts.
        let enrolment = form.text("secret").map { ($0, form.text("otpauth_uri") ?? "") }
        let answer: SessionController.ChallengeAnswer
        do {
            guard case .code(let challenge, let code) = try CreateSessionRequest.parse(form.json(strings: ["challenge", "code"]))
            else { throw AppError.unauthenticated }
            answer = try await SessionController(deps: deps).answer(
                challenge: challenge, code: code,
                clientAddress: context.clientAddress(request, trustForwardedFor: deps.configuration.trustForwardedFor), context: context)
        } catch AppError.invalid {
            answer = .rejected(ended: form.text("challenge") == nil)
        } catch AppError.tooManyRequests(let seconds) {
            return try publicPage(
                title: "Fout: Inloggen voor medewerkers",
                StaffLoginPage(
                    csrf: form["csrf"] ?? "", back: back,
                    error: "Te veel mislukte pogingen. Probeer het over \(seconds / 60 + 1) minuten opnieuw."),
                status: .tooManyRequests)
        }
        switch answer {
        case .accepted(let login) where login.recoveryCodes != nil:
            var response = try publicPage(
                title: "Bewaar uw herstelcodes", RecoveryCodesPage(codes: login.recoveryCodes ?? [], back: back))
            response.setCookie(sessionCookie(login.token, maxAge: Int(deps.configuration.sessionLifetime)))
            if let device = login.newDevice { response.setCookie(DeviceCookie.make(device, deps.configuration)) }
            return response
        case .accepted(let login):
            return loggedIn(login, back: back)
        case .rejected(ended: true):
            return try publicPage(
                title: "Fout: Inloggen voor medewerkers",
                StaffLoginPage(csrf: form["csrf"] ?? "", back: back, error: "De code was te vaak fout of is verlopen. Log opnieuw in."),
                status: .unauthorized)
        case .rejected(ended: false):
            return try codeForm(
                challenge: form["challenge"] ?? "", enrolment: enrolment, csrf: form["csrf"] ?? "", back: back,
                error: "Deze code klopt niet. Kijk in uw app en typ de code die er nu staat.", status: .unauthorized)
        }
    }

    func codeForm(
        challenge: String, enrolment: (secret: String, uri: String)?, csrf: String, back: String, error: String?,
        status: HTTPResponse.Status
    ) throws -> Response {
        let page = StaffCodePage(
            challenge: challenge, csrf: csrf, back: back,
            enrol: enrolment.map { StaffCodePage.Enrolment(secret: $0.secret, uri: $0.uri, groups: Self.groups($0.secret)) }, error: error)
        let title = enrolment == nil ? "Inlogcode" : "Inlogcode-app koppelen"
        return try publicPage(title: (error == nil ? "" : "Fout: ") + title, page, status: status)
    }

    /// A secret in groups of four, easier to type over.
    static func groups(_ secret: String) -> String {
        stride(from: 0, to: secret.count, by: 4).map { String(secret.dropFirst($0).prefix(4)) }.joined(separator: " ")
    }

    func loggedIn(_ login: SessionController.LoginResult, back: String) -> Response {
        var response = WebRedirect(to: back).response
        response.setCookie(sessionCookie(login.token, maxAge: Int(deps.configuration.sessionLifetime)))
        if let device = login.newDevice { response.setCookie(DeviceCookie.make(device, deps.configuration)) }
        return response
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await requireSession(request)
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: session.csrf)
        try await deps.sessions.revoke(tokenHash: AccessToken.hash(session.token), at: deps.now)
        var response = WebRedirect(to: "/medewerkers/inloggen").response
        response.setCookie(sessionCookie("", maxAge: 0))
        return response
    }

    /// Each role's start page.
    @Sendable func staffHome(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await requireSession(request)
        switch session.staff.role {
        case .inspector: throw WebRedirect(to: "/medewerkers/toezicht")
        case .coordinator: throw WebRedirect(to: "/medewerkers/zaken?status=awaiting_panel")
        default: throw WebRedirect(to: "/medewerkers/zaken")
        }
    }

    // MARK: The work queue

    /// Most urgent first, deadlines coloured: on time, past the preferred moment, past due.
    @Sendable func workQueue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await requireSession(request, roles: Permissions.caseReaders)
        let statusText = request.uri.queryParameters.get("status").map { String($0) }
        let status = statusText.flatMap(CaseStatus.init(rawValue:))
        let cursor = request.uri.queryParameters.get("na").flatMap { CaseListCursor(encoded: String($0)) }
        let page = try await deps.cases.list(for: session.staff, status: status, limit: 50, after: cursor)
        let today = deps.today
        let items = page.items.map { item in
            let pastDue = item.dueBy.map { today > $0 } ?? false
            let pastPreferred = item.preferredBy.map { today > $0 } ?? false
            return WorkQueuePage.Row(
                id: item.id.lowercased, reference: item.reference, status: Labels.status(item.status),
                caseType: Labels.caseType(item.caseType), filedAt: Labels.moment(item.createdAt),
                dueBy: item.dueBy.map(Labels.date),
                urgency: item.dueBy.map { _ in pastDue ? "past-due" : (pastPreferred ? "past-preferred" : "on-time") },
                urgencyLabel: item.dueBy.map { _ in pastDue ? "Termijn verstreken" : (pastPreferred ? "Later dan gewenst" : "Op tijd") },
                sicknessWeek: "Week \(item.sickness.week(on: deps.today))",
                nextMilestone: CaseView.nextMilestone(item.sickness, today: deps.today),
                sicknessUrgent: item.sickness.isUrgent(on: deps.today))
        }
        let choices: [(String, String)] = [("", "Alle zaken")] + CaseStatus.allCases.map { ($0.rawValue, Labels.status($0)) }
        let title = session.staff.role == .panelMember ? "Mijn zaken" : "Werkvoorraad"
        return try staffPage(
            title: title,
            WorkQueuePage(
                heading: title,
                queueMessage: request.uri.queryParameters.get("bericht") == "teruggetrokken"
                    ? "U heeft zich teruggetrokken uit het panel van die zaak. De plaats wordt opnieuw verdeeld; u ziet de zaak niet meer." : nil,
                items: items, hasItems: !items.isEmpty,
                filters: choices.map { SelectOption(value: $0.0, label: $0.1, selected: $0.0 == (statusText ?? "")) },
                next: page.next.map { "/medewerkers/zaken?" + (statusText.map { "status=\($0)&" } ?? "") + "na=\($0.encoded)" }),
            session: session)
    }

    // MARK: A case

    @Sendable func staffCase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await requireSession(request, roles: Permissions.caseReaders)
        let message = request.uri.queryParameters.get("bericht").map { String($0) }
        return try await renderStaffCase(session, id: try context.uuidParameter("id"), errors: [:], values: [:], message: message)
    }

    func renderStaffCase(
        _ session: WebSession, id: UUID, errors: [String: [FieldError]], values: [String: String], message: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let caller = Caller.staff(session.staff)
        let now = deps.now
        let record = try await deps.cases.view(id, caller: caller, at: now)
        let events = try await deps.cases.events(id, caller: caller, seen: record)
        let statements = try await deps.cases.statements(id, caller: caller, at: now, seen: record)
        let appointments = try await deps.cases.appointments(id, caller: caller, at: now, seen: record)
        let documents = try await deps.cases.documents(id, caller: caller, seen: record)
        let staff = session.staff
        var contacts: CaseContacts?
        if CaseAccessPolicy.canSeeContacts(caller) { contacts = try await deps.cases.contacts(id, caller: caller) }
        // The triage form starts from what the filer gave; a re-shown form keeps what was typed.
        let otherParty = contacts.map { contacts in
            StaffCasePage.OtherPartyForm(
                role: Labels.role(record.filerRole.other.rawValue).lowercased(),
                email: values["other_party.email"] ?? contacts.otherPartyEmail ?? "",
                street: values["other_party.address.street"] ?? contacts.otherPartyAddress?.street ?? "",
                postalCode: values["other_party.address.postal_code"] ?? contacts.otherPartyAddress?.postalCode ?? "",
                city: values["other_party.address.city"] ?? contacts.otherPartyAddress?.city ?? "")
        }
        // A re-shown form keeps its choices: multi-valued fields arrive joined by newlines.
        let chosenDisciplines = Set((values["disciplines"] ?? "").split(separator: "\n").map(String.init))
        func shownErrors(_ form: String) -> FormErrors? {
            FormErrors(
                (errors[form] ?? []).map {
                    let base = String($0.field.prefix { $0 != "[" && $0 != "." })
                    return FormErrorItem(
                        message: $0.message, href: "#" + FilingForm.id(form + "." + base), field: FieldLabels.label($0.field, form: form))
                })
        }
        let actions = ActionButtons(caller: caller, facts: record.facts(deps.settings.procedure, calendar: try await deps.deadlineSettings.policy().calendar), now: now)
        let page = StaffCasePage(
            summary: CaseView.summary(record, now: deps.now),
            caseFile: CaseView.caseFile(
                documents, caller: caller, consents: record.medical != nil ? record.consents : nil, mayAdd: actions.may(.addDocument),
                downloadBase: "/medewerkers/zaken/\(id.lowercased)/stukken", uploadAction: "/medewerkers/zaken/\(id.lowercased)/stukken",
                csrf: session.csrf, maxBytes: deps.configuration.documentMaxBytes, errors: errors["stukken"] ?? []),
            consent: CaseView.consents(record, mayChange: false, csrf: session.csrf, errors: []),
            csrf: session.csrf, message: message.map { Self.staffMessages[$0] ?? "" },
            steps: CaseView.steps(record), deadlines: CaseView.deadlines(record, today: deps.today), events: CaseView.events(events),
            statements: CaseView.statements(statements), hasStatements: !statements.isEmpty,
            contacts: contacts.map { CaseView.contacts($0, record: record) }, otherParty: otherParty,
            mayTriage: actions.may(.triage), mayVerifyEmployee: actions.may(.verifyEmployee),
            verifyWaitsFor: actions.waitsFor(.verifyEmployee), mayRule: actions.may(.rule),
            objections: CaseView.objections(record.objections), hasObjections: !record.objections.isEmpty,
            mayDecideObjections: CaseActions.permits(.decideObjection, caller).isAllowed, mayStepAside: actions.may(.stepAside),
            appointments: CaseView.appointments(appointments) { actions.may($0, on: $1) }, hasAppointments: !appointments.isEmpty,
            mayPlanAppointment: actions.may(.planAppointment),
            examiners: record.panel.filter { $0.discipline.isPhysician }.map {
                SelectOption(value: $0.staffId.lowercased, label: "\($0.name), \(Labels.discipline($0.discipline))", selected: values["examiner_id"] == $0.staffId.lowercased)
            },
            rulingForm: actions.may(.rule)
                ? .ruling(afterComments: record.draft?.hasComments ?? false)
                : (actions.may(.issueDraft) ? .draft(windowDays: deps.settings.procedure.draftWindowDays) : nil),
            ruleWaitsFor: actions.waitsFor(.rule) ?? actions.waitsFor(.issueDraft),
            mayAddStatement: actions.may(.addStatement), mayMarkMedical: actions.may(.addStatement, medical: true),
            mayChangePanel: actions.may(.changePanel), mayAppeal: actions.may(.appeal),
            mayRecordAppealOutcome: actions.may(.recordAppealOutcome),
            appealOutcomes: AppealOutcome.allCases.map {
                CheckOption(value: $0.rawValue, label: Labels.appealOutcome($0), checked: values["outcome"] == $0.rawValue)
            },
            mayRecordReturn: actions.may(.recordReturnToWork), returnedOn: record.returnedToWorkOn.map(Labels.date),
            caseTypes: CaseType.allCases.map { SelectOption(value: $0.rawValue, label: Labels.caseType($0), selected: values["case_type"] == $0.rawValue) },
            disciplines: Discipline.allCases.map {
                CheckOption(value: $0.rawValue, label: Labels.discipline($0), checked: chosenDisciplines.contains($0.rawValue))
            },
            outcomes: RulingOutcome.allCases.map { CheckOption(value: $0.rawValue, label: Labels.outcome($0), checked: values["outcome"] == $0.rawValue) },
            channels: VerificationChannel.allCases.map {
                CheckOption(value: $0.rawValue, label: Labels.verificationChannel($0), checked: values["how"] == $0.rawValue)
            },
            panelMembers: record.panel.map {
                StaffCasePage.PanelMemberOption(id: $0.staffId.lowercased, name: $0.name, discipline: Labels.discipline($0.discipline))
            },
            checked: StaffCasePage.Checked(
                accept: values["decision"] == "accept", refer: values["decision"] == "refer", answer: values["decision"] == "answer",
                exhausted: values["other_options_exhausted"] == "true", medical: values["medical"] == "true",
                addDiscipline: values["action"] == "add_discipline", replaceMember: values["action"] == "replace_member"),
            values: values, today: deps.today.description,
            verificationErrors: shownErrors("bevestiging"), triageErrors: shownErrors("beoordeling"), rulingErrors: shownErrors("uitspraak"),
            objectionErrors: shownErrors("bezwaar"), stepAsideErrors: shownErrors("terugtrekken"), appointmentErrors: shownErrors("afspraak"),
            statementErrors: shownErrors("reactie"), panelErrors: shownErrors("panel"), appealErrors: shownErrors("beroep"),
            appealOutcomeErrors: shownErrors("rechter"), returnErrors: shownErrors("terugkeer"))
        return try staffPage(title: (errors.isEmpty ? "" : "Fout: ") + "Zaak \(record.reference)", page, session: session, status: status)
    }

    static let staffMessages = [
        "beoordeeld": "De beoordeling is vastgelegd.", "uitspraak": "Het oordeel is vastgelegd.",
        "concept": "Het concept is verstuurd. Beide partijen krijgen een bericht.",
        "bezwaar": "De beslissing over het bezwaar is vastgelegd. De partijen en het panellid krijgen bericht.",
        "afspraak": "De afspraak is gepland. De uitgenodigde partijen krijgen bericht.",
        "afgezegd": "De afspraak is afgezegd. De uitgenodigde partijen krijgen bericht.",
        "verslag": "Het verslag van de afspraak is vastgelegd.",
        "stuk": "Het stuk is toegevoegd aan het dossier.",

        "reactie": "Uw reactie is toegevoegd.", "panel": "Het panel is gewijzigd.", "beroep": "Het beroep is vastgelegd.", "rechter": "De uitspraak van de rechter is vastgelegd.",
        "terugkeer": "De terugkeer naar werk is vastgelegd. De nazorgvragen tellen nu vanaf die dag.",
        "bevestigd": "Vastgelegd: de link hoort bij de werknemer. De werknemer ziet nu ook de medische informatie.",
    ]

    /// Reads a staff form, checking the session's CSRF token.
    func staffForm(_ request: Request, roles: Set<StaffRole>) async throws -> (WebSession, FormData) {
        let session = try await requireSession(request, roles: roles)
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: session.csrf)
        return (session, form)
    }

    /// Runs a case action; a 422 re-shows the case with the form's errors.
    func caseAction(
        _ request: Request, context: AppRequestContext, _ caseAction: CaseAction, form name: String, done: String,
        redirect: String? = nil, _ action: (WebSession, FormData, UUID) async throws -> Void
    ) async throws -> Response {
        let (session, form) = try await staffForm(request, roles: CaseActions.staffRoles(for: caseAction))
        let id = try context.uuidParameter("id")
        do {
            try await action(session, form, id)
        } catch AppError.invalid(let errors) {
            let values = form.fields.mapValues { $0.joined(separator: "\n") }
            return try await renderStaffCase(session, id: id, errors: [name: errors], values: values, message: nil, status: .unprocessableContent)
        }
        throw WebRedirect(to: "\(redirect ?? "/medewerkers/zaken/\(id.lowercased)")?bericht=\(done)")
    }

    @Sendable func staffTriage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseAction(request, context: context, .triage, form: "beoordeling", done: "beoordeeld") { session, form, id in
            var body = form.json(
                strings: [
                    "decision", "case_type", "motivation", "deviation_reason", "other_party.email", "other_party.address.street",
                    "other_party.address.postal_code", "other_party.address.city",
                ], booleans: ["other_options_exhausted"], lists: ["disciplines"])
            // Address fields left empty mean "no postal address", not a half-filled one.
            if case .object(var other)? = body["other_party"], case .object(let address)? = other["address"], address.isEmpty {
                other["address"] = nil
                body["other_party"] = .object(other)
            }
            // An e-mail field the officer emptied means: no e-mail, send a letter.
            if form.fields["other_party.email"] != nil, form.text("other_party.email") == nil {
                var other: [String: JSONValue] = [:]
                if case .object(let existing)? = body["other_party"] { other = existing }
                other["email"] = .null
                body["other_party"] = .object(other)
            }
            let input = try TriageRequest.parse(body)
            _ = try await deps.cases.triage(id, input, by: .staff(session.staff), at: deps.now)
        }
    }

    @Sendable func staffVerifyEmployee(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseAction(
            request, context: context, .verifyEmployee, form: "bevestiging", done: "bevestigd"
        ) { session, form, id in
            let input = try VerificationRequest.parse(form.json(strings: ["code", "how"]))
            _ = try await deps.cases.verifyEmployee(id, code: input.code, how: input.how, by: .staff(session.staff), at: deps.now)
        }
    }

    @Sendable func staffRuling(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseAction(request, context: context, .rule, form: "uitspraak", done: "uitspraak") { session, form, id in
            let input = try RulingRequest.parse(
                form.json(strings: ["outcome", "decision", "motivation", "medical_considerations", "deviation_reason", "comments_response"]))
            _ = try await deps.cases.rule(id, input, by: .staff(session.staff), at: deps.now)
        }
    }

    @Sendable func staffObjectionDecision(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseAction(request, context: context, .decideObjection, form: "bezwaar", done: "bezwaar") { session, form, _ in
            let objectionId = try context.uuidParameter("objectionId")
            var body = form.json(strings: ["motivation"])
            if let choice = form["upheld"] { body["upheld"] = .bool(choice == "true") }
            let (upheld, motivation) = try ObjectionDecisionRequest.parse(body)
            _ = try await deps.cases.decideObjection(objectionId, upheld: upheld, motivation: motivation, by: .staff(session.staff), at: deps.now)
        }
    }

    /// After stepping aside the member no longer sees the case: back to their own cases.
    @Sendable func staffStepAside(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseAction(
            request, context: context, .stepAside, form: "terugtrekken", done: "teruggetrokken", redirect: "/medewerkers/zaken"
        ) { session, form, id in
            let reason = try StepAsideRequest.parse(form.json(strings: ["reason"]))
            _ = try await deps.cases.stepAside(id, reason: reason, by: .staff(session.staff), at: deps.now)
        }
    }

    @Sendable func staffPlanAppointment(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseAction(request, context: context, .planAppointment, form: "afspraak", done: "afspraak") { session, form, id in
            var body = form.json(strings: ["kind", "location", "online_url", "examiner_id"], lists: ["parties"])
            if let day = form.text("date").flatMap(LocalDate.init(iso:)), let time = form.text("time"),
                let match = time.wholeMatch(of: /(\d{2}):(\d{2})/), let hh = Int(match.1), let mm = Int(match.2), hh < 24, mm < 60 {
                body["starts_at"] = .string(Timestamp.format(AmsterdamTime.startOfDay(day).addingTimeInterval(TimeInterval(hh * 3600 + mm * 60))))
            }
            body["duration_minutes"] = .number(Double(form.text("duration_minutes").flatMap { Int($0) } ?? 0))
            let plan = try AppointmentRequest.parse(body)
            _ = try await deps.cases.planAppointment(id, plan, by: .staff(session.staff), at: deps.now)
        }
    }

    @Sendable func staffCancelAppointment(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseAction(request, context: context, .cancelAppointment, form: "afspraak", done: "afgezegd") { session, form, id in
            let reason = try AppointmentCancelRequest.parse(form.json(strings: ["reason"]))
            _ = try await deps.cases.cancelAppointment(
                id, appointment: try context.uuidParameter("appointmentId"), reason: reason, by: .staff(session.staff), at: deps.now)
        }
    }

    @Sendable func staffReportAppointment(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseAction(request, context: context, .reportAppointment, form: "afspraak", done: "verslag") { session, form, id in
            var body = form.json(strings: ["summary", "medical_notes"])
            if let held = form["held"] { body["held"] = .bool(held == "true") }
            let (held, summary, notes) = try AppointmentReportRequest.parse(body)
            _ = try await deps.cases.reportAppointment(
                id, appointment: try context.uuidParameter("appointmentId"), held: held, summary: summary, medicalNotes: notes,
                by: .staff(session.staff), at: deps.now)
        }
    }

    @Sendable func staffDraft(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseAction(request, context: context, .issueDraft, form: "uitspraak", done: "concept") { session, form, id in
            let input = try RulingRequest.parse(
                form.json(strings: ["outcome", "decision", "motivation", "medical_considerations", "deviation_reason"]), draft: true)
            _ = try await deps.cases.issueDraft(id, input, by: .staff(session.staff), at: deps.now)
        }
    }

    @Sendable func staffStatement(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseAction(request, context: context, .addStatement, form: "reactie", done: "reactie") { session, form, id in
            let (text, medical) = try StatementRequest.parse(form.json(strings: ["text"], booleans: ["medical"]))
            _ = try await deps.cases.addStatement(id, text: text, medical: medical, by: .staff(session.staff), at: deps.now)
        }
    }

    @Sendable func staffChangePanel(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseAction(request, context: context, .changePanel, form: "panel", done: "panel") { session, form, id in
            let (change, motivation) = try PanelChangeRequest.parse(form.json(strings: ["action", "discipline", "staff_id", "motivation"]))
            _ = try await deps.cases.changePanel(id, change, motivation: motivation, by: .staff(session.staff), at: deps.now)
        }
    }

    @Sendable func staffAppealOutcome(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseAction(request, context: context, .recordAppealOutcome, form: "rechter", done: "rechter") { session, form, id in
            let input = try AppealOutcomeRequest.parse(form.json(strings: ["outcome", "decided_on", "summary"]))
            _ = try await deps.cases.recordAppealOutcome(id, input, by: .staff(session.staff), at: deps.now)
        }
    }

    @Sendable func staffReturnToWork(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseAction(request, context: context, .recordReturnToWork, form: "terugkeer", done: "terugkeer") { session, form, id in
            let day = try ReturnToWorkRequest.parse(form.json(strings: ["returned_on"]), today: deps.today)
            _ = try await deps.cases.recordReturnToWork(id, on: day, by: .staff(session.staff), at: deps.now)
        }
    }

    @Sendable func staffAppeal(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseAction(request, context: context, .appeal, form: "beroep", done: "beroep") { session, form, id in
            let input = try AppealRequest.parse(form.json(strings: ["court", "lodged_on"]))
            _ = try await deps.cases.appeal(id, input, by: .staff(session.staff), at: deps.now)
        }
    }
}
