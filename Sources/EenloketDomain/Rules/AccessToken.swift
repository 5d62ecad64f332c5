import Crypto
import Foundation

/// Bearer tokens: 256 random bits, shown to their holder once and stored only
/// as a SHA-256 hash.
///
/// The prefix says which kind of token it is, so the service looks in one
/// table only and a leaked token is recognisable in a secret scanner.
public enum AccessToken {
    public enum Kind: String, Sendable {
        /// A staff session.
        case staff = "els_"
        /// A party's access to one case.
        case party = "elc_"
        /// A device a staff member logged in on before (it only eases login throttling; it grants no access).
        case device = "eld_"
        /// A party's page session, exchanged for its link (a cookie of the pages, never a bearer token).
        case partySession = "elp_"
        /// The step between a staff member's password and their code (never a bearer token).
        case challenge = "elo_"
    }

    /// A new random token of a kind.
    public static func generate(_ kind: Kind) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = generator.next() }
        return kind.rawValue + base64URL(bytes)
    }

    /// The kind of a presented token, or nil when it cannot be one of ours.
    public static func kind(of token: String) -> Kind? {
        guard token.utf8.count == 47 else { return nil }
        if token.hasPrefix(Kind.staff.rawValue) { return .staff }
        if token.hasPrefix(Kind.party.rawValue) { return .party }
        if token.hasPrefix(Kind.device.rawValue) { return .device }
        if token.hasPrefix(Kind.partySession.rawValue) { return .partySession }
        if token.hasPrefix(Kind.challenge.rawValue) { return .challenge }
        return nil
    }

    /// The SHA-256 hash under which a token is stored.
    public static func hash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
