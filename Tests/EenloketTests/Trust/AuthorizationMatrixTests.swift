import EenloketDomain
import EenloketHTTP
import Foundation
import HTTPTypes
import Testing

/// Everyone who may call the API, as the contract tells them apart.
enum TrustCaller: String, CaseIterable, Sendable, CustomStringConvertible {
    case anonymous = "anonymous"
    case employee = "employee filer (own token)"
    case employerFiler = "employer filer (own token)"
    case invitedParty = "invited other party (employer, own token)"
    case otherCaseFiler = "filer of another case"
    case admin = "admin"
    case intakeOfficer = "intake_officer"
    case coordinator = "coordinator"
    case inspector = "inspector"
    case chair = "panel chair (bedrijfsarts on the case)"
    case panelPhysician = "panel verzekeringsarts on the case"
    case panelArbeidsdeskundige = "panel arbeidsdeskundige on the case"
    case outsider = "panel member not on the case (bedrijfsarts)"

    var description: String { rawValue }

    var isStaff: Bool {
        switch self {
        case .admin, .intakeOfficer, .coordinator, .inspector, .chair, .panelPhysician, .panelArbeidsdeskundige, .outsider: return true
        default: return false
        }
    }

    /// Whether the contract lets this caller see the medical fields of the case it reads
    /// (employee filer, intake officers, the case's panel physicians).
    var seesMedical: Bool { [.employee, .intakeOfficer, .chair, .panelPhysician].contains(self) }
}

/// The expected status of every `/api/v1` route for every caller, written from
/// `api-contract.md` and the service's conventions:
/// - 401 without (valid) credentials; 403 for a role that may never do this, and for
///   a party's token on a staff-only endpoint; 404 for a case the caller may not see
///   (a foreign case token, a panel member not on the panel), never revealing it exists;
/// - inspectors get 403 on every individual case, its history and the cases list.
///
/// A served route without a row here fails `everyServedRouteHasAnAuthorizationEntry`.
enum AuthorizationTable {
    typealias Row = [TrustCaller: Int]

    /// One row, every caller named (the compiler insists).
    static func row(
        anonymous: Int, employee: Int, employerFiler: Int, invitedParty: Int, otherCaseFiler: Int,
        admin: Int, intakeOfficer: Int, coordinator: Int, inspector: Int,
        chair: Int, panelPhysician: Int, panelArbeidsdeskundige: Int, outsider: Int
    ) -> Row {
        [
            .anonymous: anonymous, .employee: employee, .employerFiler: employerFiler, .invitedParty: invitedParty,
            .otherCaseFiler: otherCaseFiler, .admin: admin, .intakeOfficer: intakeOfficer, .coordinator: coordinator,
            .inspector: inspector, .chair: chair, .panelPhysician: panelPhysician,
            .panelArbeidsdeskundige: panelArbeidsdeskundige, .outsider: outsider,
        ]
    }

    /// Whoever may see the case (contract: "Who may see a case").
    static let caseReaders = row(
        anonymous: 401, employee: 200, employerFiler: 200, invitedParty: 200, otherCaseFiler: 404,
        admin: 200, intakeOfficer: 200, coordinator: 200, inspector: 403,
        chair: 200, panelPhysician: 200, panelArbeidsdeskundige: 200, outsider: 404)

    /// Staff-only endpoints of the given roles: every party token 403.
    static func staffOnly(_ allowed: [TrustCaller: Int]) -> Row {
        var result = row(
            anonymous: 401, employee: 403, employerFiler: 403, invitedParty: 403, otherCaseFiler: 403,
            admin: 403, intakeOfficer: 403, coordinator: 403, inspector: 403,
            chair: 403, panelPhysician: 403, panelArbeidsdeskundige: 403, outsider: 403)
        for (caller, status) in allowed {
            precondition(caller.isStaff, "staffOnly: \(caller) is not staff")
            result[caller] = status
        }
        return result
    }

