import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird

/// The parties' contact details for the staff who reach them, and the
/// verification that an invited employee's link reached the employee.
struct PartyContactController {
    let deps: AppDependencies

    var endpoints: RouteCollection<AppRequestContext> {
        RouteCollection(context: AppRequestContext.self)
            .get("{id}/parties", use: parties)
            .post("{id}/parties/employee/verification", use: verifyEmployee)
    }

    /// `GET /api/v1/cases/{id}/parties` (intake officers, coordinators, admins).
    @Sendable func parties(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.authenticated()
        _ = try context.requireStaff([.intakeOfficer, .coordinator, .admin], to: "contactgegevens van partijen zien")
        let contacts = try await deps.cases.contacts(try context.uuidParameter("id"), caller: caller)
        return try JSONResponse.make(PartyContactsJSON(contacts))
    }

    /// `POST /api/v1/cases/{id}/parties/employee/verification` (an intake officer,
    /// or a physician on the panel) `{"code": "K7M-4QP", "how": "phone|in_person"}`:
    /// the code the employee read out from their own page. The invited
    /// employee's link now also shows the case's medical information.
    @Sendable func verifyEmployee(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CaseActions.permits(.verifyEmployee, context.caller).enforce()
        let id = try context.uuidParameter("id")
        let input = try VerificationRequest.parse(try await JSONBody.object(request))
        let record = try await deps.cases.verifyEmployee(id, code: input.code, how: input.how, by: context.caller, at: deps.now)
        return try JSONResponse.make(CaseResponse(record: record, now: deps.now, showStaffDetails: true))
    }
}

/// `POST …/parties/employee/verification`.
enum VerificationRequest {
    static func parse(_ body: [String: JSONValue]) throws -> (code: String, how: VerificationChannel) {
        let r = FieldReader(body)
        let given = try r.text("code", length: 1...20)
        let code = given.flatMap(PartyCheckCode.normalized)
        if given != nil && code == nil {
            r.fail("code", "Een controlecode heeft zes tekens, zoals K7M-4QP.")
        }
        let how = try r.choice("how", VerificationChannel.self)
        try r.finish()
        return (code!, how!)
    }
}

/// `GET /api/v1/cases/{id}/parties`.
struct PartyContactsJSON: Encodable {
    let contacts: CaseContacts

    init(_ contacts: CaseContacts) { self.contacts = contacts }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(contacts.parties.map(PartyJSON.init), forKey: APIKey("items"))
        let filerEmail = contacts.parties.first(where: \.isFiler)?.email
        try c.encode(
            OtherPartyJSON(
                email: contacts.otherPartyEmail, address: contacts.otherPartyAddress,
                sameDomainAsFiler: ContactRules.sharesDomain(otherEmail: contacts.otherPartyEmail, filerEmail: filerEmail)),
            forKey: APIKey("other_party"))
    }

    struct PartyJSON: Encodable {
        let party: CaseContacts.Party

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: APIKey.self)
            try c.encode(party.role.rawValue, forKey: APIKey("role"))
            try c.encode(party.isFiler, forKey: APIKey("filer"))
            try c.encode(party.name, forKey: APIKey("name"))
            try c.encode(party.email, forKey: APIKey("email"))
            try c.encode(party.address, forKey: APIKey("address"))
            try c.encode(party.invitedAt.map(Timestamp.format), forKey: APIKey("invited_at"))
            try c.encode(party.verifiedAt.map(Timestamp.format), forKey: APIKey("verified_at"))
            try c.encode(party.firstUsedAt.map(Timestamp.format), forKey: APIKey("link_first_used_at"))
        }
    }

    struct OtherPartyJSON: Encodable {
        let email: String?
        let address: PostalAddress?
        let sameDomainAsFiler: Bool

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: APIKey.self)
            try c.encode(email, forKey: APIKey("email"))
            try c.encode(address, forKey: APIKey("address"))
            try c.encode(sameDomainAsFiler, forKey: APIKey("same_domain_as_filer"))
        }
    }
}
