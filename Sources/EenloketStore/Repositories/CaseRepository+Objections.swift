import EenloketDomain
import Foundation
import PostgresNIO

extension CaseRepository {
    // MARK: Objections to a panel member

    /// A party objects to a member of the case's panel: within the window after
    /// that member joined, once while undecided. The coordinators decide; until
    /// then the panel does not decide the case. Both parties and the coordinators are told.
    public func lodgeObjection(_ id: UUID, staffId: UUID, reason: String, by caller: Caller, at now: Date) async throws -> ObjectionRecord {
        try await db.transaction { conn in
            let current = try await locked(id, for: .lodgeObjection, by: caller, at: now, conn: conn)
            let facts = current.facts(settings.procedure, calendar: try await deadlines.policy(on: conn).calendar)
            try CaseActions.objection(against: staffId, by: caller, on: facts, at: now).enforce()
            guard let party = caller.party, let seat = current.panel.first(where: { $0.staffId == staffId }) else {
                throw AppError.internalError
            }
            let objection = ObjectionRecord(
                id: UUID(), caseId: id, reference: current.reference, staffId: staffId, staffName: seat.name, party: party.role,
                reason: reason, lodgedAt: now, decision: nil)
            do {
                try await conn.run(
                    """
                    INSERT INTO objections (id, case_id, staff_id, party, reason, lodged_at)
                    VALUES (\(objection.id), \(id), \(staffId), \(party.role), \(reason), \(now))
                    """, logger: db.logger)
            } catch where DatabaseErrors.isUniqueViolation(error) {
                throw AppError.conflict("U heeft al bezwaar gemaakt tegen dit panellid. Een coördinator beslist daar eerst over.")
            }
            try await EventLog.append(
                conn, caseId: id, type: .objectionLodged, actor: EventActor(caller),
                data: .object(["party": .string(party.role.rawValue), "staff_id": .string(staffId.lowercased)]), at: now, db: db)
            try await Outbox.toParties(
                nil, caseId: id, kind: .objectionLodged,
                message: Messages.render(.objectionLodged, reference: current.reference, serviceURL: settings.publicURL),
                at: now, conn: conn, db: db)
            try await Outbox.toRole(
                .coordinator, caseId: id, kind: .objectionLodged,
                message: Messages.objectionForCoordinators(reference: current.reference, serviceURL: settings.publicURL),
                at: now, conn: conn, db: db)
            return objection
        }
    }

    /// A coordinator or an admin decides an objection, once. Upheld: the member
    /// leaves the panel for good and the seat is routed anew. Both parties and
    /// the member are told.
    public func decideObjection(
        _ objectionId: UUID, upheld: Bool, motivation: String, by caller: Caller, at now: Date
    ) async throws -> ObjectionRecord {
        try CaseActions.permits(.decideObjection, caller).enforce()
        let decided: ObjectionRecord = try await db.transaction { conn in
            let found = try await conn.rows("SELECT case_id FROM objections WHERE id = \(objectionId)", logger: db.logger)
            guard let caseId = try found.first?.decode(UUID.self) else { throw AppError.notFound }
            let current = try await locked(caseId, for: .decideObjection, by: caller, at: now, conn: conn)
            guard let staff = caller.staff else { throw AppError.internalError }
            let rows = try await conn.rows(
                """
                UPDATE objections SET upheld = \(upheld), motivation = \(motivation), decided_at = \(now), decided_by = \(staff.id)
                 WHERE id = \(objectionId) AND decided_at IS NULL
                RETURNING staff_id, party
                """, logger: db.logger)
            guard let row = rows.first else { throw AppError.conflict("Over dit bezwaar is al beslist.") }
            let (memberId, party) = try row.decode((UUID, PartyRole).self)
            try await EventLog.append(
                conn, caseId: caseId, type: .objectionDecided, actor: EventActor(caller),
                data: .object(["upheld": .bool(upheld), "party": .string(party.rawValue), "staff_id": .string(memberId.lowercased)]),
                at: now, db: db)
            if upheld, let seat = current.panel.first(where: { $0.staffId == memberId }), CaseActions.panelChangeStatuses.contains(current.status) {
                try await leavePanel(current, seat: seat, reason: .objectionUpheld, at: now, conn: conn)
            }
            try await Outbox.toParties(
                nil, caseId: caseId, kind: .objectionDecided,
                message: Messages.objectionDecided(upheld: upheld, reference: current.reference, serviceURL: settings.publicURL), at: now, conn: conn, db: db)
            try await Outbox.toStaff(
                [memberId], caseId: caseId, kind: .objectionDecided,
                message: Messages.objectionDecidedForMember(upheld: upheld, reference: current.reference, serviceURL: settings.publicURL),
                at: now, conn: conn, db: db)
            guard let objection = try await objections(of: caseId, on: conn).first(where: { $0.id == objectionId }) else {
                throw AppError.unavailable
            }
            return objection
        }
        if upheld { await rerouteAfterRelease(at: now) }
        return decided
    }

