import EenloketDomain
import EenloketStore
import Foundation

/// `POST /api/v1/staff`.
enum CreateStaffRequest {
    /// Validates a new account; `creator` decides which roles may be created (403 otherwise).
    static func parse(_ body: [String: JSONValue], creator: StaffRole, today: LocalDate) throws -> NewStaff {
        let r = FieldReader(body)
        let role = try r.choice("role", StaffRole.self)
        if let role, !Permissions.mayManage(creator, accountRole: role) {
            throw AppError.forbidden("Een \(creator.rawValue) mag geen account met de rol \(role.rawValue) aanmaken.")
        }
        let email = try r.text("email", length: 3...320)
        if let email, !EmailAddress.isValid(email) { r.fail("email", EmailAddress.invalidMessage) }
        let name = try r.text("name", length: 1...200)
        let password = try r.string("password")
        if let password { StaffPassword.check(password, field: "password", reader: r) }
        var panel: PanelProfile?
        if role == .panelMember {
            if let p = try r.object("panel") { panel = try PanelFields.parseNew(p, today: today) }
        } else if role != nil, r.has("panel") {
            r.fail("panel", "Alleen een panellid (panel_member) heeft panelgegevens. Laat dit veld weg.")
        }
        try r.finish()
        return NewStaff(email: email!, name: name!, password: password!, role: role!, panel: panel)
    }
}

/// `PATCH /api/v1/staff/{id}`.
enum UpdateStaffRequest {
    /// A partial change of `account`. The password comes back separately so it can be hashed.
    static func parse(_ body: [String: JSONValue], account: StaffRecord, today: LocalDate) throws -> (StaffPatch, password: String?) {
        let r = FieldReader(body)
        var patch = StaffPatch()
        if let role = try r.choice("role", StaffRole.self, required: false), role != account.role {
            r.fail("role", "De rol van een account verandert niet; maak een nieuw account aan.")
        }
        patch.email = try r.text("email", required: false, length: 3...320)
        if let email = patch.email, !EmailAddress.isValid(email) { r.fail("email", EmailAddress.invalidMessage) }
        patch.name = try r.text("name", required: false, length: 1...200)
        patch.active = try r.bool("active", required: false)
        let password = try r.string("password", required: false)
        if let password { StaffPassword.check(password, field: "password", reader: r) }
        if let p = try r.object("panel", required: false) {
            if let current = account.panel {
                try PanelFields.parsePatch(p, current: current, today: today, into: &patch)
            } else {
                r.fail("panel", "Alleen een panellid (panel_member) heeft panelgegevens.")
            }
        }
        try r.finish()
        return (patch, password)
    }
}

/// The `panel` object of a staff account.
enum PanelFields {
    static func parseNew(_ p: FieldReader, today: LocalDate) throws -> PanelProfile? {
        let discipline = try p.choice("discipline", Discipline.self)
        let physician = discipline?.isPhysician ?? false
        let big = try p.string("big_number", required: physician)
        if let big, !Admission.isValidBIGNumber(big) { p.fail("big_number", "Een BIG-nummer heeft precies 11 cijfers.") }
        let since = try p.date("registered_since", required: physician)
        checkRegistration(since, physician: physician, p: p, today: today)
        let affiliations = try p.stringArray("affiliations", required: false, maxCount: 100) ?? []
        checkAffiliations(affiliations, p: p)
        let maxOpen = try p.int("max_open_cases")
        if let maxOpen, !Admission.maxOpenCasesRange.contains(maxOpen) {
            p.fail("max_open_cases", "Kies een aantal van 1 tot en met 50.")
        }
        guard let discipline, let maxOpen else { return nil }
        return PanelProfile(
            discipline: discipline, bigNumber: big, registeredSince: since, affiliations: affiliations, maxOpenCases: maxOpen)
    }

    static func parsePatch(_ p: FieldReader, current: PanelProfile, today: LocalDate, into patch: inout StaffPatch) throws {
        if let discipline = try p.choice("discipline", Discipline.self, required: false), discipline != current.discipline {
            p.fail("discipline", "De discipline van een panellid verandert niet; maak een nieuw account aan.")
        }
        patch.bigNumber = try p.string("big_number", required: false)
        if let big = patch.bigNumber, !Admission.isValidBIGNumber(big) {
            p.fail("big_number", "Een BIG-nummer heeft precies 11 cijfers.")
        }
        patch.registeredSince = try p.date("registered_since", required: false)
        if patch.registeredSince != nil {
            checkRegistration(patch.registeredSince, physician: current.discipline.isPhysician, p: p, today: today)
        }
        patch.affiliations = try p.stringArray("affiliations", required: false, maxCount: 100)
        if let affiliations = patch.affiliations { checkAffiliations(affiliations, p: p) }
        patch.maxOpenCases = try p.int("max_open_cases", required: false)
        if let maxOpen = patch.maxOpenCases, !Admission.maxOpenCasesRange.contains(maxOpen) {
            p.fail("max_open_cases", "Kies een aantal van 1 tot en met 50.")
        }
    }

    private static func checkRegistration(_ since: LocalDate?, physician: Bool, p: FieldReader, today: LocalDate) {
        guard let since else { return }
        if since > today {
            p.fail("registered_since", "De registratiedatum mag niet in de toekomst liggen.")
        } else if physician, !Admission.hasEnoughExperience(registeredSince: since, today: today) {
            p.fail("registered_since", "Een arts in het panel is minstens 5 volle jaren als specialist geregistreerd.")
        }
    }

    private static func checkAffiliations(_ affiliations: [String], p: FieldReader) {
        for (index, affiliation) in affiliations.enumerated() {
            let trimmed = affiliation.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || affiliation.unicodeScalars.count > 200 || affiliation.contains("\u{0}") {
                p.fail("affiliations[\(index)]", "Vul een naam of KvK-nummer in van hoogstens 200 tekens.")
            }
        }
    }
}

/// Password rules for staff accounts (`PasswordPolicy` decides).
enum StaffPassword {
    static func check(_ password: String, field: String, reader: FieldReader) {
        if let problem = PasswordPolicy.problem(password) { reader.fail(field, problem) }
    }
}

/// `POST /api/v1/sessions`: a password, or a challenge's code.
enum CreateSessionRequest {
    enum Step {
        case password(email: String, password: String)
        case code(challenge: String, code: String)
    }

    static func parse(_ body: [String: JSONValue]) throws -> Step {
        let r = FieldReader(body)
        // NUL cannot be stored in PostgreSQL text, so it is refused before anything is counted.
        func usable(_ text: String, max: Int) -> Bool {
            !text.isEmpty && text.unicodeScalars.count <= max && !text.unicodeScalars.contains("\u{0}")
        }
        // A password when one is given (other fields are ignored, as everywhere); else a code.
        if !r.has("email") && !r.has("password") && (r.has("challenge") || r.has("code")) {
            let challenge = try r.string("challenge")
            let code = try r.string("code")
            if let challenge, !usable(challenge, max: 100) { r.fail("challenge", "Log opnieuw in.") }
            if let code, !usable(code, max: 40) { r.fail("code", "Vul de code uit uw app of een herstelcode in.") }
            try r.finish()
            return .code(challenge: challenge!, code: code!.trimmingCharacters(in: .whitespaces))
        }
        let email = try r.string("email")
        let password = try r.string("password")
        if let email, !usable(email, max: 320) { r.fail("email", "Vul uw e-mailadres in.") }
        if let password, !usable(password, max: 1000) { r.fail("password", "Vul uw wachtwoord in.") }
        try r.finish()
        return .password(email: email!, password: password!)
    }
}
