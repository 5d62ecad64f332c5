import EenloketDomain
import Foundation
import Logging
import PostgresNIO

/// Durable timers: claimed with `FOR UPDATE SKIP LOCKED`, acted on and marked
/// fired in one transaction, so each fires exactly once however many
/// instances run, and a crash mid-way leaves the timer for another instance.
///
/// Each timer has a transaction of its own, and its work runs inside a
/// savepoint: a timer whose work fails is rolled back to the savepoint, its
/// failure recorded (`TimerRetry`), and the next timer is tried. One failing
/// timer never holds up the others, and never loops without pause.
public struct TimerStore: Sendable {
    let db: Database
    let deadlines: DeadlineSettings
    let settings: ServiceSettings
    let routing: RoutingStore

    public init(db: Database, deadlines: DeadlineSettings, settings: ServiceSettings) {
        self.db = db
        self.deadlines = deadlines
        self.settings = settings
        self.routing = RoutingStore(db: db, deadlines: deadlines, settings: settings)
    }

    struct DueTimer {
        let id: Int64
        let kind: TimerKind
        let caseId: UUID?
        let stage: String?
        let subjectId: UUID?
        let dueAt: Date
    }

    /// What became of one claimed timer.
    enum Attempt: Sendable {
        case nothingDue
        case fired
        /// Its work failed: tried again later, or set aside after too many attempts.
        case failed
    }

    /// Tries up to `limit` due timers, each in its own transaction; returns how
    /// many were tried (fired or failed), so a caller knows whether more may wait.
    @discardableResult
    public func fireDue(at now: Date, limit: Int = 100) async throws -> Int {
        var tried = 0
        while tried < limit {
            if case .nothingDue = try await fireNext(at: now) { break }
            tried += 1
        }
        return tried
    }

    /// Claims the next due timer and fires it, or records why it could not.
    private func fireNext(at now: Date) async throws -> Attempt {
        try await db.transaction { conn -> Attempt in
            guard let row = try await conn.rows(Self.dueQuery(at: now, limit: 1), logger: db.logger).first else { return .nothingDue }
            let (id, rawKind, caseId, stage, subjectId, dueAt, attempts) =
                try row.decode((Int64, String, UUID?, String?, UUID?, Date, Int).self)
            guard let kind = TimerKind(rawValue: rawKind) else {
                // A kind from a newer version: set aside, not counted as done.
                try await recordFailure(id, attempts: attempts, error: "unknown kind", setAside: true, at: now, conn: conn)
                return .failed
            }
            let timer = DueTimer(id: id, kind: kind, caseId: caseId, stage: stage, subjectId: subjectId, dueAt: dueAt)
            try await conn.run("SAVEPOINT timer_work", logger: db.logger)
            let outcome: String
            do {
                outcome = try await act(on: timer, at: now, conn: conn)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                try await conn.run("ROLLBACK TO SAVEPOINT timer_work", logger: db.logger)
                try await recordFailure(
                    id, attempts: attempts, error: DatabaseErrors.safeDescription(error),
                    setAside: attempts + 1 >= TimerRetry.maxAttempts, at: now, conn: conn)
                return .failed
            }
            try await conn.run(
                "UPDATE timers SET fired_at = \(now), outcome = \(outcome), attempts = attempts + 1 WHERE id = \(id)", logger: db.logger)
            return .fired
        }
    }

    private func recordFailure(
        _ id: Int64, attempts: Int, error: String, setAside: Bool, at now: Date, conn: PostgresConnection
    ) async throws {
        let tries = attempts + 1
        db.logger.error(
            setAside ? "timer set aside" : "timer failed; will retry",
            metadata: ["timer_id": "\(id)", "attempts": "\(tries)", "error": "\(error)"])
        try await conn.run(
            """
            UPDATE timers SET attempts = \(tries), last_error = \(error),
                   failed_at = CASE WHEN \(setAside) THEN \(now)::timestamptz END,
                   next_attempt_at = \(now.addingTimeInterval(TimerRetry.delay(afterAttempts: tries)))
             WHERE id = \(id)
            """, logger: db.logger)
    }

    /// Claims up to `limit` timers to try, oldest first, skipping those another
    /// instance holds (also run under EXPLAIN by the query-plan test).
    static func dueQuery(at now: Date, limit: Int) -> PostgresQuery {
        """
        SELECT id, kind, case_id, stage, subject_id, due_at, attempts FROM timers
         WHERE fired_at IS NULL AND failed_at IS NULL AND next_attempt_at <= \(now)
         ORDER BY next_attempt_at, id
         LIMIT \(limit)
           FOR UPDATE SKIP LOCKED
        """
    }

    /// Removes timers that fired before `cutoff`; returns how many.
    @discardableResult
    public func purgeFired(before cutoff: Date) async throws -> Int {
        let rows = try await db.rows("DELETE FROM timers WHERE fired_at < \(cutoff) RETURNING 1")
        return rows.count
    }

    /// When the next unfired timer is due, if any.
    public func nextDue() async throws -> Date? {
        let rows = try await db.rows("SELECT min(next_attempt_at) FROM timers WHERE fired_at IS NULL AND failed_at IS NULL")
        return try rows.first?.decode(Date?.self)
    }

