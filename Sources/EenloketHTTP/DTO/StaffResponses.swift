import EenloketDomain
import EenloketStore
import Foundation

/// A staff account as returned by the API (never the password or its hash).
struct StaffJSON: Encodable {
    let record: StaffRecord

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(record.id.lowercased, forKey: APIKey("id"))
        try c.encode(record.email, forKey: APIKey("email"))
        try c.encode(record.name, forKey: APIKey("name"))
        try c.encode(record.role.rawValue, forKey: APIKey("role"))
        try c.encode(record.active, forKey: APIKey("active"))
        try c.encode(record.awaitingActivation, forKey: APIKey("awaiting_activation"))
        if let panel = record.panel {
            try c.encode(PanelJSON(panel), forKey: APIKey("panel"))
        } else {
            try c.encodeNil(forKey: APIKey("panel"))
        }
        try c.encode(Timestamp.format(record.createdAt), forKey: APIKey("created_at"))
        try c.encode(Timestamp.format(record.updatedAt), forKey: APIKey("updated_at"))
    }
}

struct PanelJSON: Encodable {
    let panel: PanelProfile

    init(_ panel: PanelProfile) { self.panel = panel }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(panel.discipline.rawValue, forKey: APIKey("discipline"))
        try c.encode(panel.bigNumber, forKey: APIKey("big_number"))
        try c.encode(panel.registeredSince?.description, forKey: APIKey("registered_since"))
        try c.encode(panel.affiliations, forKey: APIKey("affiliations"))
        try c.encode(panel.maxOpenCases, forKey: APIKey("max_open_cases"))
        try c.encode(panel.openCases, forKey: APIKey("open_cases"))
    }
}

struct SessionJSON: Encodable {
    let login: SessionController.LoginResult

    init(_ login: SessionController.LoginResult) { self.login = login }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(login.token, forKey: APIKey("token"))
        try c.encode(Timestamp.format(login.expiresAt), forKey: APIKey("expires_at"))
        try c.encode(login.role.rawValue, forKey: APIKey("role"))
        try c.encode(login.staffId.lowercased, forKey: APIKey("staff_id"))
        try c.encodeIfPresent(login.recoveryCodes, forKey: APIKey("recovery_codes"))
    }
}

/// The first step's answer for staff who log in with a code.
struct ChallengeJSON: Encodable {
    let challenge: SessionController.Challenge

    init(_ challenge: SessionController.Challenge) { self.challenge = challenge }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(challenge.enrolment == nil ? "required" : "enrol", forKey: APIKey("otp"))
        try c.encode(challenge.token, forKey: APIKey("challenge"))
        if let enrolment = challenge.enrolment {
            try c.encode(enrolment.secret, forKey: APIKey("secret"))
            try c.encode(enrolment.uri, forKey: APIKey("otpauth_uri"))
        }
        try c.encode(Timestamp.format(challenge.expiresAt), forKey: APIKey("expires_at"))
    }
}

/// One event of `GET /api/v1/staff/{id}/events`.
struct StaffEventJSON: Encodable {
    let record: StaffEventRecord

    init(_ record: StaffEventRecord) { self.record = record }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(Timestamp.format(record.at), forKey: APIKey("at"))
        try c.encode(record.actorId?.lowercased, forKey: APIKey("actor_id"))
        try c.encode(record.change.rawValue, forKey: APIKey("change"))
        try c.encode(record.fields, forKey: APIKey("fields"))
    }
}