    static let expected: [String: Row] = [
        // Staff accounts and sessions: logging in needs no token (any token is ignored).
        "POST /api/v1/sessions": row(
            anonymous: 201, employee: 201, employerFiler: 201, invitedParty: 201, otherCaseFiler: 201,
            admin: 201, intakeOfficer: 201, coordinator: 201, inspector: 201,
            chair: 201, panelPhysician: 201, panelArbeidsdeskundige: 201, outsider: 201),
        "DELETE /api/v1/sessions/current": staffOnly([
            .admin: 204, .intakeOfficer: 204, .coordinator: 204, .inspector: 204,
            .chair: 204, .panelPhysician: 204, .panelArbeidsdeskundige: 204, .outsider: 204,
        ]),
        // Admin; a coordinator may create intake officers and panel members (the probe creates an intake officer).
        "POST /api/v1/staff": staffOnly([.admin: 201, .coordinator: 201]),
        "GET /api/v1/staff/{id}": staffOnly([.admin: 200, .coordinator: 200]),
        "PATCH /api/v1/staff/{id}": staffOnly([.admin: 200, .coordinator: 200]),
        // An account's change history: admins only.
        "GET /api/v1/staff/{id}/events": staffOnly([.admin: 200]),
        // Unlinking an account's authenticator: admins only.
        "DELETE /api/v1/staff/{id}/otp": staffOnly([.admin: 204]),
        // Every staff member changes their own password (probed on an account of the caller's role made for it).
        "POST /api/v1/account/password": staffOnly([
            .admin: 204, .intakeOfficer: 204, .coordinator: 204, .inspector: 204,
            .chair: 204, .panelPhysician: 204, .panelArbeidsdeskundige: 204, .outsider: 204,
        ]),
        // A member's own absences, a coordinator or an admin; the target is a member who is none of the callers.
        "GET /api/v1/staff/{id}/absences": staffOnly([.admin: 200, .coordinator: 200]),
        "POST /api/v1/staff/{id}/absences": staffOnly([.admin: 201, .coordinator: 201]),
        "DELETE /api/v1/staff/{id}/absences/{absenceId}": staffOnly([.admin: 204, .coordinator: 204]),

        // Filing needs no authentication; a token does not change that.
        "POST /api/v1/cases": row(
            anonymous: 201, employee: 201, employerFiler: 201, invitedParty: 201, otherCaseFiler: 201,
            admin: 201, intakeOfficer: 201, coordinator: 201, inspector: 201,
            chair: 201, panelPhysician: 201, panelArbeidsdeskundige: 201, outsider: 201),
        // Staff only; a panel member sees the cases they are on; inspectors 403.
        "GET /api/v1/cases": staffOnly([
            .admin: 200, .intakeOfficer: 200, .coordinator: 200, .chair: 200, .panelPhysician: 200,
            .panelArbeidsdeskundige: 200, .outsider: 200,
        ]),
        "GET /api/v1/cases/{id}": caseReaders,
        "GET /api/v1/cases/{id}/events": caseReaders,
        "POST /api/v1/cases/{id}/triage": staffOnly([.intakeOfficer: 200]),
        // Only the chair of this case's panel; a member not on it may not know the case exists.
        "POST /api/v1/cases/{id}/ruling": staffOnly([.chair: 201, .outsider: 404]),
        "POST /api/v1/cases/{id}/draft-ruling": staffOnly([.chair: 201, .outsider: 404]),
        // Either party objects to a member (staff 403, also a coordinator); coordinators and admins decide.
        "POST /api/v1/cases/{id}/objections": row(
            anonymous: 401, employee: 201, employerFiler: 201, invitedParty: 201, otherCaseFiler: 404,
            admin: 403, intakeOfficer: 403, coordinator: 403, inspector: 403,
            chair: 403, panelPhysician: 403, panelArbeidsdeskundige: 403, outsider: 403),
        "GET /api/v1/objections": staffOnly([.coordinator: 200, .admin: 200]),
        // The case file: the parties, intake officers and the case's panel add documents; whoever may see the case reads
        // them (medical ones by the medical rule: the probe reads a document that is not medical).
        "POST /api/v1/cases/{id}/documents": row(
            anonymous: 401, employee: 201, employerFiler: 201, invitedParty: 201, otherCaseFiler: 404,
            admin: 403, intakeOfficer: 201, coordinator: 403, inspector: 403,
            chair: 201, panelPhysician: 201, panelArbeidsdeskundige: 201, outsider: 404),
        "GET /api/v1/cases/{id}/documents": caseReaders,
        // Consent is the employee's alone: the employer and every staff role get 403.
        "PUT /api/v1/cases/{id}/consents": row(
            anonymous: 401, employee: 200, employerFiler: 403, invitedParty: 403, otherCaseFiler: 404,
            admin: 403, intakeOfficer: 403, coordinator: 403, inspector: 403,
            chair: 403, panelPhysician: 403, panelArbeidsdeskundige: 403, outsider: 403),
        "GET /api/v1/cases/{id}/documents/{documentId}": caseReaders,
        // Appointments: the chair (or a coordinator) plans and cancels, the chair reports, an invited party answers.
        "GET /api/v1/cases/{id}/appointments": caseReaders,
        "POST /api/v1/cases/{id}/appointments": staffOnly([.chair: 201, .coordinator: 201, .outsider: 404]),
        "POST /api/v1/cases/{id}/appointments/{appointmentId}/response": row(
            anonymous: 401, employee: 200, employerFiler: 200, invitedParty: 200, otherCaseFiler: 404,
            admin: 403, intakeOfficer: 403, coordinator: 403, inspector: 403,
            chair: 403, panelPhysician: 403, panelArbeidsdeskundige: 403, outsider: 403),
        "POST /api/v1/cases/{id}/appointments/{appointmentId}/cancel": staffOnly([.chair: 200, .coordinator: 200, .outsider: 404]),
        "POST /api/v1/cases/{id}/appointments/{appointmentId}/report": staffOnly([.chair: 200, .outsider: 404]),
        "POST /api/v1/objections/{objectionId}/decision": staffOnly([.coordinator: 200, .admin: 200]),
        // A member of this case's panel steps aside; a member not on it may not know the case exists.
        "POST /api/v1/cases/{id}/panel/step-aside": staffOnly([.chair: 200, .panelPhysician: 200, .panelArbeidsdeskundige: 200, .outsider: 404]),
        // Either party comments on the draft; staff never do (403 before the case is looked at).
        "POST /api/v1/cases/{id}/draft-comments": row(
            anonymous: 401, employee: 201, employerFiler: 201, invitedParty: 201, otherCaseFiler: 404,
            admin: 403, intakeOfficer: 403, coordinator: 403, inspector: 403,
            chair: 403, panelPhysician: 403, panelArbeidsdeskundige: 403, outsider: 403),
        // The filer's token only: the invited party is not the filer; staff may never withdraw.
        "POST /api/v1/cases/{id}/withdraw": row(
            anonymous: 401, employee: 200, employerFiler: 200, invitedParty: 403, otherCaseFiler: 404,
            admin: 403, intakeOfficer: 403, coordinator: 403, inspector: 403,
            chair: 403, panelPhysician: 403, panelArbeidsdeskundige: 403, outsider: 403),
        // Either party's token, or a coordinator; others 403 (a foreign token: 404, as on every case endpoint).
        "POST /api/v1/cases/{id}/appeal": row(
            anonymous: 401, employee: 201, employerFiler: 201, invitedParty: 201, otherCaseFiler: 404,
            admin: 403, intakeOfficer: 403, coordinator: 201, inspector: 403,
            chair: 403, panelPhysician: 403, panelArbeidsdeskundige: 403, outsider: 403),
        "POST /api/v1/cases/{id}/appeal/outcome": staffOnly([.coordinator: 200]),
        "GET /api/v1/cases/{id}/statements": caseReaders,
        // The agreement text is public; agreeing is for each party itself (staff 403, a foreign token 404).
        "GET /api/v1/binding-agreement": row(
            anonymous: 200, employee: 200, employerFiler: 200, invitedParty: 200, otherCaseFiler: 200,
            admin: 200, intakeOfficer: 200, coordinator: 200, inspector: 200,
            chair: 200, panelPhysician: 200, panelArbeidsdeskundige: 200, outsider: 200),
        // Anyone may ask for a new link: the answer is the same for everyone, match or not.
        "POST /api/v1/access-links": row(
            anonymous: 202, employee: 202, employerFiler: 202, invitedParty: 202, otherCaseFiler: 202,
            admin: 202, intakeOfficer: 202, coordinator: 202, inspector: 202,
            chair: 202, panelPhysician: 202, panelArbeidsdeskundige: 202, outsider: 202),
        "POST /api/v1/cases/{id}/binding-agreement": row(
            anonymous: 401, employee: 201, employerFiler: 201, invitedParty: 201, otherCaseFiler: 404,
            admin: 403, intakeOfficer: 403, coordinator: 403, inspector: 403,
            chair: 403, panelPhysician: 403, panelArbeidsdeskundige: 403, outsider: 403),
        // Either party, or a member of the panel.
        "POST /api/v1/cases/{id}/statements": row(
            anonymous: 401, employee: 201, employerFiler: 201, invitedParty: 201, otherCaseFiler: 404,
            admin: 403, intakeOfficer: 403, coordinator: 403, inspector: 403,
            chair: 201, panelPhysician: 201, panelArbeidsdeskundige: 201, outsider: 404),
        "POST /api/v1/cases/{id}/panel": staffOnly([.coordinator: 200]),
        "GET /api/v1/cases/{id}/followups": caseReaders,
        // A party answers its own due check-in.
        "POST /api/v1/cases/{id}/followups/{followUpId}": row(
            anonymous: 401, employee: 200, employerFiler: 200, invitedParty: 200, otherCaseFiler: 404,
            admin: 403, intakeOfficer: 403, coordinator: 403, inspector: 403,
            chair: 403, panelPhysician: 403, panelArbeidsdeskundige: 403, outsider: 403),
        // Intake officers and coordinators record the return to work (staff who see every case).
        "PUT /api/v1/cases/{id}/return-to-work": staffOnly([.intakeOfficer: 200, .coordinator: 200]),
        // Data rights (being added): only the parties of the case, with their own token.
        "GET /api/v1/cases/{id}/export": row(
            anonymous: 401, employee: 200, employerFiler: 200, invitedParty: 200, otherCaseFiler: 404,
            admin: 403, intakeOfficer: 403, coordinator: 403, inspector: 403,
            chair: 403, panelPhysician: 403, panelArbeidsdeskundige: 403, outsider: 403),
        "GET /api/v1/cases/{id}/access-log": staffOnly([.coordinator: 200, .admin: 200]),
        // The parties' contact details: the staff who check and use them.
        "GET /api/v1/cases/{id}/parties": staffOnly([.intakeOfficer: 200, .coordinator: 200, .admin: 200]),
        // An intake officer or a physician on the panel verifies an invited employee (on a case an employer filed).
        "POST /api/v1/cases/{id}/parties/employee/verification": staffOnly([
            .intakeOfficer: 200, .chair: 200, .panelPhysician: 200, .outsider: 404,
        ]),

        // Supervision: aggregate figures only.
        "GET /api/v1/stats/overview": staffOnly([.inspector: 200, .coordinator: 200, .admin: 200]),
        "GET /api/v1/stats/employers": staffOnly([.inspector: 200, .coordinator: 200, .admin: 200]),
        // The OpenAPI document, as JSON: public (and readable from any origin).
        "GET /api/v1/openapi.json": row(
            anonymous: 200, employee: 200, employerFiler: 200, invitedParty: 200, otherCaseFiler: 200,
            admin: 200, intakeOfficer: 200, coordinator: 200, inspector: 200,
            chair: 200, panelPhysician: 200, panelArbeidsdeskundige: 200, outsider: 200),
        // The public keys rulings are signed with: public.
        "GET /api/v1/keys": row(
            anonymous: 200, employee: 200, employerFiler: 200, invitedParty: 200, otherCaseFiler: 200,
            admin: 200, intakeOfficer: 200, coordinator: 200, inspector: 200,
            chair: 200, panelPhysician: 200, panelArbeidsdeskundige: 200, outsider: 200),
        "GET /api/v1/escalations": staffOnly([.coordinator: 200, .admin: 200]),
        "POST /api/v1/escalations/{id}/resolve": staffOnly([.coordinator: 204, .admin: 204]),
        // Letters to print (intake officers), failed e-mail (coordinators, admins); the probe asks for letters.
        "GET /api/v1/notifications": staffOnly([.intakeOfficer: 200, .coordinator: 200, .admin: 200]),
        "POST /api/v1/notifications/{id}/print": staffOnly([.intakeOfficer: 200]),
    ]
}

