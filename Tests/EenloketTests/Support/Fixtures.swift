import EenloketDomain
import Foundation
import Testing

/// Building blocks for tests: accounts, filings and the steps of the workflow.
extension TestContext {
    var adminEmail: String { "admin@eenloket.test" }
    var adminPassword: String { "beheerder-wachtwoord" }

    /// Logs in and returns the token.
    func login(_ email: String, _ password: String) async throws -> String {
        let reply = try await api.post("/api/v1/sessions", object: ["email": email, "password": password])
        #expect(reply.status == 201, "login of \(email): \(reply.text)")
        return try #require(reply["token"].string)
    }

    func adminToken() async throws -> String { try await login(adminEmail, adminPassword) }

    /// Creates an account as admin and returns (id, token).
    @discardableResult
    func staff(_ role: StaffRole, name: String? = nil, panel: [String: Any]? = nil) async throws -> (id: String, token: String) {
        let admin = try await adminToken()
        let email = "\(role.rawValue)-\(UUID().uuidString.prefix(8).lowercased())@eenloket.test"
        var body: [String: Any] = [
            "email": email, "name": name ?? "\(role.rawValue) \(UUID().uuidString.prefix(4))", "password": "sterk-wachtwoord-12",
            "role": role.rawValue,
        ]
        if let panel { body["panel"] = panel }
        let reply = try await api.post("/api/v1/staff", object: body, token: admin)
        #expect(reply.status == 201, "create \(role.rawValue): \(reply.text)")
        let id = try #require(reply["id"].string)
        return (id, try await login(email, "sterk-wachtwoord-12"))
    }

    /// Creates a panel member of a discipline.
    @discardableResult
    func member(
        _ discipline: Discipline, name: String? = nil, affiliations: [String] = [], maxOpenCases: Int = 5
    ) async throws -> (id: String, token: String) {
        var panel: [String: Any] = [
            "discipline": discipline.rawValue, "affiliations": affiliations, "max_open_cases": maxOpenCases,
        ]
        if discipline.isPhysician {
            panel["big_number"] = String(Int.random(in: 10_000_000_000...99_999_999_999))
            panel["registered_since"] = "2012-03-01"
        }
        return try await staff(.panelMember, name: name ?? "\(discipline.rawValue) \(UUID().uuidString.prefix(6))", panel: panel)
    }

    /// Postal addresses, so the other party can be reached by letter.
    var employeeAddress: [String: Any] { ["street": "Lindelaan 4", "postal_code": "3512 AB", "city": "Utrecht"] }
    var employerAddress: [String: Any] { ["street": "Marktstraat 1", "postal_code": "1011 AA", "city": "Amsterdam"] }

    /// A valid filing body; override fields with `changes`.
    func filing(_ changes: [String: Any] = [:], role: PartyRole = .employee) -> [String: Any] {
        var body: [String: Any] = [
            "filer_role": role.rawValue,
            "filer": ["name": "Sanne de Vries", "email": "sanne@example.nl"],
            "employee": ["name": "Sanne de Vries", "address": employeeAddress],
            "employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "address": employerAddress],
            "sick_since": "2026-03-02",
            "question": "De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet.",
            "occupational_physician": ["name": "J. Bakker", "organisation": "ArboNed"],
        ]
        if role == .employee { body["medical_information"] = "Sinds maart behandeld voor een burn-out." }
        for (key, value) in changes { body[key] = value }
        return body
    }

    /// Files a case and returns (id, filer token).
    func file(_ changes: [String: Any] = [:], role: PartyRole = .employee) async throws -> (id: String, token: String) {
        let reply = try await api.post("/api/v1/cases", object: filing(changes, role: role))
        #expect(reply.status == 201, "filing: \(reply.text)")
        return (try #require(reply["id"].string), try #require(reply["access_token"].string))
    }

    /// Accepts a case with disciplines as a fresh or given intake officer.
    @discardableResult
    func accept(
        _ caseId: String, disciplines: [Discipline] = [.bedrijfsarts, .verzekeringsarts], intake: String? = nil,
        caseType: CaseType = .secondOpinion
    ) async throws -> Reply {
        let token: String
        if let intake { token = intake } else { token = try await staff(.intakeOfficer).token }
        return try await api.post(
            "/api/v1/cases/\(caseId)/triage",
            object: [
                "decision": "accept", "case_type": caseType.rawValue, "other_options_exhausted": true,
                "disciplines": disciplines.map(\.rawValue), "motivation": "Bedrijfsarts heeft heroverweging geweigerd.",
            ], token: token)
    }

    /// A ruling body.
    func rulingBody(medical: String? = "Herstel verloopt langzaam.") -> [String: Any] {
        var body: [String: Any] = [
            "outcome": "overturned", "decision": "Werknemer is belastbaar voor 12 uur per week in aangepast werk.",
            "motivation": "Het panel heeft beide partijen gehoord en het dossier bestudeerd.",
        ]
        if let medical { body["medical_considerations"] = medical }
        return body
    }

    /// Opens a party's private link as a browser does (`GET /zaak/{token}`,
    /// then its button, a `POST` with the form token of that page): returns
    /// the page-session cookie (`eenloket_zaak=…`) the pages then use.
    func openLink(_ token: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let page = try await api.get("/zaak/\(token)")
        #expect(page.status == 200, "the link's page: \(page.status)", sourceLocation: sourceLocation)
        let formCookie = try #require(
            page.headers[values: .setCookie].first { $0.hasPrefix("eenloket_formulier=") }, "no form cookie", sourceLocation: sourceLocation)
        let csrf = String(formCookie.dropFirst("eenloket_formulier=".count).prefix { $0 != ";" })
        #expect(page.text.contains("name=\"csrf\" value=\"\(csrf)\""), sourceLocation: sourceLocation)
        let reply = try await api.request(
            .post, "/zaak/\(token)", json: "csrf=\(csrf)", headers: [.cookie: "eenloket_formulier=\(csrf)"],
            contentType: "application/x-www-form-urlencoded")
        #expect(reply.status == 303 && reply.headers[.location] == "/zaak", "opening the link: \(reply.status)", sourceLocation: sourceLocation)
        let cookie = try #require(
            reply.headers[values: .setCookie].first { $0.hasPrefix("eenloket_zaak=") }, "no page-session cookie",
            sourceLocation: sourceLocation)
        return String(cookie.prefix { $0 != ";" })
    }

    /// A party page with its page-session cookie.
    func partyPage(_ path: String, cookie: String) async throws -> Reply {
        try await api.request(.get, path, headers: [.cookie: cookie])
    }

    /// The case as the caller sees it.
    func view(_ caseId: String, token: String) async throws -> Reply {
        try await api.get("/api/v1/cases/\(caseId)", token: token)
    }
}

/// Checks that a reply is an RFC 9457 problem with the given status.
func expectProblem(_ reply: Reply, _ status: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(reply.status == status, "expected \(status), got \(reply.status): \(reply.text)", sourceLocation: sourceLocation)
    #expect(reply.contentType.hasPrefix("application/problem+json"), "content type \(reply.contentType)", sourceLocation: sourceLocation)
    #expect(reply["status"].int == status, sourceLocation: sourceLocation)
    #expect(reply["title"].string != nil && reply["detail"].string != nil && reply["type"].string != nil, sourceLocation: sourceLocation)
}
