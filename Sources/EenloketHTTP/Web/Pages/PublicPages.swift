import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird

/// The public pages: what the pool is, and filing a question without an account.
extension WebController {
    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let signedOff = request.uri.queryParameters.get("bericht") == "afgemeld"
        let message = signedOff ? "U bent afgemeld. Wilt u uw zaak weer zien? Open dan de persoonlijke link uit uw e-mail of brief." : nil
        return try publicPage(title: "Eenloket: één loket voor vragen en conflicten bij ziekte", HomePage(
                message: message, costSentence: deps.settings.procedure.costSentence,
                byStatute: deps.settings.procedure.bindingBasis == .statute, hasDraftStep: deps.settings.procedure.hasDraftStep,
                draftWindowDays: deps.settings.procedure.draftWindowDays))
    }

    @Sendable func chooseRole(_ request: Request, context: AppRequestContext) async throws -> Response {
        try publicPage(title: "Stel uw vraag", ChooseRolePage())
    }

    /// The filer's role from the path: werknemer or werkgever.
    func filerRole(_ context: AppRequestContext) throws -> PartyRole {
        switch context.parameters.get("rol") {
        case "werknemer": return .employee
        case "werkgever": return .employer
        default: throw AppError.notFound
        }
    }

    @Sendable func filingForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let role = try filerRole(context)
        let (csrf, cookie) = anonymousFormToken(request)
        var response = try renderFilingForm(role: role, values: [:], errors: [], csrf: csrf, idempotencyKey: UUID().uuidString)
        if let cookie { response.setCookie(cookie) }
        return response
    }

    func renderFilingForm(
        role: PartyRole, values: [String: String], errors: [FieldError], csrf: String, idempotencyKey: String
    ) throws -> Response {
        let isEmployee = role == .employee
        let form = FilingForm(role: role)
        let page = FilingFormPage(
            isEmployee: isEmployee, roleSlug: isEmployee ? "werknemer" : "werkgever", csrf: csrf, idempotencyKey: idempotencyKey,
            fields: form.fieldValues(values: values, errors: errors), errorSummary: form.summary(errors), hasErrors: !errors.isEmpty,
            agreementParagraphs: CaseView.paragraphs(deps.settings.bindingAgreement.text),
            agreeChecked: values[FilingForm.agreeField] == "true", costSentence: deps.settings.procedure.costSentence,
            byStatute: deps.settings.procedure.bindingBasis == .statute)
        return try publicPage(
            title: (errors.isEmpty ? "" : "Fout: ") + (isEmployee ? "Vraag stellen als werknemer" : "Vraag stellen als werkgever"),
            page, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Files through the same parser and repository as `POST /api/v1/cases`,
    /// with the form's one-time key as Idempotency-Key (a double click files once).
    @Sendable func submitFiling(_ request: Request, context: AppRequestContext) async throws -> Response {
        let role = try filerRole(context)
        let form = try await FormData.read(request)
        try CSRF.check(form, expected: request.cookies[CSRF.cookieName]?.value)
        let filingForm = FilingForm(role: role)
        let body = filingForm.json(form)
        let key = form["idempotency_key"].flatMap { (1...200).contains($0.count) ? $0 : nil } ?? UUID().uuidString
        // The form's keys live apart from the API's.
        let storedKey = "web:" + key
        let attempt: FilingAttempt = try await deps.limitingFilings(request, context: context, idempotencyKey: storedKey) {
            let new: NewCase
            do {
                new = try CreateCaseRequest.parse(body, today: deps.today)
            } catch AppError.invalid(let errors) {
                return (.refused(errors), false)
            }
            let outcome = try await deps.cases.file(
                new, idempotency: IdempotencyRequest(key: storedKey, canonicalBody: CanonicalJSON.serialize(.object(body))),
                at: deps.now, responder: CaseController.filingResponder)
            return (.filed(outcome), !outcome.replayed)
        }
        let outcome: FilingOutcome
        switch attempt {
        case .filed(let filed): outcome = filed
        case .refused(let errors):
            return try renderFilingForm(
                role: role, values: filingForm.submittedValues(form), errors: filingForm.mapErrors(errors),
                csrf: form["csrf"] ?? "", idempotencyKey: key)
        }
        let filed = try JSONValue.parse(outcome.body)
        guard case .object(let fields) = filed, case .string(let token)? = fields["access_token"],
            case .string(let reference)? = fields["reference"]
        else { throw AppError.unavailable }
        context.logger.info("case filed on the web", metadata: ["case_id": "\(outcome.caseId.lowercased)"])
        return try publicPage(
            title: "Uw vraag is ontvangen",
            FilingDonePage(
                reference: reference, link: deps.settings.partyLink(token: token), token: token, isEmployee: role == .employee,
                csrf: form["csrf"] ?? ""))
    }
}

/// The filing form's fields: names are the API's dotted paths; on the
/// employee's form the filer is the employee, so one name field serves both.
struct FilingForm {
    let role: PartyRole

    struct Field {
        let name: String
        let label: String
        let hint: String?
        let type: String
        let required: Bool
        let autocomplete: String?
    }

    var fields: [Field] {
        var list: [Field] = [
            Field(name: "filer.name", label: "Uw naam", hint: nil, type: "text", required: true, autocomplete: "name"),
            Field(
                name: "filer.email", label: "Uw e-mailadres", hint: "Hier sturen wij berichten over uw zaak naartoe.", type: "email",
                required: true, autocomplete: "email"),
        ]
        if role == .employer {
            list += [
                Field(name: "employer.name", label: "Naam van de werkgever", hint: nil, type: "text", required: true, autocomplete: "organization"),
                Field(name: "employer.kvk_number", label: "KvK-nummer", hint: "8 cijfers, te vinden op uittreksel van de Kamer van Koophandel.", type: "text", required: true, autocomplete: nil),
                Field(name: "employee.name", label: "Naam van de werknemer", hint: nil, type: "text", required: true, autocomplete: nil),
                Field(
                    name: "employee.email", label: "E-mailadres van de werknemer (als u het weet)",
                    hint: "Het eigen e-mailadres van de werknemer, niet dat van uw bedrijf. Dan nodigen wij de werknemer uit om te reageren. Anders sturen wij een brief.",
                    type: "email", required: false, autocomplete: nil),
            ] + Self.addressFields(of: "employee", label: "van de werknemer")
        } else {
            list += [
                Field(name: "employer.name", label: "Naam van uw werkgever", hint: nil, type: "text", required: true, autocomplete: "organization"),
                Field(name: "employer.kvk_number", label: "KvK-nummer van uw werkgever", hint: "8 cijfers. U vindt het vaak op uw loonstrook of in uw contract.", type: "text", required: true, autocomplete: nil),
                Field(
                    name: "employer.email", label: "E-mailadres van uw werkgever (als u het weet)",
                    hint: "Dan nodigen wij uw werkgever uit om te reageren. Anders sturen wij een brief.", type: "email", required: false,
                    autocomplete: nil),
            ] + Self.addressFields(of: "employer", label: "van uw werkgever")
        }
        list += [
            Field(name: "sick_since", label: "Eerste ziektedag", hint: "De eerste dag dat u (of de werknemer) ziek was.", type: "date", required: true, autocomplete: nil),
            // A relapse within four weeks continues the earlier sickness (Civil Code 7:629(10)).
            Field(
                name: "earlier_spell.started_on", label: "Ook ziek in de 4 weken daarvoor? Eerste dag van die eerdere ziekte",
                hint: "Alleen invullen als er minder dan 4 weken zat tussen die ziekte en deze. Dan tellen beide samen, zo zegt de wet. "
                    + "Dat is belangrijk voor de termijnen van de twee ziektejaren.",
                type: "date", required: false, autocomplete: nil),
            Field(name: "earlier_spell.ended_on", label: "Laatste dag van die eerdere ziekte", hint: nil, type: "date", required: false, autocomplete: nil),
            Field(name: "occupational_physician.name", label: "Naam van de bedrijfsarts (als u die weet)", hint: "Over wiens advies gaat uw vraag?", type: "text", required: false, autocomplete: nil),
            Field(name: "occupational_physician.organisation", label: "Arbodienst van de bedrijfsarts (als u die weet)", hint: nil, type: "text", required: false, autocomplete: nil),
        ]
        return list
    }

    /// The other party's postal address, for a letter when no e-mail address is known.
    static func addressFields(of party: String, label: String) -> [Field] {
        [
            Field(
                name: "\(party).address.street", label: "Straat en huisnummer \(label) (als u het e-mailadres niet weet)",
                hint: "Dan sturen wij een brief. Weet u geen van beide? Laat het leeg; wij zoeken het adres dan op.", type: "text",
                required: false, autocomplete: nil),
            Field(name: "\(party).address.postal_code", label: "Postcode", hint: "Bijvoorbeeld 1234 AB.", type: "text", required: false, autocomplete: nil),
            Field(name: "\(party).address.city", label: "Plaats", hint: nil, type: "text", required: false, autocomplete: nil),
        ]
    }

    /// Field names sent as text.
    var textNames: [String] {
        fields.map(\.name) + ["question"] + (role == .employee ? ["medical_information"] : [])
    }

    /// The checkbox with which the filer agrees to be bound; the filer's own name signs it.
    static let agreeField = "binding_agreement.agree"

    /// The API body for a submitted form.
    func json(_ form: FormData) -> [String: JSONValue] {
        var body = form.json(strings: textNames)
        body["filer_role"] = .string(role.rawValue)
        if form[Self.agreeField] == "true" {
            body["binding_agreement"] = .object(["agree": true, "name": form.text("filer.name").map(JSONValue.string) ?? .null])
        }
        if role == .employee, let name = form.text("filer.name") {
            var employee: [String: JSONValue] = [:]
            if case .object(let existing)? = body["employee"] { employee = existing }
            employee["name"] = .string(name)
            body["employee"] = .object(employee)
        }
        return body
    }

    func submittedValues(_ form: FormData) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (textNames + [Self.agreeField]).compactMap { name in form[name].map { (name, $0) } })
    }

    /// API error fields as form fields (the employee's own name is `filer.name` on the form).
    func mapErrors(_ errors: [FieldError]) -> [FieldError] {
        var seen: Set<String> = []
        var mapped: [FieldError] = []
        for error in errors {
            // A missing object ("filer" when all its fields were left empty) is each of its required fields on the form.
            let prefix = error.field + "."
            let expanded = fields.filter { $0.required && $0.name.hasPrefix(prefix) }.map(\.name)
            for var field in expanded.isEmpty ? [error.field] : expanded {
                if role == .employee && (field == "employee.name" || field == "employee") { field = "filer.name" }
                // The agreement is signed with the filer's name from the form.
                if field == "binding_agreement.name" { field = "filer.name" }
                if seen.insert(field).inserted { mapped.append(FieldError(field, error.message)) }
            }
        }
        return mapped
    }

    static func id(_ name: String) -> String {
        "veld-" + name.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "_", with: "-")
    }

    func fieldValues(values: [String: String], errors: [FieldError]) -> FilingFormPage.Fields {
        func shown(_ field: Field) -> FilingFormPage.Field {
            FilingFormPage.Field(
                name: field.name, id: Self.id(field.name), label: field.label, type: field.type, value: values[field.name] ?? "",
                required: field.required, hintId: Self.id(field.name) + "-uitleg", errorId: Self.id(field.name) + "-fout",
                hint: field.hint, error: errors.first { $0.field == field.name }?.message, autocomplete: field.autocomplete)
        }
        return FilingFormPage.Fields(
            list: fields.map(shown),
            question: shown(Field(name: "question", label: "", hint: nil, type: "textarea", required: true, autocomplete: nil)),
            medicalInformation: shown(
                Field(name: "medical_information", label: "", hint: nil, type: "textarea", required: false, autocomplete: nil)))
    }

    func summary(_ errors: [FieldError]) -> [FilingFormPage.ErrorSummaryItem] {
        errors.map { FilingFormPage.ErrorSummaryItem(href: "#" + Self.id($0.field), message: $0.message, label: label(of: $0.field)) }
    }

    func label(of name: String) -> String {
        if name == "question" { return "Uw vraag" }
        if name == "medical_information" { return "Medische informatie" }
        return fields.first { $0.name == name }?.label ?? name
    }
}

/// What a submitted filing form led to.
private enum FilingAttempt {
    case filed(FilingOutcome)
    case refused([FieldError])
}