/// Marker strings of the medical fields: no response to a caller who may not see
/// medical data may contain any of them.
enum MatrixMarkers {
    static let information = "MEDISCH-DOSSIER-Q7X burn-out sinds maart"
    static let statement = "MEDISCH-VERKLARING-Q7X behandelaar ziet vooruitgang"
    static let ruling = "MEDISCH-OVERWEGING-Q7X herstel verloopt langzaam"
    static let document = "MEDISCH-BRIEF-Q7X specialist"
    /// The markers of the ruled cases (the medical document lies on a case in review).
    static let ofRuledCases = ["MEDISCH-DOSSIER-Q7X", "MEDISCH-VERKLARING-Q7X", "MEDISCH-OVERWEGING-Q7X"]
    static let all = ofRuledCases + ["MEDISCH-BRIEF-Q7X"]
}

/// A request to send on behalf of one caller.
struct MatrixProbe {
    var method: HTTPRequest.Method
    var path: String
    var body: [String: Any]?
    var token: String?
    /// A document upload's multipart body instead of JSON.
    var form: DocumentForm? = nil
}

/// A realistic pool with cases in every state the endpoints need, and a token for everyone.
final class MatrixWorld {
    let t: TestContext

    struct Account {
        let id: String
        let email: String
        let password: String
        let token: String
    }

    /// `drafted`: the chair issued a draft and both parties said they have no comments.
    enum Stage: Int, Comparable {
        case submitted, inReview, drafted, ruled
        static func < (a: Stage, b: Stage) -> Bool { a.rawValue < b.rawValue }
    }

    /// A case with the tokens of its parties.
    struct Handle {
        let id: String
        let filer: PartyRole
        let filerToken: String
        let otherEmail: String?
        var otherToken: String?
    }

    var accounts: [TrustCaller: Account] = [:]
    /// The staff member the staff-account routes are about (none of the callers).
    var target: Account!
    /// The account the login probes log into.
    var sessionAccount: Account!
    var cases: [Stage: [PartyRole: Handle]] = [:]
    var otherCase: Handle!
    var letterId = 0
    var escalationPool: [Int] = []
    var deniedEscalation = 0
    var followUps: [TrustCaller: String] = [:]
    var sharedAbsence = ""
    var deniedObjection: String?
    /// A document that is not medical on each case in review (its medical sibling carries a marker in its name).
    var documents: [String: String] = [:]
    var deniedAppointment: String?
    var counter = 0
    var invitations: [String: String] = [:]
    /// Cases made for one allowed probe, so a success never changes the shared cases.
    var freshCases = 0

    init(_ t: TestContext) { self.t = t }

    var today: LocalDate { AmsterdamTime.date(of: t.clock.now()) }

    // MARK: Building the world

