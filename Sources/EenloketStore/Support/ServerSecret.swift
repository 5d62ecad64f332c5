import Crypto
import Foundation
import Logging

/// The deployment's server secret (`EENLOKET_IDEMPOTENCY_KEY`): 32 random
/// bytes, the same for every instance. Every use derives its own key by
/// label, so one use can never stand in for another: stored filing answers,
/// the check codes of party links, sealed authenticator secrets and recovery
/// codes. A copy of the database without this secret opens none of them.
public struct ServerSecret: Sendable {
    private let key: SymmetricKey

    public init(_ bytes: Data) {
        key = SymmetricKey(data: bytes)
    }

    /// HMAC-SHA256 of `label` followed by `message`.
    public func mac(_ label: String, _ message: String) -> Data {
        mac(label, Data(message.utf8))
    }

    public func mac(_ label: String, _ message: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(label.utf8) + message, using: key))
    }

    /// AES-GCM under the key derived for `label` (and `context`, when the sealed value belongs to one thing).
    public func seal(_ plain: [UInt8], label: String, context: String = "") throws -> Data {
        guard let combined = try AES.GCM.seal(plain, using: sealKey(label, context)).combined else {
            throw CryptoKitError.incorrectParameterSize
        }
        return combined
    }

    public func open(_ sealed: Data, label: String, context: String = "") throws -> [UInt8] {
        Array(try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: sealKey(label, context)))
    }

    private func sealKey(_ label: String, _ context: String) -> SymmetricKey {
        SymmetricKey(data: mac(label, context))
    }

    /// From `EENLOKET_IDEMPOTENCY_KEY`, `EENLOKET_IDEMPOTENCY_KEY_FILE` or
    /// `defaultFile` (created on first use).
    public static func load(base64: String?, file: String?, defaultFile: String, logger: Logger) throws -> ServerSecret {
        ServerSecret(
            try ConfiguredSecret.load(
                base64: base64, file: file, defaultFile: defaultFile, variable: "EENLOKET_IDEMPOTENCY_KEY", logger: logger))
    }
}