    /// A member of the case's panel steps aside (a conflict of interest found
    /// later): the same effect as an upheld objection; only before a draft.
    public func stepAside(_ id: UUID, reason: String, by caller: Caller, at now: Date) async throws -> CaseRecord {
        let record: CaseRecord = try await db.transaction { conn in
            let current = try await locked(id, for: .stepAside, by: caller, at: now, conn: conn)
            guard let staff = caller.staff, let seat = current.panel.first(where: { $0.staffId == staff.id }) else {
                throw AppError.internalError
            }
            try await conn.run(
                "INSERT INTO panel_step_asides (case_id, staff_id, reason, stepped_at) VALUES (\(id), \(staff.id), \(reason), \(now))",
                logger: db.logger)
            try await EventLog.append(
                conn, caseId: id, type: .memberSteppedAside, actor: EventActor(caller),
                data: .object(["staff_id": .string(staff.id.lowercased), "discipline": .string(seat.discipline.rawValue)]), at: now, db: db)
            try await leavePanel(current, seat: seat, reason: .steppedAside, at: now, conn: conn)
            try await Outbox.toParties(
                nil, caseId: id, kind: .memberSteppedAside,
                message: Messages.render(.memberSteppedAside, reference: current.reference, serviceURL: settings.publicURL),
                at: now, conn: conn, db: db)
            try await Outbox.toRole(
                .coordinator, caseId: id, kind: .memberSteppedAside,
                message: Messages.steppedAsideForCoordinators(reference: current.reference, serviceURL: settings.publicURL),
                at: now, conn: conn, db: db)
            guard var after = try await load(id, on: conn) else { throw AppError.unavailable }
            try await attachMedical(&after, for: caller, at: now, on: conn)
            return after
        }
        await rerouteAfterRelease(at: now)
        return record
    }

    /// Undecided objections of every case, oldest first (coordinators and admins).
    public func undecidedObjections(by caller: Caller, limit: Int = 200) async throws -> [ObjectionRecord] {
        try CaseActions.permits(.decideObjection, caller).enforce()
        let rows = try await db.rows(
            """
            \(unescaped: Self.objectionSelect)
             WHERE o.decided_at IS NULL
             ORDER BY o.lodged_at, o.id
             LIMIT \(limit)
            """)
        return try rows.map(Self.decodeObjection)
    }

    /// A case's objections, oldest first.
    func objections(of caseId: UUID, on conn: PostgresConnection) async throws -> [ObjectionRecord] {
        let rows = try await conn.rows(
            "\(unescaped: Self.objectionSelect) WHERE o.case_id = \(caseId) ORDER BY o.lodged_at, o.id", logger: db.logger)
        return try rows.map(Self.decodeObjection)
    }

    static let objectionSelect = """
        SELECT o.id, o.case_id, c.reference, o.staff_id, s.name, o.party, o.reason, o.lodged_at, o.upheld, o.motivation, o.decided_at
          FROM objections o JOIN cases c ON c.id = o.case_id JOIN staff s ON s.id = o.staff_id
        """

    static func decodeObjection(_ row: PostgresRow) throws -> ObjectionRecord {
        let (id, caseId, reference, staffId, name, party, reason, lodged, upheld, motivation, decided) = try row.decode(
            (UUID, UUID, String, UUID, String, PartyRole, String, Date, Bool?, String?, Date?).self)
        var decision: ObjectionDecision?
        if let upheld, let motivation, let decided { decision = ObjectionDecision(upheld: upheld, motivation: motivation, decidedAt: decided) }
        return ObjectionRecord(
            id: id, caseId: caseId, reference: reference, staffId: staffId, staffName: name, party: party, reason: reason, lodgedAt: lodged,
            decision: decision)
    }

    // MARK: Leaving a panel

    /// Why a member gave up a seat.
    enum SeatRelease: String {
        case replaced
        case objectionUpheld = "objection_upheld"
        case steppedAside = "stepped_aside"
    }

    /// A member leaves the case's panel for good: the chair passes to the
    /// earliest assigned physician still on it, a case in review waits for its
    /// panel again, and routing fills the seat by the usual rules (a member who
    /// left is never chosen again).
    func leavePanel(_ current: CaseRecord, seat: PanelSeat, reason: SeatRelease, at now: Date, conn: PostgresConnection) async throws {
        try await conn.run(
            """
            UPDATE panel_assignments SET released_at = \(now), release_reason = \(reason.rawValue)
             WHERE case_id = \(current.id) AND staff_id = \(seat.staffId) AND released_at IS NULL
            """, logger: db.logger)
        if seat.chair {
            try await conn.run(
                """
                UPDATE panel_assignments SET is_chair = true
                 WHERE id = (SELECT id FROM panel_assignments
                              WHERE case_id = \(current.id) AND released_at IS NULL
                                AND discipline IN ('bedrijfsarts', 'verzekeringsarts')
                              ORDER BY id LIMIT 1)
                """, logger: db.logger)
        }
        try await reopenAndRoute(current, at: now, conn: conn)
    }

    /// A case in review whose panel changed waits for its panel again; routing fills what is missing.
    func reopenAndRoute(_ current: CaseRecord, at now: Date, conn: PostgresConnection) async throws {
        if current.status == .inReview {
            let reopened = try await conn.rows(
                try """
                UPDATE cases SET status = \(CaseTransition.reopenPanel.to), updated_at = \(now)
                 WHERE id = \(current.id) AND status = ANY(\(CaseTransition.reopenPanel.from.map(\.rawValue))) RETURNING id
                """, logger: db.logger)
            guard !reopened.isEmpty else { throw AppError.conflict("Een gelijktijdige wijziging ging voor.") }
        }
        _ = try await routing.route(lockedCase: current.id, at: now, conn: conn)
    }
}
