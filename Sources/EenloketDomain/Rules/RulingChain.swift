import Crypto
import Foundation

/// Rulings form one hash chain, so removing or altering any past ruling is
/// detectable: each link is the SHA-256 of the previous link followed by the
/// ruling's contract digest, and each link is signed (Ed25519).
public enum RulingChain {
    /// The link before the first ruling.
    public static let genesis = String(repeating: "0", count: 64)

    /// The chain digest of a ruling, given the previous link.
    public static func link(previous: String?, digest: String) -> String {
        RulingDigest.sha256Hex((previous ?? genesis) + digest)
    }

    /// The key id of a public key: the first 16 hex digits of its SHA-256.
    public static func keyId(publicKey: Data) -> String {
        String(SHA256.hash(data: publicKey).map { String(format: "%02x", $0) }.joined().prefix(16))
    }

    /// Signs a chain digest.
    public static func sign(_ chainDigest: String, with key: Curve25519.Signing.PrivateKey) throws -> String {
        try key.signature(for: Data(chainDigest.utf8)).base64EncodedString()
    }

    /// Whether a signature over a chain digest is valid for a public key.
    public static func verify(_ chainDigest: String, signature: String, publicKey: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey),
            let signature = Data(base64Encoded: signature)
        else { return false }
        return key.isValidSignature(signature, for: Data(chainDigest.utf8))
    }
}
