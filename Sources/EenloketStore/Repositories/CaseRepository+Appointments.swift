import EenloketDomain
import Foundation
import PostgresNIO

extension CaseRepository {
    // MARK: Appointments: a hearing session or a medical examination

    /// The chair (or a coordinator) plans an appointment while the panel
    /// reviews the case. Every invited party is told (e-mail or letter) and
    /// reminded one working day before; until it is reported or cancelled the
    /// panel does not decide the case.
    public func planAppointment(_ id: UUID, _ plan: AppointmentPlan, by caller: Caller, at now: Date) async throws -> AppointmentRecord {
        try await db.transaction { conn in
            let current = try await locked(id, for: .planAppointment, by: caller, at: now, conn: conn)
            guard let staff = caller.staff else { throw AppError.internalError }
            let calendar = try await deadlines.policy(on: conn).calendar
            let (errors, examiner) = AppointmentRules.check(
                plan, by: caller, on: current.facts(settings.procedure, calendar: calendar), at: now)
            if !errors.isEmpty { throw AppError.invalid(errors.map { FieldError($0.field, $0.message) }) }
            let appointmentId = UUID()
            let parties = PartyRole.allCases.filter(plan.parties.contains).map(\.rawValue)
            try await conn.run(
                """
                INSERT INTO appointments (id, case_id, kind, starts_at, duration_minutes, location, online_url, parties, examiner_id,
                                          planned_by, planned_at)
                VALUES (\(appointmentId), \(id), \(plan.kind.rawValue), \(plan.startsAt), \(plan.durationMinutes), \(plan.location),
                        \(plan.onlineURL), \(parties), \(examiner), \(staff.id), \(now))
                """, logger: db.logger)
            let remindOn = calendar.previousWorkingDay(before: AmsterdamTime.date(of: plan.startsAt))
            let remindAt = max(now, AmsterdamTime.startOfDay(remindOn).addingTimeInterval(9 * 3600))
            try await conn.run(
                """
                INSERT INTO timers (kind, case_id, subject_id, due_at, created_at)
                VALUES (\(TimerKind.appointmentReminder.rawValue), \(id), \(appointmentId), \(remindAt), \(now))
                """, logger: db.logger)
            try await EventLog.append(
                conn, caseId: id, type: .appointmentScheduled, actor: EventActor(caller),
                data: .object([
                    "appointment_id": .string(appointmentId.lowercased), "kind": .string(plan.kind.rawValue),
                    "starts_at": .string(Timestamp.format(plan.startsAt)),
                ]), at: now, db: db)
            try await Outbox.toParties(
                plan.parties.sorted { $0.rawValue < $1.rawValue }, caseId: id, kind: .appointmentScheduled,
                message: Messages.appointment(
                    .appointmentScheduled, kind: plan.kind, startsAt: plan.startsAt, location: plan.location, onlineURL: plan.onlineURL,
                    reference: current.reference, serviceURL: settings.publicURL),
                at: now, conn: conn, db: db)
            guard let stored = try await appointments(of: id, for: caller, conn: conn).first(where: { $0.id == appointmentId }) else {
                throw AppError.unavailable
            }
            return stored
        }
    }

    /// An invited party says whether it comes (its latest answer counts).
    public func answerAppointment(
        _ id: UUID, appointment appointmentId: UUID, attending: Bool, note: String?, by caller: Caller, at now: Date
    ) async throws -> AppointmentRecord {
        try await changeAppointment(id, appointmentId, .answerAppointment, by: caller, at: now) { current, appointment, conn in
            guard let party = caller.party else { throw AppError.internalError }
            try await conn.run(
                """
                INSERT INTO appointment_responses (appointment_id, party, attending, note, answered_at)
                VALUES (\(appointmentId), \(party.role), \(attending), \(note), \(now))
                ON CONFLICT (appointment_id, party)
                DO UPDATE SET attending = EXCLUDED.attending, note = EXCLUDED.note, answered_at = EXCLUDED.answered_at
                """, logger: db.logger)
            try await EventLog.append(
                conn, caseId: id, type: .appointmentAnswered, actor: EventActor(caller),
                data: .object(["appointment_id": .string(appointmentId.lowercased), "attending": .bool(attending)]), at: now, db: db)
        }
    }

