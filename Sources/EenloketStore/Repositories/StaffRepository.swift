import EenloketDomain
import Foundation
import Logging
import PostgresNIO

/// Staff accounts and panel profiles.
public struct StaffRepository: Sendable {
    let db: Database

    public init(db: Database) {
        self.db = db
    }

    private static let selectColumns = """
        SELECT s.id, s.email, s.name, s.role, s.active, s.created_at, s.updated_at,
               pm.discipline, pm.big_number, pm.registered_since::text, pm.affiliations, pm.max_open_cases, pm.open_cases
          FROM staff s LEFT JOIN panel_members pm ON pm.staff_id = s.id
        """

    /// Stores a new account (and its panel profile) in one transaction.
    public func create(_ new: NewStaff, passwordHash: String, at now: Date) async throws -> StaffRecord {
        let id = UUID()
        try await db.transaction { conn in
            try await Self.emailMustBeFree {
                try await conn.run(
                    """
                    INSERT INTO staff (id, email, name, role, password_hash, active, created_at, updated_at)
                    VALUES (\(id), \(new.email), \(new.name), \(new.role), \(passwordHash), true, \(now), \(now))
                    """, logger: db.logger)
            }
            if let panel = new.panel {
                try await conn.run(
                    try """
                    INSERT INTO panel_members (staff_id, discipline, big_number, registered_since, affiliations, max_open_cases)
                    VALUES (\(id), \(panel.discipline), \(panel.bigNumber), \(panel.registeredSince?.description)::date,
                            \(panel.affiliations), \(panel.maxOpenCases))
                    """, logger: db.logger)
            }
        }
        guard let record = try await find(id) else { throw AppError.unavailable }
        return record
    }

    /// The account with this id, if any.
    public func find(_ id: UUID) async throws -> StaffRecord? {
        let rows = try await db.rows("\(unescaped: Self.selectColumns) WHERE s.id = \(id)")
        return try rows.first.map(Self.decode)
    }

    /// Applies a partial change in one transaction; returns the account before and after.
    public func update(_ id: UUID, _ patch: StaffPatch, at now: Date) async throws -> (before: StaffRecord, after: StaffRecord) {
        let before: StaffRecord = try await db.transaction { conn in
            let rows = try await conn.rows(
                "\(unescaped: Self.selectColumns) WHERE s.id = \(id) FOR UPDATE OF s", logger: db.logger)
            guard let row = rows.first else { throw AppError.notFound }
            let before = try Self.decode(row)
            try await Self.emailMustBeFree {
                try await conn.run(
                    """
                    UPDATE staff SET email = coalesce(\(patch.email), email),
                                     name = coalesce(\(patch.name), name),
                                     password_hash = coalesce(\(patch.passwordHash), password_hash),
                                     active = coalesce(\(patch.active), active),
                                     updated_at = \(now)
                     WHERE id = \(id)
                    """, logger: db.logger)
            }
            if patch.active == false {
                // A deactivated account's tokens stop working at once.
                try await conn.run(
                    "UPDATE staff_sessions SET revoked_at = \(now) WHERE staff_id = \(id) AND revoked_at IS NULL",
                    logger: db.logger)
            }
            if patch.touchesPanel {
                try await conn.run(
                    try """
                    UPDATE panel_members SET big_number = coalesce(\(patch.bigNumber), big_number),
                                             registered_since = coalesce(\(patch.registeredSince?.description)::date, registered_since),
                                             affiliations = coalesce(\(patch.affiliations), affiliations),
                                             max_open_cases = coalesce(\(patch.maxOpenCases), max_open_cases)
                     WHERE staff_id = \(id)
                    """, logger: db.logger)
            }
            return before
        }
        guard let after = try await find(id) else { throw AppError.notFound }
        return (before, after)
    }

    /// The login data for an e-mail address (ignoring case).
    public func credentials(email: String) async throws -> (id: UUID, role: StaffRole, active: Bool, passwordHash: String)? {
        let rows = try await db.rows(
            "SELECT id, role, active, password_hash FROM staff WHERE lower(email) = lower(\(email))")
        guard let row = rows.first else { return nil }
        let (id, role, active, hash) = try row.decode((UUID, StaffRole, Bool, String).self)
        return (id, role, active, hash)
    }

    /// Runs a write that may collide with another account's e-mail address (409).
    private static func emailMustBeFree(_ write: () async throws -> Void) async throws {
        do {
            try await write()
        } catch where DatabaseErrors.isUniqueViolation(error, constraint: "staff_email_key") {
            throw AppError.conflict("Dit e-mailadres is al in gebruik.")
        }
    }

    static func decode(_ row: PostgresRow) throws -> StaffRecord {
        let (id, email, name, role, active, createdAt, updatedAt, discipline, big, since, affiliations, maxOpen, open) =
            try row.decode(
                (UUID, String, String, StaffRole, Bool, Date, Date, Discipline?, String?, String?, [String]?, Int?, Int?).self)
        var panel: PanelProfile?
        if let discipline, let maxOpen {
            panel = PanelProfile(
                discipline: discipline, bigNumber: big, registeredSince: LocalDate.column(since),
                affiliations: affiliations ?? [], maxOpenCases: maxOpen, openCases: open ?? 0)
        }
        return StaffRecord(
            id: id, email: email, name: name, role: role, active: active, panel: panel, createdAt: createdAt, updatedAt: updatedAt)
    }
}

extension StaffRepository {
    /// Makes sure an active admin account with this e-mail and password hash
    /// exists: created, or its password reset and re-activated. An address used
    /// by a non-admin account is left alone.
    public func ensureAdmin(email: String, passwordHash: String, at now: Date) async throws {
        try await db.query(
            """
            INSERT INTO staff (id, email, name, role, password_hash, active, created_at, updated_at)
            VALUES (\(UUID()), \(email), 'Beheerder', 'admin', \(passwordHash), true, \(now), \(now))
            ON CONFLICT ((lower(email))) DO UPDATE
               SET password_hash = EXCLUDED.password_hash, active = true, updated_at = EXCLUDED.updated_at
             WHERE staff.role = 'admin'
            """)
    }
}

extension StaffRepository {
    /// Accounts, optionally of one role, by name.
    public func list(role: StaffRole?) async throws -> [StaffRecord] {
        let rows = try await db.rows(
            "\(unescaped: Self.selectColumns) WHERE (\(role)::text IS NULL OR s.role = \(role)) ORDER BY s.name, s.id")
        return try rows.map(Self.decode)
    }
}
