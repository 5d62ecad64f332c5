import EenloketDomain
import Foundation
import PostgresNIO

/// Staff sessions, party tokens and login throttling.
public struct SessionRepository: Sendable {
    let db: Database
    /// A staff session not used for this long ends.
    let idleTimeout: TimeInterval

    public init(db: Database, idleTimeout: TimeInterval = 30 * 60) {
        self.db = db
        self.idleTimeout = idleTimeout
    }

    /// Use of a session is written down at most this often (a write per request would cost every request).
    static let touchInterval: TimeInterval = 60

    /// Stores a new staff session under the hash of its token.
    public func createSession(staffId: UUID, tokenHash: Data, at now: Date, expiresAt: Date) async throws {
        try await db.query(
            """
            INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at, last_used_at)
            VALUES (\(tokenHash), \(staffId), \(now), \(expiresAt), \(now))
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
        guard let kind = AccessToken.kind(of: token), kind == .staff || kind == .party else { return nil }
        let hash = AccessToken.hash(token)
        do {
            switch kind {
            case .staff:
                let statement = ResolveStaffToken(hash: hash, now: now, idleSince: now.addingTimeInterval(-idleTimeout))
                for try await (principal, lastUsed) in try await db.client.execute(statement, logger: db.logger) {
                    if now.timeIntervalSince(lastUsed) >= Self.touchInterval {
                        try await db.query(
                            "UPDATE staff_sessions SET last_used_at = \(now) WHERE token_hash = \(hash) AND last_used_at < \(now)")
                    }
                    return .staff(principal)
                }
            case .device, .partySession, .challenge:
                return nil
            case .party:
                for try await (principal, firstUse) in try await db.client.execute(ResolvePartyToken(hash: hash), logger: db.logger) {
                    if firstUse { try await recordFirstUse(of: principal, link: hash, at: Timestamp.truncated(now)) }
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
    /// guesses across instances cannot slip past the limit. Failures are also
    /// counted per client address (`addressLimit` within the same window),
    /// against one client guessing many accounts.
    ///
    /// From a known device of this account (`device`, the hash of a device
    /// token the account's holder got at an earlier login) the attempts are
    /// counted for that device alone: failures from elsewhere never lock the
    /// holder out of a device they used before.
    public func reserveLoginAttempt(
        emailKey: String, clientAddress: String, device: Data? = nil, at now: Date, window: TimeInterval, limit: Int,
        addressLimit: Int
    ) async throws -> LoginReservation {
        try await db.transaction { conn in
            try await conn.run("SELECT pg_advisory_xact_lock(hashtextextended('login:' || \(emailKey), 0))", logger: db.logger)
            let since = now.addingTimeInterval(-window)
            var knownDevice: Data?
            if let device {
                let rows = try await conn.rows(
                    """
                    SELECT 1 FROM staff_devices d JOIN staff s ON s.id = d.staff_id
                     WHERE d.token_hash = \(device) AND lower(s.email) = \(emailKey) AND d.expires_at > \(now)
                    """, logger: db.logger)
                if !rows.isEmpty { knownDevice = device }
            }
            func wait(_ rows: [PostgresRow], _ limit: Int) throws -> LoginReservation? {
                guard rows.count >= limit, let oldest = try rows.last?.decode(Date.self) else { return nil }
                return .throttled(retryAfter: max(1, Int(oldest.addingTimeInterval(window).timeIntervalSince(now).rounded(.up))))
            }
            if let knownDevice {
                let fromDevice = try await conn.rows(
                    "SELECT at FROM login_attempts WHERE device_hash = \(knownDevice) AND at > \(since) ORDER BY at DESC LIMIT \(limit)",
                    logger: db.logger)
                if let throttled = try wait(fromDevice, limit) { return throttled }
            } else {
                let fromAddress = try await conn.rows(
                    """
                    SELECT at FROM login_attempts WHERE client_address = \(clientAddress) AND device_hash IS NULL AND at > \(since)
                     ORDER BY at DESC LIMIT \(addressLimit)
                    """, logger: db.logger)
                if let throttled = try wait(fromAddress, addressLimit) { return throttled }
                let forAccount = try await conn.rows(
                    """
                    SELECT at FROM login_attempts WHERE email_key = \(emailKey) AND device_hash IS NULL AND at > \(since)
                     ORDER BY at DESC LIMIT \(limit)
                    """, logger: db.logger)
                if let throttled = try wait(forAccount, limit) { return throttled }
            }
            let recent = try await conn.rows(
                """
                SELECT count(*)::int FROM login_attempts
                 WHERE email_key = \(emailKey) AND device_hash IS NOT DISTINCT FROM \(knownDevice) AND at > \(since)
                """, logger: db.logger)
            let id = try await conn.rows(
                """
                INSERT INTO login_attempts (email_key, client_address, device_hash, at)
                VALUES (\(emailKey), \(clientAddress), \(knownDevice), \(now)) RETURNING id
                """, logger: db.logger)
            return .reserved(attemptId: try id[0].decode(Int64.self), earlierFailures: try recent[0].decode(Int.self))
        }
    }

    /// A new device token for an account, after a successful login (valid `lifetime`).
    public func issueDevice(staffId: UUID, at now: Date, lifetime: TimeInterval) async throws -> String {
        let token = AccessToken.generate(.device)
        try await db.query(
            """
            INSERT INTO staff_devices (token_hash, staff_id, created_at, last_used_at, expires_at)
            VALUES (\(AccessToken.hash(token)), \(staffId), \(now), \(now), \(now.addingTimeInterval(lifetime)))
            """)
        return token
    }

    /// Whether a device token belongs to this account (and is still valid); marks it used.
    public func touchDevice(_ hash: Data, staffId: UUID, at now: Date) async throws -> Bool {
        let rows = try await db.rows(
            """
            UPDATE staff_devices SET last_used_at = \(now)
             WHERE token_hash = \(hash) AND staff_id = \(staffId) AND expires_at > \(now) RETURNING 1
            """)
        return !rows.isEmpty
    }

    // MARK: Party page sessions

    /// Whether a link is a party's current link (a read only: no first use is recorded).
    public func isPartyLink(_ link: String) async throws -> Bool {
        guard AccessToken.kind(of: link) == .party else { return false }
        return !(try await db.rows("SELECT 1 FROM case_parties WHERE token_hash = \(AccessToken.hash(link))")).isEmpty
    }

    /// Exchanges a party's link for a page session; returns the session token
    /// (for an HttpOnly cookie) or nil when the link is not a valid party token.
    public func openPartySession(link: String, at now: Date, lifetime: TimeInterval) async throws -> (String, PartyPrincipal)? {
        guard case .party(let party)? = try await resolve(token: link, at: now) else { return nil }
        let token = AccessToken.generate(.partySession)
        try await db.query(
            """
            INSERT INTO party_sessions (token_hash, case_id, role, link_hash, created_at, expires_at)
            VALUES (\(AccessToken.hash(token)), \(party.caseId), \(party.role), \(AccessToken.hash(link)), \(now),
                    \(now.addingTimeInterval(lifetime)))
            """)
        return (token, party)
    }

    /// The party behind a page session, while the session lasts and its link is still the party's.
    public func resolvePartySession(_ token: String, at now: Date) async throws -> PartyPrincipal? {
        guard AccessToken.kind(of: token) == .partySession else { return nil }
        let rows = try await db.rows(
            """
            SELECT p.case_id, p.role, p.is_filer
              FROM party_sessions s
              JOIN case_parties p ON p.case_id = s.case_id AND p.role = s.role AND p.token_hash = s.link_hash
             WHERE s.token_hash = \(AccessToken.hash(token)) AND s.revoked_at IS NULL AND s.expires_at > \(now)
            """)
        return try rows.first.map { row in
            let (caseId, role, isFiler) = try row.decode((UUID, PartyRole, Bool).self)
            return PartyPrincipal(caseId: caseId, role: role, isFiler: isFiler)
        }
    }

    /// Ends a party's page session (logging out on the pages).
    public func closePartySession(_ token: String, at now: Date) async throws {
        try await db.query(
            "UPDATE party_sessions SET revoked_at = \(now) WHERE token_hash = \(AccessToken.hash(token)) AND revoked_at IS NULL")
    }

    /// Forgets a reserved attempt after a successful login.
    public func releaseLoginAttempt(_ attemptId: Int64) async throws {
        try await db.query("DELETE FROM login_attempts WHERE id = \(attemptId)")
    }

    /// Deletes attempts and sessions that no longer matter.
    public func purgeExpired(before cutoff: Date) async throws {
        try await db.query("DELETE FROM login_attempts WHERE at < \(cutoff)")
        try await db.query("DELETE FROM staff_sessions WHERE expires_at < \(cutoff)")
        try await db.query("DELETE FROM staff_devices WHERE expires_at < \(cutoff)")
        try await db.query("DELETE FROM party_sessions WHERE expires_at < \(cutoff)")
    }
}

/// The outcome of `reserveLoginAttempt`.
public enum LoginReservation: Sendable {
    /// Go ahead; `earlierFailures` attempts for this account (from the same
    /// kind of client) failed within the window before this one.
    case reserved(attemptId: Int64, earlierFailures: Int)
    case throttled(retryAfter: Int)
}

struct ResolveStaffToken: PostgresPreparedStatement {
    static let sql = """
        SELECT s.id, s.role, pm.discipline, ss.last_used_at
          FROM staff_sessions ss
          JOIN staff s ON s.id = ss.staff_id
          LEFT JOIN panel_members pm ON pm.staff_id = s.id
         WHERE ss.token_hash = $1 AND ss.revoked_at IS NULL AND ss.expires_at > $2 AND ss.last_used_at > $3 AND s.active
        """
    /// The staff member, and when the session was last used.
    typealias Row = (StaffPrincipal, Date)

    let hash: Data
    let now: Date
    /// Sessions unused since this moment have ended.
    let idleSince: Date

    func makeBindings() throws -> PostgresBindings {
        var binds = PostgresBindings()
        try binds.append(hash)
        binds.append(now)
        binds.append(idleSince)
        return binds
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        let (id, role, discipline, lastUsed) = try row.decode((UUID, StaffRole, Discipline?, Date).self)
        return (StaffPrincipal(id: id, role: role, discipline: discipline), lastUsed)
    }
}

struct ResolvePartyToken: PostgresPreparedStatement {
    static let sql = """
        SELECT case_id, role, is_filer, NOT is_filer AND first_used_at IS NULL FROM case_parties WHERE token_hash = $1
        """
    /// The party, and whether this is the first use of an invited party's link.
    typealias Row = (PartyPrincipal, Bool)

    let hash: Data

    func makeBindings() throws -> PostgresBindings {
        var binds = PostgresBindings()
        try binds.append(hash)
        return binds
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        let (caseId, role, isFiler, firstUse) = try row.decode((UUID, PartyRole, Bool, Bool).self)
        return (PartyPrincipal(caseId: caseId, role: role, isFiler: isFiler), firstUse)
    }
}
