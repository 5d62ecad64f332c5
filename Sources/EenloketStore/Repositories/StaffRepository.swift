import EenloketDomain
import Foundation
import Logging
import PostgresNIO

/// Staff accounts and panel profiles.
public struct StaffRepository: Sendable {
    let db: Database
    /// The public address of the service, for links in messages to staff.
    let serviceURL: String

    public init(db: Database, serviceURL: String = "") {
        self.db = db
        self.serviceURL = serviceURL
    }

    private static let selectColumns = """
        SELECT s.id, s.email, s.name, s.role, s.active, s.created_at, s.updated_at,
               pm.discipline, pm.big_number, pm.registered_since::text, pm.affiliations, pm.max_open_cases, pm.open_cases,
               s.awaiting_activation
          FROM staff s LEFT JOIN panel_members pm ON pm.staff_id = s.id
        """

    /// Stores a new account (and its panel profile) and its `created` event in
    /// one transaction. An account `awaitingActivation` is stored inactive and
    /// every active admin is told (`creatorName` made it).
    public func create(
        _ new: NewStaff, passwordHash: String, awaitingActivation: Bool = false, by creator: UUID?, creatorName: String = "",
        at now: Date
    ) async throws -> StaffRecord {
        let id = UUID()
        try await db.transaction { conn in
            try await Self.emailMustBeFree {
                try await conn.run(
                    """
                    INSERT INTO staff (id, email, name, role, password_hash, active, awaiting_activation, created_at, updated_at)
                    VALUES (\(id), \(new.email), \(new.name), \(new.role), \(passwordHash), \(!awaitingActivation), \(awaitingActivation),
                            \(now), \(now))
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
            let fields = ["email", "name", "role"] + (new.panel == nil ? [] : ["panel"])
            try await Self.record(.created, fields: fields, of: id, by: creator, at: now, conn: conn, db: db)
            if awaitingActivation {
                try await tellAdmins(about: new, creatorName: creatorName, at: now, conn: conn)
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

    /// Every active admin hears of an account that waits for their activation.
    private func tellAdmins(about new: NewStaff, creatorName: String, at now: Date, conn: PostgresConnection) async throws {
        let admins = try await conn.rows("SELECT id, email, name FROM staff WHERE role = 'admin' AND active", logger: db.logger)
        let what = "\(new.name) (\(StaffMessages.roleName(new.role, discipline: new.panel?.discipline))), aangemaakt door \(creatorName)"
        for row in admins {
            let (adminId, email, name) = try row.decode((UUID, String, String).self)
            try await Self.tell(
                adminId, at: email, name: name, kind: .awaitingActivation,
                StaffMessages.render(.awaitingActivation, name: name, serviceURL: serviceURL, detail: what), at: now, conn: conn, db: db)
        }
    }

    /// Applies a partial change in one transaction with its history events;
    /// returns the account before and after. A new password or e-mail address
    /// ends every session of the account and is told to its holder (an e-mail
    /// change at the old and the new address).
    public func update(_ id: UUID, _ patch: StaffPatch, by editor: UUID?, at now: Date) async throws -> (before: StaffRecord, after: StaffRecord) {
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
                                     awaiting_activation = awaiting_activation AND NOT coalesce(\(patch.active), false),
                                     updated_at = \(now)
                     WHERE id = \(id)
                    """, logger: db.logger)
            }
            let changes = Self.changes(before: before, patch: patch)
            let emailChanged = changes.contains { $0.fields.contains("email") }
            if patch.active == false || patch.passwordHash != nil || emailChanged {
                // A deactivated account, a new password or a new address: its tokens stop working at once.
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
            for change in changes {
                try await Self.record(change.change, fields: change.fields, of: id, by: editor, at: now, conn: conn, db: db)
            }
            let name = patch.name ?? before.name
            if emailChanged, let newEmail = patch.email {
                let message = StaffMessages.render(.emailChanged, name: name, serviceURL: serviceURL, detail: newEmail)
                for address in [before.email, newEmail] {
                    try await Self.tell(id, at: address, name: name, kind: .emailChanged, message, at: now, conn: conn, db: db)
                }
            }
            if patch.passwordHash != nil {
                let kind: StaffMessages.Kind = editor == id ? .passwordChangedByHolder : .passwordChangedByAdmin
                try await Self.tell(
                    id, at: patch.email ?? before.email, name: name, kind: kind,
                    StaffMessages.render(kind, name: name, serviceURL: serviceURL), at: now, conn: conn, db: db)
            }
            return before
        }
        guard let after = try await find(id) else { throw AppError.notFound }
        return (before, after)
    }

    /// The history events a patch makes: field names only, never values.
    static func changes(before: StaffRecord, patch: StaffPatch) -> [(change: StaffChange, fields: [String])] {
        var result: [(StaffChange, [String])] = []
        if let active = patch.active, active != before.active { result.append((active ? .reactivated : .deactivated, ["active"])) }
        if patch.passwordHash != nil { result.append((.passwordChanged, ["password"])) }
        var fields: [String] = []
        if let email = patch.email, email != before.email { fields.append("email") }
        if let name = patch.name, name != before.name { fields.append("name") }
        let panel = before.panel
        if let big = patch.bigNumber, big != panel?.bigNumber { fields.append("panel.big_number") }
        if let since = patch.registeredSince, since != panel?.registeredSince { fields.append("panel.registered_since") }
        if let affiliations = patch.affiliations, affiliations != panel?.affiliations { fields.append("panel.affiliations") }
        if let max = patch.maxOpenCases, max != panel?.maxOpenCases { fields.append("panel.max_open_cases") }
        if !fields.isEmpty { result.append((.updated, fields)) }
        return result
    }

    /// Appends one event to an account's history.
    static func record(
        _ change: StaffChange, fields: [String], of staffId: UUID, by actor: UUID?, at now: Date, conn: PostgresConnection, db: Database
    ) async throws {
        try await conn.run(
            """
            INSERT INTO staff_events (staff_id, at, actor_id, change, fields)
            VALUES (\(staffId), \(now), \(actor), \(change.rawValue), \(fields))
            """, logger: db.logger)
    }

    /// A message about their own account to a staff member, at a given address.
    static func tell(
        _ staffId: UUID, at address: String, name: String, kind: StaffMessages.Kind, _ message: Message, at now: Date,
        conn: PostgresConnection, db: Database
    ) async throws {
        try await conn.run(
            """
            INSERT INTO notifications (kind, channel, recipient_email, recipient_staff_id, recipient_name, subject, body,
                                       created_at, next_attempt_at)
            VALUES (\(kind.rawValue), 'email', \(address), \(staffId), \(name), \(message.subject), \(message.body), \(now), \(now))
            """, logger: db.logger)
    }

    /// An account's history, oldest first.
    public func events(of id: UUID) async throws -> [StaffEventRecord] {
        let rows = try await db.rows(
            "SELECT at, actor_id, change, fields FROM staff_events WHERE staff_id = \(id) ORDER BY id")
        return try rows.map { row in
            let (at, actor, change, fields) = try row.decode((Date, UUID?, String, [String]).self)
            return StaffEventRecord(at: at, actorId: actor, change: StaffChange(rawValue: change) ?? .updated, fields: fields)
        }
    }

    /// The login data for an e-mail address (ignoring case).
    public func credentials(email: String) async throws -> StaffCredentials? {
        let rows = try await db.rows(
            """
            SELECT s.id, s.email, s.role, pm.discipline, s.active, s.password_hash
              FROM staff s LEFT JOIN panel_members pm ON pm.staff_id = s.id
             WHERE lower(s.email) = lower(\(email))
            """)
        guard let row = rows.first else { return nil }
        let (id, email, role, discipline, active, hash) = try row.decode((UUID, String, StaffRole, Discipline?, Bool, String).self)
        return StaffCredentials(id: id, email: email, role: role, discipline: discipline, active: active, passwordHash: hash)
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
        let (id, email, name, role, active, createdAt, updatedAt, discipline, big, since, affiliations, maxOpen, open, awaiting) =
            try row.decode(
                (UUID, String, String, StaffRole, Bool, Date, Date, Discipline?, String?, String?, [String]?, Int?, Int?, Bool).self)
        var panel: PanelProfile?
        if let discipline, let maxOpen {
            panel = PanelProfile(
                discipline: discipline, bigNumber: big, registeredSince: LocalDate.column(since),
                affiliations: affiliations ?? [], maxOpenCases: maxOpen, openCases: open ?? 0)
        }
        return StaffRecord(
            id: id, email: email, name: name, role: role, active: active, panel: panel, createdAt: createdAt, updatedAt: updatedAt,
            awaitingActivation: awaiting)
    }
}

extension StaffRepository {
    /// Makes sure an active admin account with this e-mail address exists, with
    /// the password whose hash is given: created, or its password reset and
    /// re-activated (each a history event of the service itself). `current`
    /// says whether the stored account already is that: then nothing changes,
    /// so instances starting one after another do not end the admin's sessions.
    /// An address used by a non-admin account is left alone.
    public func ensureAdmin(email: String, passwordHash: String, current: Bool, at now: Date) async throws {
        try await db.transaction { conn in
            let rows = try await conn.rows(
                "SELECT id, role, active FROM staff WHERE lower(email) = lower(\(email)) FOR UPDATE", logger: db.logger)
            guard let row = rows.first else {
                let id = UUID()
                try await conn.run(
                    """
                    INSERT INTO staff (id, email, name, role, password_hash, active, created_at, updated_at)
                    VALUES (\(id), \(email), 'Beheerder', 'admin', \(passwordHash), true, \(now), \(now))
                    """, logger: db.logger)
                try await Self.record(.created, fields: ["email", "name", "role"], of: id, by: nil, at: now, conn: conn, db: db)
                return
            }
            let (id, role, active) = try row.decode((UUID, StaffRole, Bool).self)
            guard role == .admin, !(current && active) else { return }
            try await conn.run(
                "UPDATE staff SET password_hash = \(passwordHash), active = true, updated_at = \(now) WHERE id = \(id)", logger: db.logger)
            if !current { try await Self.record(.passwordChanged, fields: ["password"], of: id, by: nil, at: now, conn: conn, db: db) }
            if !active { try await Self.record(.reactivated, fields: ["active"], of: id, by: nil, at: now, conn: conn, db: db) }
        }
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
