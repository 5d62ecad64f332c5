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
    let token: String
    let expires_at: String
    let role: String
    let staff_id: String
}
