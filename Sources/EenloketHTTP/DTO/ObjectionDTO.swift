import EenloketDomain
import EenloketStore
import Foundation

/// `POST /api/v1/cases/{id}/objections`: `{"staff_id", "reason"}`.
enum ObjectionRequest {
    static func parse(_ body: [String: JSONValue]) throws -> (UUID, String) {
        let r = FieldReader(body)
        let text = try r.text("staff_id", length: 1...100)
        let staffId = text.flatMap(UUID.init(uuidString:))
        if text != nil && staffId == nil { r.fail("staff_id", "Geef het id (UUID) van een lid van het panel.") }
        let reason = try r.text("reason", length: 20...5000)
        try r.finish()
        return (staffId!, reason!)
    }
}

/// `POST /api/v1/objections/{id}/decision`: `{"upheld", "motivation"}`.
enum ObjectionDecisionRequest {
    static func parse(_ body: [String: JSONValue]) throws -> (Bool, String) {
        let r = FieldReader(body)
        let upheld = try r.bool("upheld")
        let motivation = try r.text("motivation", length: 20...5000)
        try r.finish()
        return (upheld!, motivation!)
    }
}

/// `POST /api/v1/cases/{id}/panel/step-aside`: `{"reason"}`.
enum StepAsideRequest {
    static func parse(_ body: [String: JSONValue]) throws -> String {
        let r = FieldReader(body)
        let reason = try r.text("reason", length: 20...5000)
        try r.finish()
        return reason!
    }
}

/// An objection; in the coordinators' list also its case.
struct ObjectionJSON: Encodable {
    let objection: ObjectionRecord
    /// The list and the decision name the case; inside a case it is implied.
    let listed: Bool

    init(_ objection: ObjectionRecord, listed: Bool) {
        self.objection = objection
        self.listed = listed
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        let o = objection
        try c.encode(o.id.lowercased, forKey: APIKey("id"))
        if listed {
            try c.encode(o.caseId.lowercased, forKey: APIKey("case_id"))
            try c.encode(o.reference, forKey: APIKey("reference"))
        }
        try c.encode(o.staffId.lowercased, forKey: APIKey("staff_id"))
        try c.encode(o.staffName, forKey: APIKey("staff_name"))
        try c.encode(o.party.rawValue, forKey: APIKey("party"))
        try c.encode(o.reason, forKey: APIKey("reason"))
        try c.encode(Timestamp.format(o.lodgedAt), forKey: APIKey("lodged_at"))
        if let d = o.decision {
            try c.encode(DecisionJSON(upheld: d.upheld, motivation: d.motivation, decided_at: Timestamp.format(d.decidedAt)), forKey: APIKey("decision"))
        } else {
            try c.encodeNil(forKey: APIKey("decision"))
        }
    }

    struct DecisionJSON: Encodable {
        let upheld: Bool
        let motivation: String
        let decided_at: String
    }
}
