import EenloketDomain
import Foundation
import PostgresNIO

/// Staff sessions, party tokens and login throttling.
public struct SessionRepository: Sendable {
    let db: Database

    public init(db: Database) {
        self.db = db
    }

    /// Stores a new staff session under the hash of its token.
    public func createSession(staffId: UUID, tokenHash: Data, at now: Date, expiresAt: Date) async throws {
        try await db.query(
            """
            INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at)
            VALUES (\(tokenHash), \(staffId), \(now), \(expiresAt))
            """)
    }

    /// Ends a session; its token stops working at once.
    public func revoke(tokenHash: Data, at now: Date) async throws {
        try await db.query(
            "UPDATE staff_sessions SET revoked_at = \(now) WHERE token_hash = \(tokenHash) AND revoked_at IS NULL")
    }

    /// The caller behind a bearer token, or nil when it is unknown, expired,
    /// revoked or its account inactive. One prepared query on the token's hash.
    public func resolve(token: String, at now: Date) async throws -> Caller? {
        guard let kind = AccessToken.kind(of: token) else { return nil }
        let hash = AccessToken.hash(token)
        do {
            switch kind {
            case .staff:
                for try await principal in try await db.client.execute(ResolveStaffToken(hash: hash, now: now), logger: db.logger) {
                    return .staff(principal)
                }
            case .party:
                for try await principal in try await db.client.execute(ResolvePartyToken(hash: hash), logger: db.logger) {
                    return .party(principal)
                }
            }
        } catch {
            throw DatabaseErrors.map(error, logger: db.logger)
        }
        return nil
    }

    /// Reserves one login attempt for an e-mail address, or says how many
    /// seconds to wait when `limit` attempts already failed within `window`.
    ///
    /// The reservation is counted before the password is checked (and removed
    /// again on success), under a per-address advisory lock, so concurrent
    /// guesses across instances cannot slip past the limit.
    /// Failures are also counted per client address (`addressLimit` within the
    /// same window), against one client guessing many accounts.
    public func reserveLoginAttempt(
        emailKey: String, clientAddress: String, at now: Date, window: TimeInterval, limit: Int, addressLimit: Int
    ) async throws -> LoginReservation {
        try await db.transaction { conn in
            try await conn.run("SELECT pg_advisory_xact_lock(hashtextextended('login:' || \(emailKey), 0))", logger: db.logger)
            let since = now.addingTimeInterval(-window)
            let fromAddress = try await conn.rows(
                """
                SELECT at FROM login_attempts WHERE client_address = \(clientAddress) AND at > \(since)
                 ORDER BY at DESC LIMIT \(addressLimit)
                """, logger: db.logger)
            if fromAddress.count >= addressLimit, let oldest = try fromAddress.last?.decode(Date.self) {
                return .throttled(retryAfter: max(1, Int(oldest.addingTimeInterval(window).timeIntervalSince(now).rounded(.up))))
            }
            let rows = try await conn.rows(
                """
                SELECT at FROM login_attempts WHERE email_key = \(emailKey) AND at > \(since)
                 ORDER BY at DESC LIMIT \(limit)
                """, logger: db.logger)
            let recent = try rows.map { try $0.decode(Date.self) }
            if recent.count >= limit, let oldest = recent.last {
                let wait = oldest.addingTimeInterval(window).timeIntervalSince(now)
                return .throttled(retryAfter: max(1, Int(wait.rounded(.up))))
            }
            let id = try await conn.rows(
                "INSERT INTO login_attempts (email_key, client_address, at) VALUES (\(emailKey), \(clientAddress), \(now)) RETURNING id",
                logger: db.logger)
            return .reserved(attemptId: try id[0].decode(Int64.self))
        }
    }

    /// Forgets a reserved attempt after a successful login.
    public func releaseLoginAttempt(_ attemptId: Int64) async throws {
        try await db.query("DELETE FROM login_attempts WHERE id = \(attemptId)")
    }

    /// Deletes attempts and sessions that no longer matter.
    public func purgeExpired(before cutoff: Date) async throws {
        try await db.query("DELETE FROM login_attempts WHERE at < \(cutoff)")
        try await db.query("DELETE FROM staff_sessions WHERE expires_at < \(cutoff)")
    }
}

/// The outcome of `reserveLoginAttempt`.
public enum LoginReservation: Sendable {
    case reserved(attemptId: Int64)
    case throttled(retryAfter: Int)
}

struct ResolveStaffToken: PostgresPreparedStatement {
    static let sql = """
        SELECT s.id, s.role, pm.discipline
          FROM staff_sessions ss
          JOIN staff s ON s.id = ss.staff_id
          LEFT JOIN panel_members pm ON pm.staff_id = s.id
         WHERE ss.token_hash = $1 AND ss.revoked_at IS NULL AND ss.expires_at > $2 AND s.active
        """
    typealias Row = StaffPrincipal

    let hash: Data
    let now: Date

    func makeBindings() throws -> PostgresBindings {
        var binds = PostgresBindings()
        try binds.append(hash)
        binds.append(now)
        return binds
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        let (id, role, discipline) = try row.decode((UUID, StaffRole, Discipline?).self)
        return StaffPrincipal(id: id, role: role, discipline: discipline)
    }
}

struct ResolvePartyToken: PostgresPreparedStatement {
    static let sql = "SELECT case_id, role, is_filer FROM case_parties WHERE token_hash = $1"
    typealias Row = PartyPrincipal

    let hash: Data

    func makeBindings() throws -> PostgresBindings {
        var binds = PostgresBindings()
        try binds.append(hash)
        return binds
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        let (caseId, role, isFiler) = try row.decode((UUID, PartyRole, Bool).self)
        return PartyPrincipal(caseId: caseId, role: role, isFiler: isFiler)
    }
}
