import Crypto
import Foundation

/// Keeps a filing's response for replay without keeping it readable.
///
/// The response holds the filer's access token and possibly medical text, so
/// it is sealed (AES-GCM) with a key derived from the Idempotency-Key, which
/// only the client holds; the key itself is stored as a hash.
public enum IdempotencySeal {
    /// What the idempotency row is stored under.
    public static func keyHash(_ key: String) -> Data {
        Data(SHA256.hash(data: Data(("eenloket-idempotency-id:" + key).utf8)))
    }

    /// A digest of the request body's canonical JSON.
    public static func requestHash(_ canonicalBody: String) -> Data {
        Data(SHA256.hash(data: Data(canonicalBody.utf8)))
    }

    public static func seal(_ response: [UInt8], key: String) throws -> Data {
        let box = try AES.GCM.seal(response, using: symmetricKey(key))
        guard let combined = box.combined else { throw CryptoKitError.incorrectParameterSize }
        return combined
    }

    public static func open(_ sealed: Data, key: String) throws -> [UInt8] {
        Array(try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: symmetricKey(key)))
    }

    private static func symmetricKey(_ key: String) -> SymmetricKey {
        SymmetricKey(data: SHA256.hash(data: Data(("eenloket-idempotency-seal:" + key).utf8)))
    }
}
