import EenloketDomain
import Foundation
import PostgresNIO

extension CaseRepository {
    /// Adds a written statement by a party or a panel member. A statement of the
    /// invited party counts as its response (the panel may then rule).
    public func addStatement(
        _ id: UUID, text: String, medical: Bool, by caller: Caller, at now: Date
    ) async throws -> StatementRecord {
        try await db.transaction { conn in
            let current = try await locked(id, for: .addStatement, by: caller, at: now, medical: medical, conn: conn)
            let statementId = UUID()
            let authorRole = caller.party?.role.rawValue ?? StaffRole.panelMember.rawValue
            try await conn.run(
                """
                INSERT INTO case_statements (id, case_id, author_role, author_staff_id, text, medical, created_at)
                VALUES (\(statementId), \(id), \(authorRole), \(caller.staff?.id), \(text), \(medical), \(now))
                """, logger: db.logger)
            let replyUntil = try await takeTurn(current, by: caller, at: now, conn: conn)
            try await EventLog.append(
                conn, caseId: id, type: .statementAdded, actor: EventActor(caller),
                data: .object(["author_role": .string(authorRole), "medical": .bool(medical)]), at: now, db: db)
            if let party = caller.party {
                try await Outbox.toParties(
                    [party.role.other], caseId: id, kind: .statementFromOtherParty,
                    message: Messages.render(
                        .statementFromOtherParty, reference: current.reference, serviceURL: settings.publicURL,
                        detail: replyUntil.map(Dutch.until)),
                    at: now, conn: conn, db: db)
            }
            let colleagues = current.panel.map(\.staffId).filter { $0 != caller.staff?.id }
            try await Outbox.toStaff(
                colleagues, caseId: id, kind: .statementAdded,
                message: Messages.render(.statementAdded, reference: current.reference, serviceURL: settings.publicURL),
                at: now, conn: conn, db: db)
            return StatementRecord(
                id: statementId, authorRole: authorRole, authorStaffId: caller.staff?.id, text: text, medical: medical, createdAt: now)
        }
    }

    /// Records a party's turn in the hearing. The invited party's first
    /// statement is its response and opens the filer's reply window (returned,
    /// to tell the filer until when); the filer's first statement after that is
    /// the reply.
    private func takeTurn(_ current: CaseRecord, by caller: Caller, at now: Date, conn: PostgresConnection) async throws -> Date? {
        guard let party = caller.party, let hearing = current.hearing else { return nil }
        if !party.isFiler {
            guard hearing.respondedAt == nil else { return nil }
            let end = Hearing.windowEnd(
                invitedAt: now, workingDays: settings.hearingWindowDays, calendar: try await deadlines.policy(on: conn).calendar)
            try await conn.run(
                """
                UPDATE case_parties SET responded_at = \(now) WHERE case_id = \(current.id) AND NOT is_filer AND responded_at IS NULL
                """, logger: db.logger)
            try await conn.run(
                "UPDATE case_parties SET reply_window_ends_at = \(end) WHERE case_id = \(current.id) AND is_filer", logger: db.logger)
            return settings.hearingWindowDays > 0 ? end : nil
        }
        if hearing.respondedAt != nil && hearing.filerRepliedAt == nil {
            try await conn.run(
                "UPDATE case_parties SET replied_at = \(now) WHERE case_id = \(current.id) AND is_filer AND replied_at IS NULL",
                logger: db.logger)
        }
        return nil
    }

    /// The statements the caller may see: medical ones only for those the
    /// medical-field rule allows; a staff member shown one leaves an access event.
    public func statements(_ id: UUID, caller: Caller, at now: Date, seen: CaseRecord? = nil) async throws -> [StatementRecord] {
        let record = try await visible(id, caller: caller, seen: seen)
        let medicalAllowed = StatementPolicy.maySeeMedical(caller, record.accessFacts)
        let viewer = ViewerBinds(caller)
        // Medical statements are behind row-level security: opened for this
        // transaction only when the database's rule agrees with ours.
        let statements: [StatementRecord] = try await db.transaction { conn in
            if medicalAllowed {
                try await conn.run(
                    "SELECT open_medical(\(id), \(viewer.kind), \(viewer.role), \(viewer.staffId), \(viewer.caseId))", logger: db.logger)
            }
            let rows = try await conn.rows(
                """
                SELECT id, author_role, author_staff_id, text, medical, created_at FROM case_statements
                 WHERE case_id = \(id) AND (\(medicalAllowed) OR NOT medical)
                 ORDER BY created_at, id
                """, logger: db.logger)
            if medicalAllowed { try await conn.run("SELECT close_medical()", logger: db.logger) }
            return try rows.map { row in
                let (sid, role, staff, text, medical, at) = try row.decode((UUID, String, UUID?, String, Bool, Date).self)
                return StatementRecord(id: sid, authorRole: role, authorStaffId: staff, text: text, medical: medical, createdAt: at)
            }
        }
        if let staff = caller.staff, statements.contains(where: \.medical) {
            try await db.transaction { conn in
                try await EventLog.append(
                    conn, caseId: id, type: .medicalDataViewed, actor: EventActor(caller),
                    data: .object(["fields": .array(["statements"]), "role": .string(staff.role.rawValue)]), at: now, db: db)
            }
        }
        return statements
    }