    // MARK: Actions

    private func act(on timer: DueTimer, at now: Date, conn: PostgresConnection) async throws -> String {
        switch timer.kind {
        case .preferredPassed, .duePassed:
            guard let caseId = timer.caseId, let stage = timer.stage.flatMap(DeadlineStage.init(rawValue:)) else { return "invalid" }
            return try await deadlinePassed(caseId: caseId, stage: stage, due: timer.kind == .duePassed, at: now, conn: conn)
        case .followUpDue:
            guard let caseId = timer.caseId, let followUp = timer.subjectId else { return "invalid" }
            return try await followUpDue(caseId: caseId, followUp: followUp, plannedFor: timer.dueAt, at: now, conn: conn)
        case .followUpMissed:
            guard let caseId = timer.caseId, let followUp = timer.subjectId else { return "invalid" }
            return try await followUpMissed(caseId: caseId, followUp: followUp, plannedFor: timer.dueAt, at: now, conn: conn)
        case .absenceEnded:
            let plan = try await routing.routeWaitingInTransaction(at: now, conn: conn)
            return "routed \(plan.assignments.count)"
        case .draftWindowClosed:
            guard let caseId = timer.caseId else { return "invalid" }
            return try await draftWindowClosed(caseId: caseId, at: now, conn: conn)
        case .appointmentReminder:
            guard let caseId = timer.caseId, let appointment = timer.subjectId else { return "invalid" }
            return try await appointmentReminder(caseId: caseId, appointment: appointment, at: now, conn: conn)
        }
    }

    /// One working day before a scheduled appointment: remind the parties it invited.
    private func appointmentReminder(caseId: UUID, appointment: UUID, at now: Date, conn: PostgresConnection) async throws -> String {
        let rows = try await conn.rows(
            """
            SELECT c.reference, a.kind, a.starts_at, a.location, a.online_url, a.parties
              FROM appointments a JOIN cases c ON c.id = a.case_id
             WHERE a.id = \(appointment) AND a.case_id = \(caseId) AND a.status = 'scheduled'
            """, logger: db.logger)
        guard let row = rows.first else { return "moot" }
        let (reference, kind, startsAt, location, url, parties) = try row.decode((String, String, Date, String?, String?, [String]).self)
        try await Outbox.toParties(
            parties.compactMap(PartyRole.init(rawValue:)), caseId: caseId, kind: .appointmentReminder,
            message: Messages.appointment(
                .appointmentReminder, kind: AppointmentKind(rawValue: kind) ?? .hearing, startsAt: startsAt, location: location,
                onlineURL: url, reference: reference, serviceURL: settings.publicURL),
            at: now, conn: conn, db: db)
        return "reminded"
    }

    /// The parties' window on a draft closed: tell them the ruling comes next,
    /// and the chair that it may be recorded. Moot once the case moved on.
    private func draftWindowClosed(caseId: UUID, at now: Date, conn: PostgresConnection) async throws -> String {
        let rows = try await conn.rows("SELECT reference, status FROM cases WHERE id = \(caseId)", logger: db.logger)
        guard let row = rows.first else { return "moot" }
        let (reference, status) = try row.decode((String, CaseStatus).self)
        guard status == .draftRuling else { return "moot" }
        try await Outbox.toParties(
            nil, caseId: caseId, kind: .draftWindowClosed,
            message: Messages.render(.draftWindowClosed, reference: reference, serviceURL: settings.publicURL), at: now, conn: conn, db: db)
        let chair = try await chairOf(caseId, today: AmsterdamTime.date(of: now), conn: conn)
        try await Outbox.toStaff(
            chair.map { [$0.id] } ?? [], caseId: caseId, kind: .draftWindowClosed,
            message: Messages.draftWindowClosedForChair(reference: reference, serviceURL: settings.publicURL), at: now, conn: conn, db: db)
        return "told"
    }

