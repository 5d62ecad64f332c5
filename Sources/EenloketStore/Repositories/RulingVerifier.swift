import EenloketDomain
import Foundation
import PostgresNIO

/// Checks the whole chain of rulings against the database: every ruling's
/// contract digest recomputed from its stored fields, every link of the chain,
/// and every signature. Reports the first break.
public struct RulingVerifier: Sendable {
    let db: Database

    public init(db: Database) {
        self.db = db
    }

    public struct Report: Sendable, Equatable {
        /// Rulings checked.
        public let checked: Int
        /// Rulings whose digest could not be recomputed because their medical text was purged.
        public let purged: Int
        /// The first break, or nil when the chain is intact.
        public let firstBreak: String?

        public init(checked: Int, purged: Int, firstBreak: String?) {
            self.checked = checked
            self.purged = purged
            self.firstBreak = firstBreak
        }
    }

    /// Verifies with the public keys in the database, or only with `trustedKeys` (base64) when given.
    public func verify(trustedKeys: [String]? = nil) async throws -> Report {
        try await db.transaction { conn in
            // The verifier reads medical considerations to recompute digests.
            try await conn.run("SELECT set_config('eenloket.medical_read', 'on', true)", logger: db.logger)
            var keys: [String: Data] = [:]
            for row in try await conn.rows("SELECT key_id, public_key FROM signing_keys", logger: db.logger) {
                let (id, key) = try row.decode((String, String).self)
                if let data = Data(base64Encoded: key) { keys[id] = data }
            }
            if let trustedKeys {
                let trusted = Set(trustedKeys.compactMap { Data(base64Encoded: $0) })
                keys = keys.filter { trusted.contains($0.value) }
                for key in trusted { keys[RulingChain.keyId(publicKey: key)] = key }
            }
            let rows = try await conn.rows(
                """
                SELECT r.case_id, r.outcome, r.decision, r.motivation, r.decided_at, r.panel, r.digest,
                       r.chain_seq, r.previous_chain_digest, r.chain_digest, r.signature, r.key_id,
                       m.medical_considerations, c.medical_purged_at IS NOT NULL
                  FROM rulings r
                  JOIN cases c ON c.id = r.case_id
                  LEFT JOIN ruling_medical m ON m.case_id = r.case_id
                 ORDER BY r.chain_seq NULLS FIRST, r.decided_at
                """, logger: db.logger)
            var previous: String?
            var expectedSeq: Int64 = 1
            var checked = 0
            var purged = 0
            for row in rows {
                let (caseId, outcome, decision, motivation, decidedAt, panel, digest, seq, previousDigest, chain, signature, keyId, medical, isPurged) =
                    try row.decode(
                        (UUID, RulingOutcome, String, String, Date, [UUID], String, Int64?, String?, String?, String?, String?, String?, Bool).self)
                let name = "ruling of case \(caseId.lowercased)"
                guard let seq, let chain, let signature, let keyId else {
                    return Report(checked: checked, purged: purged, firstBreak: "\(name) has no seal")
                }
                if seq != expectedSeq {
                    return Report(checked: checked, purged: purged, firstBreak: "chain position \(expectedSeq) is missing (next is \(seq), at \(name))")
                }
                if previousDigest != previous {
                    return Report(checked: checked, purged: purged, firstBreak: "\(name) does not link to the ruling before it")
                }
                if isPurged && medical == nil {
                    purged += 1
                } else {
                    let recomputed = RulingDigest.compute(
                        caseId: caseId, outcome: outcome, decision: decision, motivation: motivation, medicalConsiderations: medical,
                        decidedAt: Timestamp.format(decidedAt), panel: panel)
                    if recomputed != digest {
                        return Report(checked: checked, purged: purged, firstBreak: "\(name) was altered: its content no longer matches its digest")
                    }
                }
                if RulingChain.link(previous: previous, digest: digest) != chain {
                    return Report(checked: checked, purged: purged, firstBreak: "\(name) has a wrong chain digest")
                }
                guard let key = keys[keyId], RulingChain.verify(chain, signature: signature, publicKey: key) else {
                    return Report(checked: checked, purged: purged, firstBreak: "\(name) has no valid signature (key \(keyId))")
                }
                previous = chain
                expectedSeq += 1
                checked += 1
            }
            return Report(checked: checked, purged: purged, firstBreak: nil)
        }
    }
}