    /// The chair or a coordinator cancels a scheduled appointment; the invited parties are told.
    public func cancelAppointment(
        _ id: UUID, appointment appointmentId: UUID, reason: String, by caller: Caller, at now: Date
    ) async throws -> AppointmentRecord {
        try await changeAppointment(id, appointmentId, .cancelAppointment, by: caller, at: now) { current, appointment, conn in
            try await conn.run(
                """
                UPDATE appointments SET status = 'cancelled', cancel_reason = \(reason), cancelled_at = \(now)
                 WHERE id = \(appointmentId) AND status = 'scheduled'
                """, logger: db.logger)
            try await EventLog.append(
                conn, caseId: id, type: .appointmentCancelled, actor: EventActor(caller),
                data: .object(["appointment_id": .string(appointmentId.lowercased)]), at: now, db: db)
            try await Outbox.toParties(
                appointment.parties, caseId: id, kind: .appointmentCancelled,
                message: Messages.appointment(
                    .appointmentCancelled, kind: appointment.kind, startsAt: appointment.startsAt, location: appointment.location,
                    onlineURL: appointment.onlineURL, reference: current.reference, serviceURL: settings.publicURL),
                at: now, conn: conn, db: db)
        }
    }

    /// The chair reports after the appointment started: held or not, a summary
    /// for both parties, medical notes only where the medical rule allows.
    public func reportAppointment(
        _ id: UUID, appointment appointmentId: UUID, held: Bool, summary: String?, medicalNotes: String?, by caller: Caller, at now: Date
    ) async throws -> AppointmentRecord {
        try await changeAppointment(id, appointmentId, .reportAppointment, by: caller, at: now) { current, appointment, conn in
            guard let staff = caller.staff else { throw AppError.internalError }
            try await conn.run(
                """
                UPDATE appointments SET status = \(held ? "held" : "not_held"), summary = \(summary), reported_at = \(now),
                                        reported_by = \(staff.id)
                 WHERE id = \(appointmentId) AND status = 'scheduled'
                """, logger: db.logger)
            if let medicalNotes {
                try await conn.run(
                    "INSERT INTO appointment_medical (appointment_id, medical_notes) VALUES (\(appointmentId), \(medicalNotes))",
                    logger: db.logger)
            }
            try await EventLog.append(
                conn, caseId: id, type: .appointmentReported, actor: EventActor(caller),
                data: .object(["appointment_id": .string(appointmentId.lowercased), "held": .bool(held)]), at: now, db: db)
            try await Outbox.toParties(
                appointment.parties, caseId: id, kind: .appointmentReported,
                message: Messages.appointment(
                    .appointmentReported, kind: appointment.kind, startsAt: appointment.startsAt, location: appointment.location,
                    onlineURL: appointment.onlineURL, reference: current.reference, serviceURL: settings.publicURL),
                at: now, conn: conn, db: db)
        }
    }

    /// The case's appointments as `caller` sees them.
    public func appointments(_ id: UUID, caller: Caller, at now: Date, seen: CaseRecord? = nil) async throws -> [AppointmentRecord] {
        _ = try await visible(id, caller: caller, seen: seen)
        return try await db.transaction { conn in
            let items = try await appointments(of: id, for: caller, conn: conn)
            if let staff = caller.staff, items.contains(where: { $0.medicalNotes != nil }) {
                try await EventLog.append(
                    conn, caseId: id, type: .medicalDataViewed, actor: EventActor(caller),
                    data: .object(["fields": .array(["appointment_medical_notes"]), "role": .string(staff.role.rawValue)]), at: now, db: db)
            }
            return items
        }
    }

