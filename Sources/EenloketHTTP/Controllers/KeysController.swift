import EenloketDomain
import EenloketStore
import Foundation
import Hummingbird

/// The public keys rulings are signed with, so anyone can check a ruling's signature.
struct KeysController {
    let deps: AppDependencies

    /// `GET /api/v1/keys` (no authentication).
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let keys = try await deps.database.rows("SELECT key_id, algorithm, public_key, created_at FROM signing_keys ORDER BY created_at, key_id")
        let items = try keys.map { row -> KeyJSON in
            let (id, algorithm, key, created) = try row.decode((String, String, String, Date).self)
            return KeyJSON(key_id: id, algorithm: algorithm, public_key: key, created_at: Timestamp.format(created))
        }
        return try JSONResponse.make(
            KeysJSON(
                keys: items, current_key_id: deps.sealer.keyId,
                signed_message: "the ruling's chain_digest (UTF-8); chain_digest = SHA-256 hex of the previous ruling's chain_digest (64 zeros for the first) followed by the ruling's digest"))
    }
}

struct KeyJSON: Encodable {
    let key_id: String
    let algorithm: String
    let public_key: String
    let created_at: String
}

struct KeysJSON: Encodable {
    let keys: [KeyJSON]
    let current_key_id: String
    let signed_message: String
}
