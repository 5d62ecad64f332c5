import Crypto
import EenloketDomain
import Foundation
import Logging
import PostgresNIO

/// The key rulings are signed with, and how a ruling is sealed into the chain.
public struct RulingSealer: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey
    public var publicKey: Data { privateKey.publicKey.rawRepresentation }
    public var keyId: String { RulingChain.keyId(publicKey: publicKey) }

    /// Advisory lock key of the ruling chain: rulings are linked one at a time.
    static let chainLock: Int64 = 0x636861_696E

    public init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// The key from `EENLOKET_SIGNING_KEY` (base64 of the 32-byte raw key), from
    /// `EENLOKET_SIGNING_KEY_FILE`, or else from `defaultFile`, created on first use
    /// (readable by its owner only), so instances sharing a folder share the key.
    public static func load(base64: String?, file: String?, defaultFile: String, logger: Logger) throws -> RulingSealer {
        let raw = try ConfiguredSecret.load(
            base64: base64, file: file, defaultFile: defaultFile, variable: "EENLOKET_SIGNING_KEY", logger: logger,
            check: { (try? Curve25519.Signing.PrivateKey(rawRepresentation: $0)) != nil })
        return RulingSealer(privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: raw))
    }

    /// Publishes this key's public half (idempotent).
    public func register(on db: Database, at now: Date) async throws {
        try await db.query(
            """
            INSERT INTO signing_keys (key_id, public_key, algorithm, created_at)
            VALUES (\(keyId), \(publicKey.base64EncodedString()), 'Ed25519', \(now))
            ON CONFLICT (key_id) DO NOTHING
            """)
    }

    /// The next link of the chain for a new ruling, under the chain's lock.
    func seal(digest: String, conn: PostgresConnection, db: Database) async throws -> (seq: Int64, previous: String?, chain: String, signature: String) {
        try await conn.run("SELECT pg_advisory_xact_lock(\(Self.chainLock))", logger: db.logger)
        let rows = try await conn.rows(
            "SELECT chain_seq, chain_digest FROM rulings WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1", logger: db.logger)
        let last = try rows.first.map { try $0.decode((Int64, String).self) }
        let chain = RulingChain.link(previous: last?.1, digest: digest)
        return ((last?.0 ?? 0) + 1, last?.1, chain, try RulingChain.sign(chain, with: privateKey))
    }
}
