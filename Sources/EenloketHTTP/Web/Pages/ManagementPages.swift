import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird

/// Pages for running the pool: letters to print, panel members and escalations.
extension WebController {
    // MARK: Letters

    @Sendable func letters(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await requireSession(request, roles: [.intakeOfficer])
        return try await renderLetters(session, errors: [:], status: .ok)
    }

    func renderLetters(_ session: WebSession, errors: [Int64: [FieldError]], status: HTTPResponse.Status) async throws -> Response {
        func row(_ n: NotificationRecord) -> LettersPage.Letter {
            LettersPage.Letter(
                id: n.id, reference: n.reference ?? "", recipient: n.recipientName ?? "",
                kind: n.kind == "invitation" ? "Uitnodiging andere partij" : "Nazorgvragen", createdAt: Labels.moment(n.createdAt),
                sentAt: n.sentAt.map(Labels.moment) ?? "", error: errors[n.id].map { $0.map(\.message).joined(separator: " ") },
                reasons: ReprintReason.allCases.map { CheckOption(value: $0.rawValue, label: Labels.reprintReason($0)) })
        }
        let items = try await deps.notifications.list(state: "letters", limit: 200).map(row)
        let printed = try await deps.notifications.list(state: "printed", limit: 50).map(row)
        return try staffPage(
            title: (errors.isEmpty ? "" : "Fout: ") + "Brieven om te versturen",
            LettersPage(csrf: session.csrf, items: items, hasItems: !items.isEmpty, printed: printed, hasPrinted: !printed.isEmpty),
            session: session, status: status)
    }

    /// The printable letter, with a fresh private link for an invitation; a
    /// letter printed before needs a reason.
    @Sendable func printLetter(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await staffForm(request, roles: [.intakeOfficer])
        guard let text = context.parameters.get("id"), let id = Int64(text) else { throw AppError.notFound }
        let letter: PrintableLetter
        do {
            let reason = try ReprintRequest.parse(form.json(strings: ["reason"]))
            letter = try await deps.notifications.printLetter(id, reprintReason: reason, by: EventActor(.staff(session.staff)), at: deps.now)
        } catch AppError.invalid(let errors) {
            return try await renderLetters(session, errors: [id: errors], status: .unprocessableContent)
        }
        return try staffPage(
            title: "Brief \(letter.reference)",
            LetterPrintPage(
                recipient: letter.recipientName ?? "", subject: letter.subject, address: letter.recipientAddress?.lines ?? [],
                paragraphs: letter.body.components(separatedBy: "\n\n").map { LetterPrintPage.Paragraph(lines: $0.split(separator: "\n").map(String.init)) }),
            session: session)
    }

    // MARK: Panel members