    static func build(_ t: TestContext) async throws -> MatrixWorld {
        let w = MatrixWorld(t)
        let adminLogin = try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": t.adminPassword])
        try #require(adminLogin.status == 201, "set-up: admin login: \(adminLogin.text)")
        w.accounts[.admin] = Account(
            id: try #require(adminLogin["staff_id"].string), email: t.adminEmail, password: t.adminPassword,
            token: try #require(adminLogin["token"].string))
        w.accounts[.intakeOfficer] = try await w.account(.intakeOfficer, name: "Ingrid Intake")
        w.accounts[.coordinator] = try await w.account(.coordinator, name: "Cor Coördinator")
        w.accounts[.inspector] = try await w.account(.inspector, name: "Ina Inspecteur")
        // The panel of every case: one member per discipline, room for every case of the test.
        w.accounts[.chair] = try await w.account(.panelMember, name: "Dr. Bas Voorzitter", panel: w.panel("bedrijfsarts"))
        w.accounts[.panelPhysician] = try await w.account(.panelMember, name: "Dr. Vera Kok", panel: w.panel("verzekeringsarts"))
        w.accounts[.panelArbeidsdeskundige] = try await w.account(.panelMember, name: "Arie Deskundige", panel: w.panel("arbeidsdeskundige"))
        // Members who worked for the employer (its KvK number) are never routed to these cases.
        w.accounts[.outsider] = try await w.account(
            .panelMember, name: "Dr. Olaf Buiten", panel: w.panel("bedrijfsarts", affiliations: ["12345678"]))
        w.target = try await w.account(.panelMember, name: "Doelwit Deskundige", panel: w.panel("arbeidsdeskundige", affiliations: ["12345678"]))
        w.sessionAccount = try await w.account(.intakeOfficer, name: "Sessie Proef")

        // Cases, filed at the start of the test (Monday 23 November 2026).
        for role in [PartyRole.employee, .employer] {
            w.cases[.submitted, default: [:]][role] = try await w.makeCase(role, .submitted)
            w.cases[.inReview, default: [:]][role] = try await w.makeCase(role, .inReview, medicalStatement: role == .employee)
            let reviewed = w.cases[.inReview]![role]!
            let plain = try await t.upload(reviewed.id, DocumentForm(file: DocumentForm.pdf(1500), kind: "action_plan"), token: reviewed.filerToken)
            try #require(plain.status == 201, "set-up: document: \(plain.text)")
            w.documents[reviewed.id] = try #require(plain["id"].string)
            if role == .employee {
                let medical = try await t.upload(
                    reviewed.id, DocumentForm(file: DocumentForm.jpeg, filename: "\(MatrixMarkers.document).jpg", kind: "correspondence", medical: "true"),
                    token: reviewed.filerToken)
                try #require(medical.status == 201, "set-up: medical document: \(medical.text)")
            }
            w.cases[.drafted, default: [:]][role] = try await w.makeCase(role, .drafted, medicalStatement: role == .employee)
            w.cases[.ruled, default: [:]][role] = try await w.makeCase(role, .ruled, medicalStatement: role == .employee)
        }
        w.otherCase = try await w.makeCase(.employee, .submitted)
        _ = try await w.makeCase(.employee, .submitted)  // one more missed triage: an escalation to spare
        // A case whose other party has no e-mail address: its invitation is a letter to print.
        let lettered = try await w.makeCase(.employee, .inReview, disciplines: ["bedrijfsarts"], letter: true)
        let letters = try await t.api.get("/api/v1/notifications?state=letters", token: w.token(.intakeOfficer))
        let letter = letters["items"].array.first { $0["case_id"].string == lettered.id && $0["kind"].string == "invitation" }
        w.letterId = try #require(letter?["id"].int, "set-up: the invitation letter: \(letters.text.prefix(500))")

        // Two weeks later: the ruled cases' first check-ins are due, and the untriaged cases missed their deadline.
        t.setClock("2026-12-07", hour: 9.5)
        try await t.fireTimers()
        let open = try await t.sql("SELECT id::int FROM escalations WHERE resolved_at IS NULL ORDER BY id")
        let escalations = try open.map { try $0.decode(Int.self) }
        try #require(escalations.count >= 3, "set-up: missed triage deadlines should have raised escalations: \(escalations)")
        w.deniedEscalation = escalations[0]
        w.escalationPool = Array(escalations.dropFirst())

        let ruledEmployee = w.cases[.ruled]![.employee]!, ruledEmployer = w.cases[.ruled]![.employer]!
        for (caller, handle, token) in [
            (TrustCaller.employee, ruledEmployee, ruledEmployee.filerToken),
            (.invitedParty, ruledEmployee, ruledEmployee.otherToken!),
            (.employerFiler, ruledEmployer, ruledEmployer.filerToken),
        ] {
            let due = try await t.api.get("/api/v1/cases/\(handle.id)/followups", token: token)
            w.followUps[caller] = try #require(due["items"][0]["id"].string, "set-up: a due check-in for \(caller): \(due.text)")
        }
        w.sharedAbsence = try await w.absence()
        return w
    }

    func panel(_ discipline: String, affiliations: [String] = []) -> [String: Any] {
        var panel: [String: Any] = ["discipline": discipline, "affiliations": affiliations, "max_open_cases": 50]
        if discipline != "arbeidsdeskundige" {
            counter += 1
            panel["big_number"] = String(49_000_000_000 + counter)
            panel["registered_since"] = "2012-03-01"
        }
        return panel
    }

    func account(_ role: StaffRole, name: String, panel: [String: Any]? = nil) async throws -> Account {
        counter += 1
        let email = "\(role.rawValue)-\(counter)@matrix.test"
        let password = "matrix-wachtwoord-\(counter)"
        var body: [String: Any] = ["email": email, "name": name, "password": password, "role": role.rawValue]
        if let panel { body["panel"] = panel }
        let created = try await t.api.post("/api/v1/staff", object: body, token: accounts[.admin]!.token)
        try #require(created.status == 201, "set-up: create \(role.rawValue): \(created.text)")
        return Account(id: try #require(created["id"].string), email: email, password: password, token: try await t.login(email, password))
    }

    /// A new account with the role (and discipline) of a staff caller. Panel
    /// members worked for the cases' employer, so routing never picks them.
    func throwaway(like caller: TrustCaller) async throws -> Account {
        switch caller {
        case .admin: return try await account(.admin, name: "Wegwerp Beheer")
        case .intakeOfficer: return try await account(.intakeOfficer, name: "Wegwerp Intake")
        case .coordinator: return try await account(.coordinator, name: "Wegwerp Coördinator")
        case .inspector: return try await account(.inspector, name: "Wegwerp Inspecteur")
        case .chair, .outsider: return try await account(.panelMember, name: "Wegwerp Arts", panel: panel("bedrijfsarts", affiliations: ["12345678"]))
        case .panelPhysician:
            return try await account(.panelMember, name: "Wegwerp Verzekeringsarts", panel: panel("verzekeringsarts", affiliations: ["12345678"]))
        default:
            return try await account(.panelMember, name: "Wegwerp Deskundige", panel: panel("arbeidsdeskundige", affiliations: ["12345678"]))
        }
    }

    /// Files a case (by an employee with medical information, or by an employer) and takes it to `stage`.
    func makeCase(
        _ filer: PartyRole, _ stage: Stage, disciplines: [String] = ["bedrijfsarts", "verzekeringsarts", "arbeidsdeskundige"],
        medicalStatement: Bool = false, letter: Bool = false
    ) async throws -> Handle {
        counter += 1
        let otherEmail = letter ? nil : (filer == .employee ? "werkgever-\(counter)@matrix.example" : "werknemer-\(counter)@matrix.example")
        var employer: [String: Any] = ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "address": t.employerAddress]
        let body: [String: Any]
        if filer == .employee {
            if let otherEmail { employer["email"] = otherEmail }
            body = t.filing(["employer": employer, "medical_information": MatrixMarkers.information])
        } else {
            var employee: [String: Any] = ["name": "Sanne de Vries", "address": t.employeeAddress]
            if let otherEmail { employee["email"] = otherEmail }
            body = t.filing(["employee": employee, "filer": ["name": "Jan de Baas", "email": "jan@bakkerij.example"]], role: .employer)
        }
        let filed = try await t.api.post("/api/v1/cases", object: body)
        try #require(filed.status == 201, "set-up: filing: \(filed.text.prefix(500))")
        var handle = Handle(
            id: try #require(filed["id"].string), filer: filer, filerToken: try #require(filed["access_token"].string),
            otherEmail: otherEmail, otherToken: nil)
        guard stage >= .inReview else { return handle }

        let triaged = try await t.api.post(
            "/api/v1/cases/\(handle.id)/triage",
            object: [
                "decision": "accept", "case_type": "second_opinion", "other_options_exhausted": true, "disciplines": disciplines,
                "motivation": "Bedrijfsarts heeft heroverweging geweigerd.",
            ], token: token(.intakeOfficer))
        try #require(triaged.status == 200 && triaged["status"].string == "in_review", "set-up: triage: \(triaged.text.prefix(500))")
        try #require(triaged["panel"][0]["staff_id"].string == accounts[.chair]!.id, "set-up: the bedrijfsarts chairs: \(triaged.text.prefix(800))")
        if let otherEmail {
            if invitations[otherEmail] == nil { invitations.merge(try await TrustKit.deliverInvitations(t)) { _, new in new } }
            handle.otherToken = try #require(invitations[otherEmail], "set-up: no invitation e-mail to \(otherEmail)")
        }
        if medicalStatement {
            let statement = try await t.api.post(
                "/api/v1/cases/\(handle.id)/statements", object: ["text": MatrixMarkers.statement, "medical": true], token: handle.filerToken)
            try #require(statement.status == 201, "set-up: medical statement: \(statement.text)")
        }
        guard stage >= .drafted else { return handle }
        if t.deps.settings.procedure.hasDraftStep {
            let draft = try await t.api.post(
                "/api/v1/cases/\(handle.id)/draft-ruling", object: t.rulingBody(medical: MatrixMarkers.ruling), token: token(.chair))
            try #require(draft.status == 201, "set-up: draft: \(draft.text.prefix(500))")
            if filer == .employer, handle.otherToken != nil {
                // The invited employee answers the draft once staff verified the link reached them.
                let seen = try await t.api.get("/api/v1/cases/\(handle.id)", token: handle.otherToken!)
                let code = try #require(seen["check_code"].string, "set-up: the invited employee's check code")
                let verified = try await t.api.post(
                    "/api/v1/cases/\(handle.id)/parties/employee/verification", object: ["code": code, "how": "phone"], token: token(.intakeOfficer))
                try #require(verified.status == 200, "set-up: verification: \(verified.text.prefix(300))")
            }
            for party in [handle.filerToken, handle.otherToken].compactMap({ $0 }) {
                let none = try await t.api.post("/api/v1/cases/\(handle.id)/draft-comments", object: ["no_comments": true], token: party)
                try #require(none.status == 201, "set-up: no comments: \(none.text.prefix(300))")
            }
        }
        guard stage == .ruled else { return handle }
        return try await rule(handle)
    }

    /// Records the ruling of a case ready for it.
    func rule(_ handle: Handle) async throws -> Handle {
        let ruled = try await t.api.post(
            "/api/v1/cases/\(handle.id)/ruling", object: t.rulingBody(medical: MatrixMarkers.ruling), token: token(.chair))
        try #require(ruled.status == 201, "set-up: ruling: \(ruled.text.prefix(500))")
        return handle
    }

    /// A new objection of an employee against the chair of a case made for it; returns its id.
    func objection() async throws -> String {
        let handle = try await makeCase(.employee, .inReview)
        let lodged = try await t.api.post(
            "/api/v1/cases/\(handle.id)/objections",
            object: ["staff_id": accounts[.chair]!.id, "reason": "Dit panellid werkte voor de arbodienst van de werkgever."],
            token: handle.filerToken)
        try #require(lodged.status == 201, "set-up: objection: \(lodged.text)")
        return try #require(lodged["id"].string)
    }

    /// A hearing ten days ahead, for both parties.
    func hearingBody() -> [String: Any] {
        [
            "kind": "hearing", "starts_at": Timestamp.format(AmsterdamTime.startOfDay(today.adding(days: 10)).addingTimeInterval(14 * 3600)),
            "duration_minutes": 60, "location": "Eenloket, Utrecht", "parties": ["employee", "employer"],
        ]
    }

    /// A hearing on a case, planned by its chair; `started`: one that began an hour ago
    /// (stored directly: the API plans only days ahead, and the clock is the world's).
    func plan(on handle: Handle, started: Bool = false) async throws -> String {
        if started {
            let id = UUID()
            _ = try await t.sql(
                """
                INSERT INTO appointments (id, case_id, kind, starts_at, duration_minutes, location, parties, planned_by, planned_at)
                VALUES (\(id), \(UUID(uuidString: handle.id)!), 'hearing', \(t.clock.now().addingTimeInterval(-3600)), 60, 'Utrecht',
                        ARRAY['employee', 'employer'], \(UUID(uuidString: accounts[.chair]!.id)!), \(t.clock.now()))
                """)
            return id.lowercased
        }
        let planned = try await t.api.post("/api/v1/cases/\(handle.id)/appointments", object: hearingBody(), token: token(.chair))
        try #require(planned.status == 201, "set-up: appointment: \(planned.text)")
        return try #require(planned["id"].string)
    }

    /// The appointment refused callers try (made once, on the shared employee case in review).
    func sharedAppointment() async throws -> String {
        if let shared = deniedAppointment { return shared }
        let made = try await plan(on: cases[.inReview]![.employee]!)
        deniedAppointment = made
        return made
    }

    /// The objection refused callers try to decide (made once).
    func sharedObjection() async throws -> String {
        if let shared = deniedObjection { return shared }
        let made = try await objection()
        deniedObjection = made
        return made
    }

    /// A new absence of the target member (recorded by the admin); returns its id.
    func absence() async throws -> String {
        counter += 1
        let start = today.adding(days: 30 + counter)
        let created = try await t.api.post(
            "/api/v1/staff/\(target.id)/absences",
            object: ["starts_on": start.description, "ends_on": start.adding(days: 2).description, "reason": "Vakantie"],
            token: token(.admin))
        try #require(created.status == 201, "set-up: absence: \(created.text)")
        return try #require(created["id"].string)
    }

    // MARK: Whose token, on which case

    /// The caller's own case in a stage (the employer filer's is a case an employer filed).
    func home(_ caller: TrustCaller, _ stage: Stage) -> Handle {
        // Before acceptance nobody has been invited yet: the invited party uses the case it was invited to.
        if caller == .invitedParty && stage == .submitted { return cases[.inReview]![.employee]! }
        return cases[stage]![caller == .employerFiler ? .employer : .employee]!
    }

    /// The caller's token for a case (a foreign token for the filer of another case).
    func token(_ caller: TrustCaller, on handle: Handle?) -> String? {
        switch caller {
        case .anonymous: return nil
        case .employee, .employerFiler: return (handle ?? home(caller, .ruled)).filerToken
        case .invitedParty: return (handle ?? home(caller, .ruled)).otherToken
        case .otherCaseFiler: return otherCase.filerToken
        default: return accounts[caller]!.token
        }
    }

    func token(_ caller: TrustCaller) -> String { token(caller, on: nil)! }

    /// The case for a probe: the shared one, or (for a caller who will succeed) a new one in that stage.
    func subject(_ caller: TrustCaller, _ stage: Stage, fresh: Bool, disciplines: [String]? = nil) async throws -> Handle {
        guard fresh else { return home(caller, stage) }
        freshCases += 1
        let role: PartyRole = caller == .employerFiler ? .employer : .employee
        if let disciplines { return try await makeCase(role, stage, disciplines: disciplines) }
        return try await makeCase(role, stage)
    }

    // MARK: Probes

    /// The request that exercises `route` as `caller`, with a body that succeeds for an allowed caller.
    func probe(_ route: String, _ caller: TrustCaller, expecting status: Int) async throws -> MatrixProbe? {
        let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
        let method = HTTPRequest.Method(rawValue: parts[0])!
        let template = parts[1]
        let allowed = (200..<300).contains(status)
        func on(_ handle: Handle, _ body: [String: Any]? = nil, _ extra: [String: String] = [:]) -> MatrixProbe {
            var path = template.replacingOccurrences(of: "{id}", with: handle.id)
            for (name, value) in extra { path = path.replacingOccurrences(of: "{\(name)}", with: value) }
            return MatrixProbe(method: method, path: path, body: body, token: token(caller, on: handle))
        }
        func plain(_ path: String, _ body: [String: Any]? = nil, token: String?? = nil) -> MatrixProbe {
            MatrixProbe(method: method, path: path, body: body, token: token ?? self.token(caller, on: nil))
        }
        let staffPath = template.replacingOccurrences(of: "{id}", with: target.id)
        counter += 1
        let n = counter
        switch route {
        case "POST /api/v1/sessions":
            return plain(template, ["email": sessionAccount.email, "password": sessionAccount.password])
        case "DELETE /api/v1/sessions/current":
            // Staff log out a session of their own made for this probe (the caller's main token stays valid).
            guard caller.isStaff else { return plain(template) }
            let account = accounts[caller]!
            return plain(template, token: .some(try await t.login(account.email, account.password)))
        case "POST /api/v1/account/password":
            // The change ends every session of the account: an account of the caller's role made for the probe.
            guard caller.isStaff else {
                return plain(template, ["current_password": "wat-dan-ook-12", "new_password": "nieuw-wachtwoord-\(n)"])
            }
            let own = try await throwaway(like: caller)
            return plain(template, ["current_password": own.password, "new_password": "nieuw-wachtwoord-\(n)"], token: .some(own.token))
        case "POST /api/v1/staff":
            return plain(
                template,
                ["email": "nieuw-\(n)@matrix.test", "name": "Nieuwe Medewerker \(n)", "password": "sterk-wachtwoord-\(n)", "role": "intake_officer"])
        case "GET /api/v1/staff/{id}", "GET /api/v1/staff/{id}/absences", "GET /api/v1/staff/{id}/events", "DELETE /api/v1/staff/{id}/otp":
            return plain(staffPath)
        case "PATCH /api/v1/staff/{id}":
            return plain(staffPath, ["name": "Doelwit Deskundige \(n)"])
        case "POST /api/v1/staff/{id}/absences":
            let start = today.adding(days: 60 + n)
            return plain(staffPath, ["starts_on": start.description, "ends_on": start.adding(days: 1).description, "reason": "Cursus"])
        case "DELETE /api/v1/staff/{id}/absences/{absenceId}":
            let absence = allowed ? try await self.absence() : sharedAbsence
            return plain(staffPath.replacingOccurrences(of: "{absenceId}", with: absence))
        case "POST /api/v1/cases":
            // The filer gets its own filing back, medical text included: not a marker, so any caller may file.
            return plain(template, t.filing())
        case "GET /api/v1/cases", "GET /api/v1/stats/overview", "GET /api/v1/stats/employers", "GET /api/v1/keys",
            "GET /api/v1/escalations", "GET /api/v1/binding-agreement", "GET /api/v1/openapi.json":
            return plain(template)
        case "GET /api/v1/notifications":
            return plain("/api/v1/notifications?state=letters")
        case "POST /api/v1/access-links":
            // A reference no case has: a match would replace a probing caller's own link.
            return plain(template, ["reference": "EL-2031-999999", "email": "niemand-\(n)@matrix.test"])
        case "GET /api/v1/cases/{id}", "GET /api/v1/cases/{id}/events", "GET /api/v1/cases/{id}/statements",
            "GET /api/v1/cases/{id}/followups", "GET /api/v1/cases/{id}/export", "GET /api/v1/cases/{id}/access-log":
            return on(home(caller, .ruled))
        case "GET /api/v1/cases/{id}/parties":
            return on(home(caller, .ruled))
        case "POST /api/v1/cases/{id}/parties/employee/verification":
            // An employer's case with an invited employee; a success verifies it, so it gets a fresh one.
            let handle = allowed ? try await makeCase(.employer, .inReview) : cases[.inReview]![.employer]!
            // The code the employee's own view shows (opening it is the link's first use).
            let seen = try await t.api.get("/api/v1/cases/\(handle.id)", token: try #require(handle.otherToken))
            let code = try #require(seen["check_code"].string, "set-up: no check code for the invited employee: \(seen.text.prefix(300))")
            return on(handle, ["code": code, "how": "phone"])
        case "POST /api/v1/cases/{id}/triage":
            return on(
                try await subject(caller, .submitted, fresh: allowed),
                [
                    "decision": "accept", "case_type": "work_capacity", "other_options_exhausted": true, "disciplines": ["bedrijfsarts"],
                    "motivation": "Andere mogelijkheden zijn geprobeerd.",
                ])
        case "POST /api/v1/cases/{id}/ruling":
            return on(try await subject(caller, .drafted, fresh: allowed), t.rulingBody(medical: MatrixMarkers.ruling))
        case "POST /api/v1/cases/{id}/draft-ruling":
            return on(try await subject(caller, .inReview, fresh: allowed), t.rulingBody(medical: MatrixMarkers.ruling))
        case "GET /api/v1/objections":
            return plain(template)
        case "POST /api/v1/cases/{id}/documents":
            var probe = on(home(caller, .inReview))
            probe.form = DocumentForm(file: DocumentForm.pdf(2000), kind: "job_description")
            return probe
        case "GET /api/v1/cases/{id}/documents":
            return on(home(caller, .inReview))
        case "PUT /api/v1/cases/{id}/consents":
            return on(home(caller, .inReview), ["share_with_own_physician": true])
        case "GET /api/v1/cases/{id}/documents/{documentId}":
            let handle = home(caller, .inReview)
            return on(handle, nil, ["documentId": documents[handle.id] ?? UUID().uuidString.lowercased()])
        case "GET /api/v1/cases/{id}/appointments":
            return on(home(caller, .inReview))
        case "POST /api/v1/cases/{id}/appointments":
            return on(try await subject(caller, .inReview, fresh: allowed), hearingBody())
        case "POST /api/v1/cases/{id}/appointments/{appointmentId}/response":
            let handle = allowed ? try await subject(caller, .inReview, fresh: true) : home(caller, .inReview)
            let appointment = allowed ? try await plan(on: handle) : try await sharedAppointment()
            return on(handle, ["attending": true, "note": "Ik kom met mijn jurist."], ["appointmentId": appointment])
        case "POST /api/v1/cases/{id}/appointments/{appointmentId}/cancel":
            let handle = allowed ? try await subject(caller, .inReview, fresh: true) : cases[.inReview]![.employee]!
            let appointment = allowed ? try await plan(on: handle) : try await sharedAppointment()
            return on(handle, ["reason": "De voorzitter is verhinderd."], ["appointmentId": appointment])
        case "POST /api/v1/cases/{id}/appointments/{appointmentId}/report":
            let handle = allowed ? try await subject(caller, .inReview, fresh: true) : cases[.inReview]![.employee]!
            let appointment = allowed ? try await plan(on: handle, started: true) : try await sharedAppointment()
            return on(handle, ["held": true, "summary": "Beide partijen zijn gehoord."], ["appointmentId": appointment])
        case "POST /api/v1/cases/{id}/objections":
            // Against the chair, within the window: an allowed caller gets a case made now.
            return on(
                try await subject(caller, .inReview, fresh: allowed),
                ["staff_id": accounts[.chair]!.id, "reason": "Dit panellid werkte voor de arbodienst van de werkgever."])
        case "POST /api/v1/objections/{objectionId}/decision":
            let objection = allowed ? try await objection() : try await sharedObjection()
            return plain(
                template.replacingOccurrences(of: "{objectionId}", with: objection),
                ["upheld": false, "motivation": "Geen band met deze zaak gebleken."])
        case "POST /api/v1/cases/{id}/panel/step-aside":
            return on(try await subject(caller, .inReview, fresh: allowed), ["reason": "Ik ken de leidinggevende van de werknemer."])
        case "POST /api/v1/cases/{id}/draft-comments":
            // The shared drafts' windows closed when the world's clock moved on: an allowed caller gets a fresh one.
            return on(
                try await subject(caller, .drafted, fresh: allowed), ["text": "In het concept staat 12 uur; het aanbod was 16 uur per week."])
        case "POST /api/v1/cases/{id}/withdraw":
            return on(try await subject(caller, .inReview, fresh: allowed))
        case "POST /api/v1/cases/{id}/appeal":
            return on(
                try await subject(caller, .ruled, fresh: allowed), ["court": "Rechtbank Amsterdam", "lodged_on": today.description])
        case "POST /api/v1/cases/{id}/appeal/outcome":
            // A case with an appeal; a success records the court's outcome, so it gets a fresh one.
            let handle = try await subject(caller, .ruled, fresh: allowed)
            if allowed {
                let appeal = try await t.api.post(
                    "/api/v1/cases/\(handle.id)/appeal", object: ["court": "Rechtbank Amsterdam", "lodged_on": today.description],
                    token: handle.filerToken)
                #expect(appeal.status == 201, "set-up: appeal \(appeal.text)")
            }
            return on(handle, ["outcome": "upheld", "decided_on": today.description, "summary": "De rechter liet het oordeel staan."])
        case "POST /api/v1/cases/{id}/binding-agreement":
            // Each party agrees once: an allowed caller gets a case of its own.
            return on(try await subject(caller, .inReview, fresh: allowed), ["agree": true, "name": "Sanne de Vries"])
        case "POST /api/v1/cases/{id}/statements":
            return on(home(caller, .inReview), ["text": "Wij hebben aangepast werk van 12 uur aangeboden."])
        case "POST /api/v1/cases/{id}/panel":
            let handle = try await subject(caller, .inReview, fresh: allowed, disciplines: allowed ? ["bedrijfsarts", "verzekeringsarts"] : nil)
            return on(
                handle,
                ["action": "add_discipline", "discipline": "arbeidsdeskundige", "motivation": "Passend werk moet beoordeeld worden."])
        case "POST /api/v1/cases/{id}/followups/{followUpId}":
            return on(
                home(caller, .ruled),
                ["ruling_carried_out": "yes", "return_to_work": "working_as_agreed", "needs_help": false],
                ["followUpId": followUps[caller] ?? followUps[.employee]!])
        case "PUT /api/v1/cases/{id}/return-to-work":
            return on(home(caller, .ruled), ["returned_on": today.description])
        case "POST /api/v1/escalations/{id}/resolve":
            let id = allowed ? (escalationPool.popLast() ?? deniedEscalation) : deniedEscalation
            return plain(template.replacingOccurrences(of: "{id}", with: String(id)))
        case "POST /api/v1/notifications/{id}/print":
            return plain(template.replacingOccurrences(of: "{id}", with: String(letterId)))
        default:
            return nil
        }
    }

    func send(_ probe: MatrixProbe) async throws -> Reply {
        if let form = probe.form {
            var headers: HTTPFields = [.contentType: form.contentType]
            if let token = probe.token { headers[.authorization] = "Bearer \(token)" }
            return Reply(response: try await t.api.client.executeRequest(uri: probe.path, method: .post, headers: headers, body: form.body))
        }
        return try await t.api.request(probe.method, probe.path, json: probe.body.map(jsonText), token: probe.token)
    }
}

@Suite("Trust: authorization matrix of every /api/v1 route")
struct AuthorizationMatrixTests {
    @Test func everyServedRouteHasAnAuthorizationEntry() async throws {
        try await withApp { t in
            let served = try TrustKit.servedAPIRoutes(t.deps)
            #expect(served.count >= 25, "the route table looks wrong: \(served)")
            for route in served {
                guard let row = AuthorizationTable.expected[route] else {
                    Issue.record("new route \(route) has no authorization entry in AuthorizationTable.expected (AuthorizationMatrixTests.swift)")
                    continue
                }
                let missing = TrustCaller.allCases.filter { row[$0] == nil }
                #expect(missing.isEmpty, "route \(route) has no expected status for \(missing)")
            }
            let pending = Set(AuthorizationTable.expected.keys).subtracting(served).sorted()
            if !pending.isEmpty { print("AuthorizationMatrix: entries for routes not served (yet): \(pending)") }
        }
    }

    @Test func everyCallerGetsTheContractsStatusOnEveryRoute() async throws {
        // The deployment's default: a draft round before every ruling.
        try await withApp(configure: { $0.sessionLifetime = 90 * 24 * 3600; $0.procedure.draftWindowDays = 5 }) { t in
            let started = ContinuousClock.now
            let world = try await MatrixWorld.build(t)
            let served = try TrustKit.servedAPIRoutes(t.deps)
            var probes = 0
            var skipped: [String] = []
            for route in served {
                guard let row = AuthorizationTable.expected[route] else {
                    skipped.append(route)  // reported by everyServedRouteHasAnAuthorizationEntry
                    continue
                }
                for caller in TrustCaller.allCases {
                    guard let status = row[caller] else { continue }
                    guard let probe = try await world.probe(route, caller, expecting: status) else {
                        Issue.record("route \(route) has an authorization entry but no probe in MatrixWorld.probe: add one")
                        break
                    }
                    let reply = try await world.send(probe)
                    probes += 1
                    let what = "\(route) as \(caller) (\(probe.method.rawValue) \(probe.path))"
                    #expect(reply.status == status, "\(what): expected \(status), got \(reply.status): \(reply.text.prefix(400))")
                    #expect(reply.status < 500, "\(what): a server error")
                    if reply.status >= 400, let defect = TrustKit.problemDefect(reply) {
                        Issue.record("\(what): not a proper problem document: \(defect)")
                    }
                    if !caller.seesMedical {
                        for marker in MatrixMarkers.all where reply.text.contains(marker) {
                            Issue.record("\(what): medical text (\(marker)) reached a caller who may not see it: \(reply.text.prefix(600))")
                        }
                    }
                }
            }
            if !skipped.isEmpty { Issue.record("served routes without an authorization entry were not probed: \(skipped)") }

            // What the table cannot say in one cell.
            // A panel member manages its own absences (the table's target is someone else's), but reads no account.
            let chair = world.accounts[.chair]!
            let own = "/api/v1/staff/\(chair.id)/absences"
            let start = world.today.adding(days: 200)
            let recorded = try await t.api.post(
                own, object: ["starts_on": start.description, "ends_on": start.adding(days: 1).description], token: chair.token)
            #expect(recorded.status == 201, "a panel member records its own absence: \(recorded.text.prefix(300))")
            #expect(try await t.api.get(own, token: chair.token).status == 200, "a panel member lists its own absences")
            if let id = recorded["id"].string {
                #expect(try await t.api.delete("\(own)/\(id)", token: chair.token).status == 204, "a panel member removes its own absence")
            }
            #expect(try await t.api.get("/api/v1/staff/\(chair.id)", token: chair.token).status == 403, "GET /api/v1/staff/{id} is for admins and coordinators")
            // A party answers only its own check-in: the employer's is not the employee's to answer.
            let ruled = world.home(.employee, .ruled)
            let crossed = try await t.api.post(
                "/api/v1/cases/\(ruled.id)/followups/\(world.followUps[.invitedParty]!)",
                object: ["ruling_carried_out": "no", "return_to_work": "not_working", "needs_help": true], token: ruled.filerToken)
            #expect(crossed.status == 404, "the employee answering the employer's check-in: \(crossed.status) \(crossed.text.prefix(300))")
            // A party token of one case is worth nothing on another case's staff-free endpoints either.
            let foreign = try await t.api.post(
                "/api/v1/cases/\(ruled.id)/statements", object: ["text": "Niet mijn zaak."], token: world.home(.employerFiler, .inReview).filerToken)
            #expect(foreign.status == 404, "an employer filer's token on another case: \(foreign.status)")
            print("AuthorizationMatrix: \(probes) probes over \(served.count) served routes, \(world.freshCases) fresh cases, \(ContinuousClock.now - started)")
        }
    }

    /// Medical fields of `GET /api/v1/cases/{id}`: present only for the employee filer, intake
    /// officers and the case's panel physicians; for everyone else the keys are absent.
    @Test func medicalFieldsOfTheCaseFollowTheCaller() async throws {
        try await withApp(configure: { $0.sessionLifetime = 90 * 24 * 3600 }) { t in
            let world = try await MatrixWorld.build(t)
            let served = Set(try TrustKit.servedAPIRoutes(t.deps))
            for caller in TrustCaller.allCases {
                let handle = world.home(caller, .ruled)
                let reply = try await t.api.get("/api/v1/cases/\(handle.id)", token: world.token(caller, on: handle))
                guard AuthorizationTable.caseReaders[caller] == 200 else {
                    #expect(reply.status != 200, "\(caller) may not read the case: \(reply.text.prefix(300))")
                    continue
                }
                try #require(reply.status == 200, "\(caller): \(reply.text.prefix(300))")
                #expect(reply["ruling"].object != nil, "\(caller): the case is ruled: \(reply.text.prefix(300))")
                if caller.seesMedical {
                    #expect(reply.json.has("medical_information"), "\(caller) should see medical_information")
                    #expect(reply["medical_information"].string == MatrixMarkers.information, "\(caller)")
                    #expect(reply["ruling"]["medical_considerations"].string == MatrixMarkers.ruling, "\(caller): \(reply["ruling"])")
                } else {
                    #expect(!reply.json.has("medical_information"), "\(caller) must not get the key medical_information: \(reply.text.prefix(600))")
                    #expect(!reply["ruling"].has("medical_considerations"), "\(caller) must not get ruling.medical_considerations")
                    for marker in MatrixMarkers.all {
                        #expect(!reply.text.contains(marker), "\(caller): medical text in the case: \(reply.text.prefix(600))")
                    }
                }
            }
            // The employer filer's own case holds no medical information at all (an employer may not file it),
            // and the employee's case shows the employer none of it.
            let employerCase = world.home(.employerFiler, .ruled)
            let byIntake = try await t.view(employerCase.id, token: world.token(.intakeOfficer))
            #expect(!byIntake.json.has("medical_information") || byIntake["medical_information"].isNull)

            // The medical statement follows the same rule in the statements list.
            let employeeCase = world.home(.employee, .ruled)
            for caller in [TrustCaller.employee, .invitedParty, .intakeOfficer, .coordinator, .admin, .chair, .panelPhysician, .panelArbeidsdeskundige] {
                let list = try await t.api.get("/api/v1/cases/\(employeeCase.id)/statements", token: world.token(caller, on: employeeCase))
                #expect(list.status == 200, "\(caller): \(list.text.prefix(300))")
                let texts = list["items"].array.compactMap { $0["text"].string }
                #expect(texts.contains(MatrixMarkers.statement) == caller.seesMedical, "\(caller) statements: \(texts)")
            }

            // The parties' own export (when served) follows the rule as well.
            if served.contains("GET /api/v1/cases/{id}/export") {
                for caller in [TrustCaller.employee, .invitedParty, .employerFiler] {
                    let handle = world.home(caller, .ruled)
                    let export = try await t.api.get("/api/v1/cases/\(handle.id)/export", token: world.token(caller, on: handle))
                    #expect(export.status == 200, "\(caller) export: \(export.text.prefix(300))")
                    for marker in MatrixMarkers.ofRuledCases {
                        #expect(export.text.contains(marker) == (caller.seesMedical), "\(caller) export and \(marker)")
                    }
                }
            }
        }
    }
}
