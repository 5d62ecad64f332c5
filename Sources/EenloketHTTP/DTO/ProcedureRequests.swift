import EenloketDomain
import Foundation

/// `{"agree": true, "name": "…"}`: at filing (`binding_agreement`) and in
/// `POST /api/v1/cases/{id}/binding-agreement`.
enum BindingAgreementRequest {
    /// The name agreed with; `agree` must be `true`.
    static func read(_ r: FieldReader) throws -> String? {
        let agree = try r.bool("agree")
        if agree == false {
            r.fail("agree", "Zet een vinkje als u akkoord gaat. Wilt u niet akkoord gaan, dan hoeft u niets te doen.")
        }
        return try r.text("name", length: 2...200)
    }

    static func parse(_ body: [String: JSONValue]) throws -> String {
        let r = FieldReader(body)
        let name = try read(r)
        try r.finish()
        return name!
    }
}