    /// Locks the case, decides the action on the appointment as it is, runs the change, returns the appointment after it.
    private func changeAppointment(
        _ id: UUID, _ appointmentId: UUID, _ action: CaseAction, by caller: Caller, at now: Date,
        _ change: @Sendable (CaseRecord, AppointmentRecord, PostgresConnection) async throws -> Void
    ) async throws -> AppointmentRecord {
        try CaseActions.permits(action, caller).enforce()
        return try await db.transaction { conn in
            let current = try await locked(id, for: .read, by: caller, at: now, conn: conn)
            guard let appointment = try await appointments(of: id, for: caller, conn: conn).first(where: { $0.id == appointmentId }) else {
                throw AppError.notFound
            }
            let facts = current.facts(settings.procedure, calendar: try await deadlines.policy(on: conn).calendar)
            try CaseActions.onAppointment(action, appointment.facts, by: caller, on: facts, at: now).enforce()
            try await change(current, appointment, conn)
            guard let after = try await appointments(of: id, for: caller, conn: conn).first(where: { $0.id == appointmentId }) else {
                throw AppError.unavailable
            }
            return after
        }
    }

    /// A case's appointments with the answers, oldest first: medical notes by
    /// the medical-field rule (opened for this read only when the database agrees);
    /// a party sees its own note, not the other party's.
    func appointments(of id: UUID, for caller: Caller, conn: PostgresConnection) async throws -> [AppointmentRecord] {
        let viewer = ViewerBinds(caller)
        let medical = try await conn.rows(
            "SELECT open_medical(\(id), \(viewer.kind), \(viewer.role), \(viewer.staffId), \(viewer.caseId))", logger: db.logger)
        let opened = try medical.first?.decode(Bool.self) ?? false
        let ownParty = caller.party?.role.rawValue
        let rows = try await conn.rows(
            """
            SELECT a.id, a.kind, a.starts_at, a.duration_minutes, a.location, a.online_url, a.parties, a.examiner_id, a.status,
                   a.cancel_reason, a.cancelled_at, a.summary, a.reported_at,
                   CASE WHEN \(opened) THEN (SELECT m.medical_notes FROM appointment_medical m WHERE m.appointment_id = a.id) END,
                   (SELECT coalesce(jsonb_object_agg(r.party, jsonb_build_object(
                               'attending', r.attending,
                               'note', CASE WHEN \(ownParty)::text IS NULL OR r.party = \(ownParty) THEN r.note END,
                               'at_ms', floor(extract(epoch FROM r.answered_at) * 1000)::bigint)), '{}')
                      FROM appointment_responses r WHERE r.appointment_id = a.id)
              FROM appointments a WHERE a.case_id = \(id)
             ORDER BY a.starts_at, a.id
            """, logger: db.logger)
        if opened { try await conn.run("SELECT close_medical()", logger: db.logger) }
        return try rows.map { row in
            let (aid, kind, startsAt, duration, location, url, parties, examiner, status, cancelReason, cancelledAt, summary, reportedAt, notes, responses) =
                try row.decode(
                    (UUID, String, Date, Int, String?, String?, [String], UUID?, String, String?, Date?, String?, Date?, String?,
                     AppointmentResponsesJSON).self)
            var answers: [PartyRole: AppointmentResponse] = [:]
            for (party, answer) in responses.byParty {
                if let party = PartyRole(rawValue: party) {
                    answers[party] = AppointmentResponse(
                        attending: answer.attending, note: answer.note, at: Date(timeIntervalSince1970: TimeInterval(answer.at_ms) / 1000))
                }
            }
            return AppointmentRecord(
                id: aid, kind: AppointmentKind(rawValue: kind) ?? .hearing, startsAt: startsAt, durationMinutes: duration, location: location,
                onlineURL: url, parties: parties.compactMap(PartyRole.init(rawValue:)), examinerId: examiner,
                status: AppointmentStatus(rawValue: status) ?? .scheduled, cancelReason: cancelReason, cancelledAt: cancelledAt,
                summary: summary, reportedAt: reportedAt, medicalNotes: notes, responses: answers)
        }
    }
}

/// The answers of an appointment, keyed by party (a jsonb object).
struct AppointmentResponsesJSON: Decodable, PostgresDecodable, Sendable {
    let byParty: [String: AppointmentResponseJSON]
    init(from decoder: any Decoder) throws {
        byParty = try [String: AppointmentResponseJSON](from: decoder)
    }
}

struct AppointmentResponseJSON: Decodable, Sendable {
    let attending: Bool
    let note: String?
    let at_ms: Int64
}
