import Crypto
import Foundation
import Logging

/// Keeps a filing's response for replay without keeping it readable.
///
/// The response holds the filer's access token, so it is sealed (AES-GCM).
/// Its key, and the hashes the row is found by, are derived from the client's
/// Idempotency-Key with HMAC-SHA256 under a server secret: a copy of the table
/// alone, without the secret, opens nothing, however short the key
/// (security finding M3). Medical text is not in the stored response at all:
/// a replay reads it from its own table, behind the medical rule.
public struct IdempotencySeal: Sendable {
    private let secret: ServerSecret

    public init(_ secret: ServerSecret) {
        self.secret = secret
    }

    /// `secret`: 32 random bytes, the same for every instance of a deployment.
    public init(secret: Data) {
        self.init(ServerSecret(secret))
    }

    /// What the idempotency row is stored under.
    public func keyHash(_ key: String) -> Data {
        secret.mac("eenloket-idempotency-id:", key)
    }

    /// A digest of the request body's canonical JSON.
    public func requestHash(_ canonicalBody: String) -> Data {
        secret.mac("eenloket-idempotency-request:", canonicalBody)
    }

    public func seal(_ response: [UInt8], key: String) throws -> Data {
        try secret.seal(response, label: "eenloket-idempotency-seal:", context: key)
    }

    public func open(_ sealed: Data, key: String) throws -> [UInt8] {
        try secret.open(sealed, label: "eenloket-idempotency-seal:", context: key)
    }
}
