import Crypto
import EenloketDomain
import Foundation
import PostgresNIO

/// The second step of a staff login: challenges, enrolled authenticators and
/// recovery codes. Verifying a TOTP code is the caller's (`totpStep`), so this
/// store needs no OTP library; it keeps each step from being used twice.
///
/// Authenticator secrets are stored sealed with the server secret and recovery
/// codes as keyed digests: a copy of the database alone gives no codes.
public struct TwoStepLoginStore: Sendable {
    let db: Database
    let secret: ServerSecret

    public init(db: Database, secret: ServerSecret) {
        self.db = db
        self.secret = secret
    }

    private static let secretLabel = "eenloket-otp-secret:"
    private static let recoveryLabel = "eenloket-recovery:"

    private func seal(_ otpSecret: String, of staffId: UUID) throws -> Data {
        try secret.seal(Array(otpSecret.utf8), label: Self.secretLabel, context: staffId.lowercased)
    }

    private func open(_ sealed: Data?, of staffId: UUID) -> String? {
        guard let sealed, let plain = try? secret.open(sealed, label: Self.secretLabel, context: staffId.lowercased) else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }

    func hash(_ recoveryCode: String) -> Data {
        secret.mac(Self.recoveryLabel, recoveryCode)
    }

    /// The account a live challenge belongs to (its e-mail address for the
    /// login throttle, and the known device it came from), or nil.
    public func owner(of challenge: String, at now: Date) async throws -> (staffId: UUID, email: String, device: Data?)? {
        guard AccessToken.kind(of: challenge) == .challenge else { return nil }
        let rows = try await db.rows(
            """
            SELECT s.id, s.email, c.device_hash FROM login_challenges c JOIN staff s ON s.id = c.staff_id
             WHERE c.challenge_hash = \(AccessToken.hash(challenge)) AND c.used_at IS NULL AND c.expires_at > \(now)
               AND c.failures < \(TwoStepLogin.maxFailures)
            """)
        guard let row = rows.first else { return nil }
        let (id, email, device) = try row.decode((UUID, String, Data?).self)
        return (id, email, device)
    }

    /// What the first step found about an account's authenticator.
    public enum Enrolment: Sendable {
        case enrolled
        /// Not enrolled yet: a new secret to show (kept with the challenge until its first code).
        case pending(secret: String)
    }

    /// A challenge for an account whose password was right; returns its token.
    public func openChallenge(staffId: UUID, device: Data?, at now: Date) async throws -> (token: String, enrolment: Enrolment, expiresAt: Date) {
        let enrolled = try await db.rows("SELECT 1 FROM staff_otp WHERE staff_id = \(staffId)")
        let newSecret = enrolled.isEmpty ? Self.newSecret() : nil
        let token = AccessToken.generate(.challenge)
        let expiresAt = now.addingTimeInterval(TwoStepLogin.challengeLifetime)
        let sealed = try newSecret.map { try seal($0, of: staffId) }
        try await db.query(
            """
            INSERT INTO login_challenges (challenge_hash, staff_id, pending_secret_sealed, device_hash, created_at, expires_at)
            VALUES (\(AccessToken.hash(token)), \(staffId), \(sealed), \(device), \(now), \(expiresAt))
            """)
        return (token, newSecret.map { .pending(secret: $0) } ?? .enrolled, expiresAt)
    }

    /// The outcome of a code for a challenge.
    public enum Answer: Sendable {
        /// Logged in. `recoveryCodes` only when this code finished an enrolment (shown once).
        case accepted(staffId: UUID, device: Data?, recoveryCodes: [String]?)
        /// A wrong code; `ended` when the challenge can no longer be answered
        /// (five wrong codes, five minutes, used, or unknown): log in again.
        case rejected(ended: Bool)
    }

    /// The account holder is told when a challenge ends after five wrong codes:
    /// someone who knows their password tried to guess the code.
    public struct HolderNotice: Sendable {
        public let serviceURL: String

