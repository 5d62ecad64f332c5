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
    private let secret: SymmetricKey

    /// `secret`: 32 random bytes, the same for every instance of a deployment.
    public init(secret: Data) {
        self.secret = SymmetricKey(data: secret)
    }

    /// What the idempotency row is stored under.
    public func keyHash(_ key: String) -> Data {
        derive("eenloket-idempotency-id:" + key)
    }

    /// A digest of the request body's canonical JSON.
    public func requestHash(_ canonicalBody: String) -> Data {
        derive("eenloket-idempotency-request:" + canonicalBody)
    }

    public func seal(_ response: [UInt8], key: String) throws -> Data {
        let box = try AES.GCM.seal(response, using: SymmetricKey(data: derive("eenloket-idempotency-seal:" + key)))
        guard let combined = box.combined else { throw CryptoKitError.incorrectParameterSize }
        return combined
    }

    public func open(_ sealed: Data, key: String) throws -> [UInt8] {
        Array(try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: SymmetricKey(data: derive("eenloket-idempotency-seal:" + key))))
    }

    private func derive(_ text: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: secret))
    }

    /// The secret from `EENLOKET_IDEMPOTENCY_KEY`, `EENLOKET_IDEMPOTENCY_KEY_FILE`
    /// or `defaultFile` (created on first use).
    public static func load(base64: String?, file: String?, defaultFile: String, logger: Logger) throws -> IdempotencySeal {
        IdempotencySeal(
            secret: try ConfiguredSecret.load(
                base64: base64, file: file, defaultFile: defaultFile, variable: "EENLOKET_IDEMPOTENCY_KEY", logger: logger))
    }
}