    // MARK: Changing a working panel

    /// A coordinator widens the panel (adds a discipline) or replaces a member,
    /// with a motivation. Routing rules apply to the new seat; when nobody can
    /// take it yet, the case waits for a panel again. The ruling deadline stays.
    public func changePanel(_ id: UUID, _ change: PanelChange, motivation: String, by caller: Caller, at now: Date) async throws -> CaseRecord {
        let record: CaseRecord = try await db.transaction { conn in
            let current = try await locked(id, for: .changePanel, by: caller, at: now, conn: conn)
            var data: [String: JSONValue] = ["motivation": .string(motivation)]
            var leaving: PanelSeat?
            switch change {
            case .addDiscipline(let discipline):
                guard !(current.triage?.disciplines.contains(discipline) ?? false) else {
                    throw AppError.invalid("discipline", "Deze discipline zit al in het panel.")
                }
                try await conn.run(
                    """
                    UPDATE cases SET requested_disciplines = array_append(requested_disciplines, \(discipline.rawValue)),
                                     updated_at = \(now)
                     WHERE id = \(id)
                    """, logger: db.logger)
                data["action"] = "add_discipline"
                data["discipline"] = .string(discipline.rawValue)
            case .replaceMember(let staffId):
                guard let seat = current.panel.first(where: { $0.staffId == staffId }) else {
                    throw AppError.invalid("staff_id", "Dit panellid zit niet in het panel van deze zaak.")
                }
                data["action"] = "replace_member"
                data["staff_id"] = .string(staffId.lowercased)
                data["discipline"] = .string(seat.discipline.rawValue)
                leaving = seat
            }
            try await EventLog.append(conn, caseId: id, type: .panelChanged, actor: EventActor(caller), data: .object(data), at: now, db: db)
            if let leaving {
                try await leavePanel(current, seat: leaving, reason: .replaced, at: now, conn: conn)
            } else {
                try await reopenAndRoute(current, at: now, conn: conn)
            }
            guard let after = try await load(id, on: conn) else { throw AppError.unavailable }
            return after
        }
        // A replaced member's seat is free for waiting cases.
        await rerouteAfterRelease(at: now)
        return record
    }

    // MARK: After-care

    /// The check-ins of a case: a party sees its own that are due; staff see all,
    /// but the employee's remarks only when they may see the medical fields.
    /// Staff shown an employee's remarks leave a `medical_data_viewed` event,
    /// in the same transaction as the read.
    public func followUps(_ id: UUID, caller: Caller, at now: Date, seen: CaseRecord? = nil) async throws -> [FollowUpRecord] {
        let record = try await visible(id, caller: caller, seen: seen)
        let party = caller.party?.role.rawValue
        let employeeRemarks = CaseAccessPolicy.canSeeMedical(caller, record.accessFacts)
        return try await db.transaction { conn in
            let rows = try await conn.rows(
                """
                SELECT id, party, sequence, due_at, answer_by, answered_at, carried_out, return_to_work, needs_help,
                       CASE WHEN party = 'employer' OR \(employeeRemarks) THEN remarks END,
                       remarks IS NOT NULL AND party = 'employee' AND NOT \(employeeRemarks), missed_at,
                       CASE WHEN party = 'employee' AND answered_at IS NOT NULL AND \(employeeRemarks) THEN signals END
                  FROM follow_ups
                 WHERE case_id = \(id) AND (\(party)::text IS NULL OR (party = \(party) AND due_at <= \(now)))
                 ORDER BY sequence, party
                """, logger: db.logger)
            let items = try rows.map(Self.decodeFollowUp)
            let remarks = items.contains { $0.party == .employee && $0.remarks != nil }
            let signals = items.contains { !($0.signals ?? []).isEmpty }
            if let staff = caller.staff, remarks || signals {
                let fields = (remarks ? ["follow_up_remarks"] : []) + (signals ? ["follow_up_signals"] : [])
                try await EventLog.append(
                    conn, caseId: id, type: .medicalDataViewed, actor: EventActor(caller),
                    data: .object(["fields": .array(fields.map(JSONValue.string)), "role": .string(staff.role.rawValue)]), at: now, db: db)
            }
            return items
        }
    }