    @Sendable func panelMembers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await requireSession(request, roles: Permissions.staffManagers)
        return try await renderPanelMembers(session, errors: [], values: [:])
    }

    func renderPanelMembers(_ session: WebSession, errors: [FieldError], values: [String: String], status: HTTPResponse.Status = .ok) async throws -> Response {
        let members = try await deps.staff.list(role: .panelMember)
        let absent = try await deps.coordination.absentMembers(on: deps.today)
        let items = members.compactMap { m -> PanelMembersPage.Member? in
            guard let panel = m.panel else { return nil }
            return PanelMembersPage.Member(
                id: m.id.lowercased, name: m.name, email: m.email, discipline: Labels.discipline(panel.discipline),
                maxOpenCases: panel.maxOpenCases, openCases: panel.openCases, active: m.active, absent: absent.contains(m.id),
                awaiting: m.awaitingActivation, affiliations: panel.affiliations.isEmpty ? nil : panel.affiliations.joined(separator: ", "))
        }
        let page = PanelMembersPage(
            csrf: session.csrf, items: items, hasItems: !items.isEmpty, today: deps.today.description,
            values: Dictionary(values.map { ($0.key.replacingOccurrences(of: ".", with: "_"), $0.value) }, uniquingKeysWith: { a, _ in a }),
            disciplines: Discipline.allCases.map {
                SelectOption(value: $0.rawValue, label: Labels.discipline($0), selected: values["panel.discipline"] == $0.rawValue)
            },
            errors: errors.map { error in
                // `panel` itself missing points at its first field.
                let target = error.field == "panel" ? "panel.discipline" : String(error.field.prefix { $0 != "[" })
                return FormErrorItem(message: error.message, href: "#" + FilingForm.id(target), field: FieldLabels.label(error.field, form: "panellid"))
            },
            hasErrors: !errors.isEmpty)
        return try staffPage(title: (errors.isEmpty ? "" : "Fout: ") + "Panelleden", page, session: session, status: status)
    }

    /// Creates a panel member through the same parser and repository as `POST /api/v1/staff`.
    @Sendable func createMember(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await staffForm(request, roles: Permissions.staffManagers)
        var body = form.json(
            strings: ["email", "name", "password", "panel.discipline", "panel.big_number", "panel.registered_since"])
        body["role"] = .string(StaffRole.panelMember.rawValue)
        var panel: [String: JSONValue] = [:]
        if case .object(let existing)? = body["panel"] { panel = existing }
        let affiliations = (form.text("panel.affiliations") ?? "").split(whereSeparator: { $0 == "," || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        panel["affiliations"] = .array(affiliations.map(JSONValue.string))
        if let max = form.text("panel.max_open_cases") { panel["max_open_cases"] = Double(max).map(JSONValue.number) ?? .string(max) }
        body["panel"] = .object(panel)
        do {
            let new = try CreateStaffRequest.parse(body, creator: session.staff.role, today: deps.today)
            _ = try await StaffController.create(new, by: session.staff, deps: deps)
        } catch AppError.invalid(let errors) {
            return try await renderPanelMembers(session, errors: errors, values: form.fields.mapValues { $0.first ?? "" }, status: .unprocessableContent)
        } catch AppError.malformed {
            return try await renderPanelMembers(
                session, errors: [FieldError("panel.max_open_cases", "Vul een getal in.")], values: form.fields.mapValues { $0.first ?? "" },
                status: .unprocessableContent)
        } catch AppError.conflict(let why) {
            return try await renderPanelMembers(session, errors: [FieldError("email", why)], values: form.fields.mapValues { $0.first ?? "" }, status: .conflict)
        }
        throw WebRedirect(to: "/medewerkers/panel")
    }

    /// Capacity and active, through the same parser and repository as `PATCH /api/v1/staff/{id}`.
    @Sendable func updateMember(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await staffForm(request, roles: Permissions.staffManagers)
        let id = try context.uuidParameter("id")
        guard try await deps.staff.find(id)?.panel != nil else { throw AppError.notFound }
        var body: [String: JSONValue] = ["active": .bool(form["active"] == "true")]
        if let max = form.text("max_open_cases"), let value = Double(max) { body["panel"] = .object(["max_open_cases": .number(value)]) }
        do {
            _ = try await StaffController.update(id, body, by: session.staff, deps: deps)
        } catch AppError.invalid(let errors) {
            return try await renderPanelMembers(session, errors: errors, values: [:], status: .unprocessableContent)
        }
        throw WebRedirect(to: "/medewerkers/panel")
    }

    @Sendable func addAbsence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, form) = try await staffForm(request, roles: Permissions.staffManagers)
        let id = try context.uuidParameter("id")
        do {
            let input = try AbsenceRequest.parse(form.json(strings: ["starts_on", "ends_on", "reason"]), today: deps.today)
            _ = try await deps.coordination.addAbsence(staffId: id, startsOn: input.startsOn, endsOn: input.endsOn, reason: input.reason, at: deps.now)
        } catch AppError.invalid(let errors) {
            return try await renderPanelMembers(session, errors: errors, values: [:], status: .unprocessableContent)
        }
        throw WebRedirect(to: "/medewerkers/panel")
    }

    // MARK: Escalations

    @Sendable func escalations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await requireSession(request, roles: [.coordinator, .admin])
        let items = try await deps.coordination.escalations(includeResolved: false, limit: 200).map { e in
            EscalationsPage.Escalation(
                id: e.id, caseId: e.caseId.lowercased, reference: e.reference, detail: e.detail, createdAt: Labels.moment(e.createdAt))
        }
        return try staffPage(
            title: "Escalaties", EscalationsPage(csrf: session.csrf, items: items, hasItems: !items.isEmpty),
            session: session)
    }

    @Sendable func objectionsList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try await requireSession(request, roles: CaseActions.staffRoles(for: .decideObjection))
        let items = try await deps.cases.undecidedObjections(by: .staff(session.staff)).map { o in
            ObjectionsPage.Item(
                caseId: o.caseId.lowercased, reference: o.reference, member: o.staffName, objector: Labels.role(o.party.rawValue),
                lodgedOn: Labels.moment(o.lodgedAt), objectionReason: o.reason)
        }
        return try staffPage(title: "Bezwaren", ObjectionsPage(items: items, hasItems: !items.isEmpty), session: session)
    }

    @Sendable func resolveEscalation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (session, _) = try await staffForm(request, roles: [.coordinator, .admin])
        guard let text = context.parameters.get("id"), let id = Int64(text) else { throw AppError.notFound }
        try await deps.coordination.resolveEscalation(id, by: session.staff.id, at: deps.now)
        throw WebRedirect(to: "/medewerkers/escalaties")
    }
}