    /// The stage is still open when its moment passes: remind (preferred) or
    /// record and escalate (due). A met stage or a closed case makes it moot.
    private func deadlinePassed(caseId: UUID, stage: DeadlineStage, due: Bool, at now: Date, conn: PostgresConnection) async throws -> String {
        let rows = try await conn.rows(
            """
            SELECT c.reference, c.status, d.met_at IS NOT NULL, d.preferred_by::text, d.due_by::text
              FROM cases c JOIN case_deadlines d ON d.case_id = c.id AND d.stage = \(stage)
             WHERE c.id = \(caseId)
            """, logger: db.logger)
        guard let row = rows.first else { return "moot" }
        let (reference, status, met, preferredBy, dueBy) = try row.decode((String, CaseStatus, Bool, String, String).self)
        if met || status.isFinal { return "moot" }
        let stageName = ["triage": "beoordeling", "panel": "samenstelling panel", "ruling": "uitspraak"][stage.rawValue] ?? stage.rawValue
        if !due {
            let message = Messages.render(
                .reminder, reference: reference, serviceURL: settings.publicURL, detail: "\(stageName), gewenst uiterlijk \(preferredBy)")
            switch stage {
            case .triage:
                try await Outbox.toRole(.intakeOfficer, caseId: caseId, kind: .reminder, message: message, at: now, conn: conn, db: db)
            case .panel:
                try await Outbox.toRole(.coordinator, caseId: caseId, kind: .reminder, message: message, at: now, conn: conn, db: db)
            case .ruling:
                let chair = try await chairOf(caseId, today: AmsterdamTime.date(of: now), conn: conn)
                try await Outbox.toStaff(chair.map { [$0.id] } ?? [], caseId: caseId, kind: .reminder, message: message, at: now, conn: conn, db: db)
                if let chair, chair.absent {
                    try await Escalations.raise(
                        caseId: caseId, kind: .chairAbsent, detail: "de voorzitter is afwezig en de uitspraak is gewenst uiterlijk \(preferredBy)",
                        reference: reference, settings: settings, at: now, conn: conn, db: db)
                }
            }
            try await EventLog.append(
                conn, caseId: caseId, type: .reminderSent, actor: .system,
                data: .object(["stage": .string(stage.rawValue), "preferred_by": .string(preferredBy)]), at: now, db: db)
            return "reminded"
        }
        try await EventLog.append(
            conn, caseId: caseId, type: .deadlineMissed, actor: .system,
            data: .object(["stage": .string(stage.rawValue), "due_by": .string(dueBy)]), at: now, db: db)
        try await Escalations.raise(
            caseId: caseId, kind: status == .awaitingPanel ? .awaitingPanel : .deadlineMissed,
            detail: "de uiterste termijn voor de \(stageName) (\(dueBy)) is verstreken", reference: reference, settings: settings,
            at: now, conn: conn, db: db)
        return "escalated"
    }

    /// The chair of a case and whether they are absent today.
    private func chairOf(_ caseId: UUID, today: LocalDate, conn: PostgresConnection) async throws -> (id: UUID, absent: Bool)? {
        let rows = try await conn.rows(
            """
            SELECT pa.staff_id, EXISTS (SELECT 1 FROM member_absences a
                                         WHERE a.staff_id = pa.staff_id AND \(today.description)::date BETWEEN a.starts_on AND a.ends_on)
              FROM panel_assignments pa WHERE pa.case_id = \(caseId) AND pa.is_chair AND pa.released_at IS NULL
            """, logger: db.logger)
        return try rows.first.map { try $0.decode((UUID, Bool).self) }.map { (id: $0.0, absent: $0.1) }
    }

    /// A timer acts only for the plan it was made for: a check-in moved to
    /// count from the return to work has timers of its own.
    private func followUpDue(caseId: UUID, followUp: UUID, plannedFor: Date, at now: Date, conn: PostgresConnection) async throws -> String {
        let rows = try await conn.rows(
            """
            SELECT c.reference, f.party, f.answered_at IS NOT NULL OR abs(extract(epoch FROM f.due_at - \(plannedFor))) >= 1
              FROM follow_ups f JOIN cases c ON c.id = f.case_id WHERE f.id = \(followUp)
            """, logger: db.logger)
        guard let row = rows.first else { return "moot" }
        let (reference, party, moot) = try row.decode((String, PartyRole, Bool).self)
        if moot { return "moot" }
        try await Outbox.toParties(
            [party], caseId: caseId, kind: .followUpDue,
            message: Messages.render(.followUpDue, reference: reference, serviceURL: settings.publicURL), at: now, conn: conn, db: db)
        return "invited"
    }

    private func followUpMissed(caseId: UUID, followUp: UUID, plannedFor: Date, at now: Date, conn: PostgresConnection) async throws -> String {
        let updated = try await conn.rows(
            """
            UPDATE follow_ups SET missed_at = \(now)
             WHERE id = \(followUp) AND answered_at IS NULL AND missed_at IS NULL
               AND abs(extract(epoch FROM answer_by - \(plannedFor))) < 1
            RETURNING party, sequence
            """, logger: db.logger)
        guard let row = updated.first else { return "moot" }
        let (party, sequence) = try row.decode((String, Int).self)
        try await EventLog.append(
            conn, caseId: caseId, type: .followUpMissed, actor: .system,
            data: .object(["party": .string(party), "sequence": .number(Double(sequence))]), at: now, db: db)
        let counts = try await conn.rows(
            """
            SELECT (SELECT count(*)::int FROM follow_ups WHERE case_id = \(caseId) AND missed_at IS NOT NULL),
                   (SELECT reference FROM cases WHERE id = \(caseId)),
                   EXISTS (SELECT 1 FROM escalations WHERE case_id = \(caseId) AND kind = 'follow_ups_missed')
            """, logger: db.logger)
        let (missed, reference, flagged) = try counts[0].decode((Int, String, Bool).self)
        if missed >= FollowThrough.missedBeforeFlag && !flagged {
            try await Escalations.raise(
                caseId: caseId, kind: .followUpsMissed, detail: "\(missed) nazorgvragenlijsten zijn niet beantwoord",
                reference: reference, settings: settings, at: now, conn: conn, db: db)
            return "escalated"
        }
        return "missed"
    }
}