        public init(serviceURL: String) {
            self.serviceURL = serviceURL
        }
    }

    /// Checks a code (or a recovery code) against a challenge, in one transaction
    /// under the challenge's row lock: a challenge is used once, and ends after
    /// five wrong codes or five minutes. `totpStep(secret)` is the time step
    /// whose TOTP code equals the one given, if any.
    public func answer(
        challenge: String, code: String, notice: HolderNotice, at now: Date, totpStep: @Sendable (String) -> Int64?
    ) async throws -> Answer {
        guard AccessToken.kind(of: challenge) == .challenge else { return .rejected(ended: true) }
        return try await db.transaction { conn -> Answer in
            let rows = try await conn.rows(
                """
                SELECT c.staff_id, c.pending_secret_sealed, c.device_hash, o.secret_sealed, o.last_step, s.email, s.name
                  FROM login_challenges c JOIN staff s ON s.id = c.staff_id AND s.active
                  LEFT JOIN staff_otp o ON o.staff_id = c.staff_id
                 WHERE c.challenge_hash = \(AccessToken.hash(challenge)) AND c.used_at IS NULL AND c.expires_at > \(now)
                   AND c.failures < \(TwoStepLogin.maxFailures)
                   FOR UPDATE OF c
                """, logger: db.logger)
            guard let row = rows.first else { return .rejected(ended: true) }
            let (staffId, pendingSealed, device, enrolledSealed, lastStep, email, name) =
                try row.decode((UUID, Data?, Data?, Data?, Int64?, String, String).self)
            var accepted = false
            var recoveryCodes: [String]?
            if let pending = open(pendingSealed, of: staffId) {
                // Enrolment: the app proves it has the new secret.
                if let step = totpStep(pending) {
                    recoveryCodes = try await enrol(staffId, secret: pending, step: step, at: now, conn: conn)
                    accepted = recoveryCodes != nil
                }
            } else if let enrolledSecret = open(enrolledSealed, of: staffId), let lastStep {
                if let step = totpStep(enrolledSecret), step > lastStep {
                    // Conditional: of two logins answering with the same code at once, one wins.
                    let moved = try await conn.rows(
                        """
                        UPDATE staff_otp SET last_step = \(step) WHERE staff_id = \(staffId) AND last_step < \(step) RETURNING 1
                        """, logger: db.logger)
                    accepted = !moved.isEmpty
                } else if let recovery = TwoStepLogin.normalizedRecoveryCode(code) {
                    let used = try await conn.rows(
                        """
                        UPDATE staff_recovery_codes SET used_at = \(now)
                         WHERE staff_id = \(staffId) AND code_hash = \(hash(recovery)) AND used_at IS NULL RETURNING 1
                        """, logger: db.logger)
                    accepted = !used.isEmpty
                }
            }
            if accepted {
                try await conn.run(
                    "UPDATE login_challenges SET used_at = \(now) WHERE challenge_hash = \(AccessToken.hash(challenge))", logger: db.logger)
                return .accepted(staffId: staffId, device: device, recoveryCodes: recoveryCodes)
            }
            let failures = try await conn.rows(
                "UPDATE login_challenges SET failures = failures + 1 WHERE challenge_hash = \(AccessToken.hash(challenge)) RETURNING failures",
                logger: db.logger)
            let ended = try failures.first?.decode(Int.self) ?? TwoStepLogin.maxFailures >= TwoStepLogin.maxFailures
            if ended {
                try await StaffRepository.tell(
                    staffId, at: email, name: name, kind: .codeGuessed,
                    StaffMessages.render(.codeGuessed, name: name, serviceURL: notice.serviceURL), at: now, conn: conn, db: db)
            }
            return .rejected(ended: ended)
        }
    }

