import EenloketDomain
import Foundation
import PostgresNIO

/// What coordinators work with besides cases: escalations and members' absences.
public struct CoordinationRepository: Sendable {
    let db: Database
    let settings: ServiceSettings
    let routing: RoutingStore

    public init(db: Database, deadlines: DeadlineSettings, settings: ServiceSettings) {
        self.db = db
        self.settings = settings
        self.routing = RoutingStore(db: db, deadlines: deadlines, settings: settings)
    }

    // MARK: Escalations

    /// Escalations, newest first; only open ones unless `includeResolved`.
    public func escalations(includeResolved: Bool, limit: Int) async throws -> [EscalationRecord] {
        let rows = try await db.rows(
            """
            SELECT e.id, e.case_id, c.reference, e.kind, e.detail, e.created_at, e.resolved_at
              FROM escalations e JOIN cases c ON c.id = e.case_id
             WHERE \(includeResolved) OR e.resolved_at IS NULL
             ORDER BY e.created_at DESC, e.id DESC
             LIMIT \(limit)
            """)
        return try rows.map { row in
            let (id, caseId, reference, kind, detail, created, resolved) =
                try row.decode((Int64, UUID, String, String, String, Date, Date?).self)
            return EscalationRecord(
                id: id, caseId: caseId, reference: reference, kind: kind, detail: detail, createdAt: created, resolvedAt: resolved)
        }
    }

    /// Marks an escalation as handled.
    public func resolveEscalation(_ id: Int64, by staff: UUID, at now: Date) async throws {
        let rows = try await db.rows(
            """
            UPDATE escalations SET resolved_at = \(now), resolved_by = \(staff)
             WHERE id = \(id) AND resolved_at IS NULL RETURNING case_id
            """)
        if rows.isEmpty {
            let exists = try await db.rows("SELECT 1 FROM escalations WHERE id = \(id)")
            throw exists.isEmpty ? AppError.notFound : AppError.conflict("Deze escalatie is al afgehandeld.")
        }
    }

    // MARK: Absences

    /// Members absent on a day, in one query.
    public func absentMembers(on day: LocalDate) async throws -> Set<UUID> {
        let rows = try await db.rows(
            "SELECT DISTINCT staff_id FROM member_absences WHERE \(day.description)::date BETWEEN starts_on AND ends_on")
        return Set(try rows.map { try $0.decode(UUID.self) })
    }

    public func absences(of staffId: UUID) async throws -> [AbsenceRecord] {
        let rows = try await db.rows(
            "SELECT id, staff_id, starts_on::text, ends_on::text, reason FROM member_absences WHERE staff_id = \(staffId) ORDER BY starts_on")
        return try rows.map(Self.decodeAbsence)
    }

    /// Records an absence: routing skips the member meanwhile; a timer routes
    /// waiting cases when it ends; a chair absent through a ruling's preferred
    /// moment is escalated now.
    public func addAbsence(
        staffId: UUID, startsOn: LocalDate, endsOn: LocalDate, reason: String?, at now: Date
    ) async throws -> AbsenceRecord {
        try await db.transaction { conn in
            let member = try await conn.rows("SELECT 1 FROM panel_members WHERE staff_id = \(staffId)", logger: db.logger)
            guard !member.isEmpty else { throw AppError.notFound }
            let id = UUID()
            try await conn.run(
                """
                INSERT INTO member_absences (id, staff_id, starts_on, ends_on, reason, created_at)
                VALUES (\(id), \(staffId), \(startsOn.description)::date, \(endsOn.description)::date, \(reason), \(now))
                """, logger: db.logger)
            try await conn.run(
                """
                INSERT INTO timers (kind, subject_id, due_at, created_at)
                VALUES (\(TimerKind.absenceEnded.rawValue), \(staffId), \(DeadlinePolicy.passingMoment(of: endsOn)), \(now))
                """, logger: db.logger)
            let chaired = try await conn.rows(
                """
                SELECT c.id, c.reference, d.preferred_by::text
                  FROM panel_assignments pa
                  JOIN cases c ON c.id = pa.case_id AND c.status IN ('in_review', 'draft_ruling')
                  JOIN case_deadlines d ON d.case_id = c.id AND d.stage = 'ruling' AND d.met_at IS NULL
                 WHERE pa.staff_id = \(staffId) AND pa.is_chair AND pa.released_at IS NULL
                   AND d.preferred_by BETWEEN \(startsOn.description)::date AND \(endsOn.description)::date
                   AND NOT EXISTS (SELECT 1 FROM escalations e
                                    WHERE e.case_id = c.id AND e.kind = 'chair_absent' AND e.resolved_at IS NULL)
                 -- One order for every writer, so two absences recorded at once cannot deadlock on the escalations.
                 ORDER BY c.id
                """, logger: db.logger)
            for row in chaired {
                let (caseId, reference, preferredBy) = try row.decode((UUID, String, String).self)
                try await Escalations.raise(
                    caseId: caseId, kind: .chairAbsent,
                    detail: "de voorzitter is afwezig van \(startsOn) tot en met \(endsOn); de uitspraak is gewenst uiterlijk \(preferredBy)",
                    reference: reference, settings: settings, at: now, conn: conn, db: db)
            }
            return AbsenceRecord(id: id, staffId: staffId, startsOn: startsOn, endsOn: endsOn, reason: reason)
        }
    }

    /// Removes an absence; the member may take waiting cases again at once.
    public func removeAbsence(_ id: UUID, staffId: UUID, at now: Date) async throws {
        let rows = try await db.rows("DELETE FROM member_absences WHERE id = \(id) AND staff_id = \(staffId) RETURNING id")
        guard !rows.isEmpty else { throw AppError.notFound }
        do {
            _ = try await routing.routeWaiting(at: now)
        } catch {
            db.logger.warning("re-routing after an absence ended failed; the sweeper will retry")
        }
    }

    static func decodeAbsence(_ row: PostgresRow) throws -> AbsenceRecord {
        let (id, staff, starts, ends, reason) = try row.decode((UUID, UUID, String, String, String?).self)
        return AbsenceRecord(
            id: id, staffId: staff, startsOn: LocalDate(iso: starts) ?? LocalDate(dayNumber: 0),
            endsOn: LocalDate(iso: ends) ?? LocalDate(dayNumber: 0), reason: reason)
    }
}
