import Crypto
import Foundation

/// The digest that lets anyone holding a ruling detect a change to it: the
/// lowercase hex SHA-256 of the RFC 8785 canonical JSON of its binding content.
public enum RulingDigest {
    public static func compute(
        caseId: UUID, outcome: RulingOutcome, decision: String, motivation: String,
        medicalConsiderations: String?, decidedAt: String, panel: [UUID]
    ) -> String {
        let value = JSONValue.object([
            "case_id": .string(caseId.lowercased),
            "outcome": .string(outcome.rawValue),
            "decision": .string(decision),
            "motivation": .string(motivation),
            "medical_considerations": medicalConsiderations.map(JSONValue.string) ?? .null,
            "decided_at": .string(decidedAt),
            "panel": .array(panel.map { .string($0.lowercased) }),
        ])
        return sha256Hex(CanonicalJSON.serialize(value))
    }

    /// Lowercase hex SHA-256 of a string's UTF-8 bytes.
    public static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

extension UUID {
    /// The UUID as the API writes it: lowercase.
    public var lowercased: String { uuidString.lowercased() }
}