    /// Stores a proven secret and makes the recovery codes (returned once,
    /// stored as keyed digests). Nil when an app was linked meanwhile (through
    /// another challenge): a late enrolment never replaces a linked app.
    private func enrol(_ staffId: UUID, secret otpSecret: String, step: Int64, at now: Date, conn: PostgresConnection) async throws
        -> [String]?
    {
        let inserted = try await conn.rows(
            """
            INSERT INTO staff_otp (staff_id, secret_sealed, enrolled_at, last_step)
            VALUES (\(staffId), \(try seal(otpSecret, of: staffId)), \(now), \(step))
            ON CONFLICT (staff_id) DO NOTHING RETURNING 1
            """, logger: db.logger)
        guard !inserted.isEmpty else { return nil }
        try await conn.run("DELETE FROM staff_recovery_codes WHERE staff_id = \(staffId)", logger: db.logger)
        let codes = (0..<TwoStepLogin.recoveryCodeCount).map { _ in Self.newRecoveryCode() }
        try await conn.run(
            """
            INSERT INTO staff_recovery_codes (staff_id, code_hash)
            SELECT \(staffId), decode(h, 'hex') FROM unnest(\(codes.map { hash($0).map { String(format: "%02x", $0) }.joined() })::text[]) AS h
            """, logger: db.logger)
        try await StaffRepository.record(.updated, fields: ["otp"], of: staffId, by: staffId, at: now, conn: conn, db: db)
        return codes
    }

    /// Removes an account's authenticator and recovery codes (an admin, for a
    /// holder who lost their phone): its sessions end, the holder is told, and
    /// the next login enrols again.
    public func reset(_ staffId: UUID, by admin: UUID, serviceURL: String, at now: Date) async throws {
        try await db.transaction { conn in
            let rows = try await conn.rows("SELECT email, name FROM staff WHERE id = \(staffId) FOR UPDATE", logger: db.logger)
            guard let row = rows.first else { throw AppError.notFound }
            let (email, name) = try row.decode((String, String).self)
            try await conn.run("DELETE FROM staff_otp WHERE staff_id = \(staffId)", logger: db.logger)
            try await conn.run("DELETE FROM staff_recovery_codes WHERE staff_id = \(staffId)", logger: db.logger)
            try await conn.run(
                "UPDATE staff_sessions SET revoked_at = \(now) WHERE staff_id = \(staffId) AND revoked_at IS NULL", logger: db.logger)
            try await conn.run(
                "UPDATE login_challenges SET used_at = \(now) WHERE staff_id = \(staffId) AND used_at IS NULL", logger: db.logger)
            try await StaffRepository.record(.otpReset, fields: ["otp"], of: staffId, by: admin, at: now, conn: conn, db: db)
            try await StaffRepository.tell(
                staffId, at: email, name: name, kind: .otpReset, StaffMessages.render(.otpReset, name: name, serviceURL: serviceURL),
                at: now, conn: conn, db: db)
        }
    }

    /// An account's enrolled secret, opened. Not public: only the tests use it,
    /// standing in for the holder's app.
    func enrolledSecret(of staffId: UUID) async throws -> String? {
        let rows = try await db.rows("SELECT secret_sealed FROM staff_otp WHERE staff_id = \(staffId)")
        return open(try rows.first?.decode(Data.self), of: staffId)
    }

    /// Whether an account has an enrolled authenticator.
    public func isEnrolled(_ staffId: UUID) async throws -> Bool {
        !(try await db.rows("SELECT 1 FROM staff_otp WHERE staff_id = \(staffId)")).isEmpty
    }

    /// Deletes challenges that ended before `cutoff`.
    public func purgeExpired(before cutoff: Date) async throws {
        try await db.query("DELETE FROM login_challenges WHERE expires_at < \(cutoff)")
    }

    /// 32 random letters and digits: their UTF-8 bytes are the TOTP key (about 190 bits).
    static func newSecret() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    static func newRecoveryCode() -> String {
        let alphabet = Array(TwoStepLogin.recoveryAlphabet)
        var generator = SystemRandomNumberGenerator()
        let plain = String((0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        return TwoStepLogin.normalizedRecoveryCode(plain)!
    }
}