    /// A party answers a due check-in. "Not carried out" flags the case to the coordinators.
    public func answerFollowUp(
        _ id: UUID, followUp: UUID, _ answer: FollowUpAnswer, by caller: Caller, at now: Date
    ) async throws -> FollowUpRecord {
        try CaseActions.permits(.answerFollowUp, caller).enforce()
        guard let party = caller.party else { throw AppError.internalError }
        if party.role != .employee && !answer.signals.isEmpty {
            throw AppError.invalid("signals", "Alleen de werknemer beantwoordt de vragen over hoe het werk gaat.")
        }
        return try await db.transaction { conn in
            let current = try await locked(id, for: .answerFollowUp, by: caller, at: now, conn: conn)
            let rows = try await conn.rows(
                """
                UPDATE follow_ups
                   SET answered_at = \(now), carried_out = \(answer.carriedOut), return_to_work = \(answer.returnToWork),
                       needs_help = \(answer.needsHelp), remarks = \(answer.remarks),
                       signals = \(answer.signals.map(\.rawValue).sorted())::text[]
                 WHERE id = \(followUp) AND case_id = \(id) AND party = \(party.role)
                   AND due_at <= \(now) AND answered_at IS NULL AND missed_at IS NULL
                RETURNING id, party, sequence, due_at, answer_by, answered_at, carried_out, return_to_work, needs_help, remarks,
                          false, missed_at, CASE WHEN party = 'employee' THEN signals END
                """, logger: db.logger)
            guard let row = rows.first else {
                let exists = try await conn.rows(
                    "SELECT 1 FROM follow_ups WHERE id = \(followUp) AND case_id = \(id) AND party = \(party.role) AND due_at <= \(now)",
                    logger: db.logger)
                try CaseActions.answerable(followUpDue: !exists.isEmpty, stillOpen: false).enforce()
                throw AppError.internalError
            }
            let record = try Self.decodeFollowUp(row)
            if let returnedOn = answer.returnedOn {
                try Self.checkReturn(returnedOn, of: current)
                try await FollowUps.replan(
                    caseId: id, returnedOn: returnedOn, policy: try await deadlines.policy(on: conn), actor: EventActor(caller), at: now,
                    conn: conn, db: db)
            }
            try await EventLog.append(
                conn, caseId: id, type: .followUpAnswered, actor: EventActor(caller),
                data: .object([
                    "sequence": .number(Double(record.sequence)), "carried_out": .string(answer.carriedOut.rawValue),
                    "needs_help": .bool(answer.needsHelp),
                ]), at: now, db: db)
            if FollowThrough.needsAttention(answer.carriedOut) {
                try await Escalations.raise(
                    caseId: id, kind: .rulingNotCarriedOut,
                    detail: "de \(party.role == .employee ? "werknemer" : "werkgever") meldt dat het oordeel niet wordt uitgevoerd",
                    reference: current.reference, settings: settings, at: now, conn: conn, db: db)
            }
            if let why = FollowThrough.helpWanted(by: party.role, needsHelp: answer.needsHelp, returnToWork: answer.returnToWork) {
                try await Escalations.raise(
                    caseId: id, kind: .afterCareHelp, detail: why, reference: current.reference, settings: settings, at: now,
                    conn: conn, db: db)
            }
            return record
        }
    }

    /// Staff record the day the employee returned to work (`PUT …/return-to-work`);
    /// the open check-ins then count from it. Returns how many check-ins moved.
    public func recordReturnToWork(_ id: UUID, on day: LocalDate, by caller: Caller, at now: Date) async throws -> Int {
        try await db.transaction { conn in
            let current = try await locked(id, for: .recordReturnToWork, by: caller, at: now, conn: conn)
            try Self.checkReturn(day, of: current)
            return try await FollowUps.replan(
                caseId: id, returnedOn: day, policy: try await deadlines.policy(on: conn), actor: EventActor(caller), at: now, conn: conn,
                db: db)
        }
    }

    /// A return to work lies within the sickness (the database checks the same).
    static func checkReturn(_ day: LocalDate, of record: CaseRecord) throws {
        if day < record.sickSince {
            throw AppError.invalid(
                "returned_on", "De terugkeer naar werk ligt na de eerste ziektedag (\(record.sickSince)). Controleer de datum.")
        }
    }

    static func decodeFollowUp(_ row: PostgresRow) throws -> FollowUpRecord {
        let (id, party, sequence, due, answerBy, answered, carried, ret, help, remarks, withheld, missed, signals) = try row.decode(
            (UUID, PartyRole, Int, Date, Date, Date?, RulingCarriedOut?, ReturnToWork?, Bool?, String?, Bool, Date?, [String]?).self)
        return FollowUpRecord(
            id: id, party: party, sequence: sequence, dueAt: due, answerBy: answerBy, answeredAt: answered, carriedOut: carried,
            returnToWork: ret, needsHelp: help, remarks: remarks, remarksWithheld: withheld, missedAt: missed,
            signals: signals.map { $0.compactMap(WorkSignal.init(rawValue:)) })
    }
}
