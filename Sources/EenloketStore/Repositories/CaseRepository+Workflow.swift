import EenloketDomain
import Foundation
import PostgresNIO

extension CaseRepository {
    // MARK: Triage

    /// Records the intake officer's decision. `accept` routes the case at once.
    /// Of several concurrent triage requests exactly one succeeds (the case row
    /// lock and the status condition); the others get 409.
    public func triage(_ id: UUID, _ input: TriageInput, by caller: Caller, at now: Date) async throws -> CaseRecord {
        let policy = try await deadlines.policy()
        var record: CaseRecord = try await db.transaction { conn in
            guard let current = try await load(id, on: conn, lock: true),
                CaseAccessPolicy.canSee(caller, current.accessFacts)
            else { throw AppError.notFound }
            guard current.status == .submitted else {
                throw AppError.conflict("Deze zaak is al beoordeeld (status \(current.status.rawValue)).")
            }
            // Accepting starts in awaiting_panel; routing below may complete the panel.
            let transition = CaseTransition.triage(input.decision, panelComplete: false)
            let updated = try await conn.rows(
                try """
                UPDATE cases
                   SET status = \(transition.to), case_type = \(input.caseType), triage_decision = \(input.decision),
                       triage_motivation = \(input.motivation), requested_disciplines = \(input.disciplines.map(\.rawValue)),
                       triaged_at = \(now), triaged_by = \(caller.staff?.id), updated_at = \(now)
                 WHERE id = \(id) AND status = ANY(\(transition.from.map(\.rawValue)))
                RETURNING id
                """, logger: db.logger)
            guard !updated.isEmpty else { throw AppError.conflict("Een gelijktijdige beoordeling ging voor.") }
            try await DeadlineWriter.meet(.triage, caseIds: [id], at: now, conn: conn, db: db)
            var data: [String: JSONValue] = [
                "decision": .string(input.decision.rawValue), "status": .string(transition.to.rawValue),
            ]
            if let type = input.caseType { data["case_type"] = .string(type.rawValue) }
            if !input.disciplines.isEmpty { data["disciplines"] = .array(input.disciplines.map { .string($0.rawValue) }) }
            try await EventLog.append(
                conn, caseId: id, type: "case_triaged", actor: EventActor(caller), data: .object(data), at: now, db: db)
            if input.decision == .accept {
                try await DeadlineWriter.start(.panel, caseIds: [id], at: now, policy: policy, conn: conn, db: db)
                _ = try await routing.route(lockedCases: [id], at: now, conn: conn)
            }
            guard let after = try await load(id, on: conn) else { throw AppError.unavailable }
            return after
        }
        try await attachMedical(&record, for: caller, at: now)
        return record
    }

    // MARK: Ruling

    /// Records the binding ruling: only the chair of the case's panel, only in
    /// `in_review`, once. The case becomes `ruled` and its members' seats free up.
    public func rule(_ id: UUID, _ input: RulingInput, by caller: Caller, at now: Date) async throws -> CaseRecord {
        guard let staff = caller.staff else { throw AppError.forbidden("Alleen de voorzitter van het panel mag uitspraak doen.") }
        var record: CaseRecord = try await db.transaction { conn in
            guard let current = try await load(id, on: conn, lock: true),
                CaseAccessPolicy.canSee(caller, current.accessFacts)
            else { throw AppError.notFound }
            guard current.panel.contains(where: { $0.staffId == staff.id && $0.chair }) else {
                throw AppError.forbidden("Alleen de voorzitter van het panel van deze zaak mag uitspraak doen.")
            }
            if current.ruling != nil { throw AppError.conflict("Deze zaak heeft al een uitspraak.") }
            guard CaseTransition.rule.from.contains(current.status) else {
                throw AppError.conflict("Uitspraak kan alleen als het panel de zaak behandelt (status \(current.status.rawValue)).")
            }
            let decidedAt = Timestamp.format(now)
            let panelIds = current.panel.map(\.staffId)
            let digest = RulingDigest.compute(
                caseId: id, outcome: input.outcome, decision: input.decision, motivation: input.motivation,
                medicalConsiderations: input.medicalConsiderations, decidedAt: decidedAt, panel: panelIds)
            let moved = try await conn.rows(
                try """
                UPDATE cases SET status = \(CaseTransition.rule.to), updated_at = \(now)
                 WHERE id = \(id) AND status = ANY(\(CaseTransition.rule.from.map(\.rawValue))) RETURNING id
                """, logger: db.logger)
            guard !moved.isEmpty else { throw AppError.conflict("Een gelijktijdige wijziging ging voor.") }
            try await conn.run(
                try """
                INSERT INTO rulings (case_id, outcome, decision, motivation, decided_at, decided_on, decided_by, panel, digest)
                VALUES (\(id), \(input.outcome), \(input.decision), \(input.motivation), \(now),
                        \(AmsterdamTime.date(of: now).description)::date, \(staff.id), \(panelIds), \(digest))
                """, logger: db.logger)
            if let medical = input.medicalConsiderations {
                try await conn.run(
                    "INSERT INTO ruling_medical (case_id, medical_considerations) VALUES (\(id), \(medical))", logger: db.logger)
            }
            try await DeadlineWriter.meet(.ruling, caseIds: [id], at: now, conn: conn, db: db)
            try await EventLog.append(
                conn, caseId: id, type: "ruling_recorded", actor: EventActor(caller),
                data: .object(["outcome": .string(input.outcome.rawValue), "digest": .string(digest), "status": "ruled"]),
                at: now, db: db)
            guard let after = try await load(id, on: conn) else { throw AppError.unavailable }
            return after
        }
        await rerouteAfterRelease(at: now)
        try await attachMedical(&record, for: caller, at: now)
        return record
    }

    // MARK: Withdrawal

    /// Withdraws a case before its ruling: only its filer. Panel seats free up.
    public func withdraw(_ id: UUID, by caller: Caller, at now: Date) async throws -> CaseRecord {
        let record: CaseRecord = try await db.transaction { conn in
            guard let current = try await load(id, on: conn, lock: true),
                CaseAccessPolicy.canSee(caller, current.accessFacts)
            else { throw AppError.notFound }
            guard let party = caller.party, party.isFiler else {
                throw AppError.forbidden("Alleen wie de zaak heeft ingediend, kan haar intrekken.")
            }
            let transition = CaseTransition.withdraw
            guard transition.from.contains(current.status) else {
                throw AppError.conflict("Een zaak met status \(current.status.rawValue) kan niet meer worden ingetrokken.")
            }
            let moved = try await conn.rows(
                try """
                UPDATE cases SET status = \(transition.to), updated_at = \(now)
                 WHERE id = \(id) AND status = ANY(\(transition.from.map(\.rawValue))) RETURNING id
                """, logger: db.logger)
            guard !moved.isEmpty else { throw AppError.conflict("Een gelijktijdige wijziging ging voor.") }
            try await EventLog.append(
                conn, caseId: id, type: "case_withdrawn", actor: EventActor(caller),
                data: .object(["from": .string(current.status.rawValue), "status": "withdrawn"]), at: now, db: db)
            guard let after = try await load(id, on: conn) else { throw AppError.unavailable }
            return after
        }
        await rerouteAfterRelease(at: now)
        var visible = record
        try await attachMedical(&visible, for: caller, at: now)
        return visible
    }

    // MARK: Appeal

    /// Records that a ruling was appealed to court: the filer or a coordinator,
    /// only when ruled, once; `lodged_on` not in the future nor before the ruling.
    public func appeal(_ id: UUID, _ input: AppealInput, by caller: Caller, at now: Date) async throws -> CaseRecord {
        let today = AmsterdamTime.date(of: now)
        var record: CaseRecord = try await db.transaction { conn in
            guard let current = try await load(id, on: conn, lock: true),
                CaseAccessPolicy.canSee(caller, current.accessFacts)
            else { throw AppError.notFound }
            let recordedBy: String
            switch caller {
            case .party(let party) where party.isFiler: recordedBy = party.role.rawValue
            case .staff(let staff) where staff.role == .coordinator: recordedBy = "coordinator"
            default: throw AppError.forbidden("Alleen de indiener of een coördinator kan een beroep vastleggen.")
            }
            guard current.status == .ruled, let ruling = current.ruling else {
                throw AppError.conflict("Beroep kan alleen tegen een uitspraak (status \(current.status.rawValue)).")
            }
            if current.appeal != nil { throw AppError.conflict("Voor deze zaak is al beroep vastgelegd.") }
            if input.lodgedOn > today {
                throw AppError.invalid("lodged_on", "De datum mag niet in de toekomst liggen.")
            }
            if input.lodgedOn < AmsterdamTime.date(of: ruling.decidedAt) {
                throw AppError.invalid("lodged_on", "De datum mag niet voor de datum van de uitspraak liggen.")
            }
            do {
                try await conn.run(
                    """
                    INSERT INTO appeals (case_id, court, lodged_on, recorded_at, recorded_by)
                    VALUES (\(id), \(input.court), \(input.lodgedOn.description)::date, \(now), \(recordedBy))
                    """, logger: db.logger)
            } catch where DatabaseErrors.isUniqueViolation(error) {
                throw AppError.conflict("Voor deze zaak is al beroep vastgelegd.")
            }
            try await EventLog.append(
                conn, caseId: id, type: "appeal_lodged", actor: EventActor(caller),
                data: .object(["court": .string(input.court), "lodged_on": .string(input.lodgedOn.description)]), at: now, db: db)
            guard let after = try await load(id, on: conn) else { throw AppError.unavailable }
            return after
        }
        try await attachMedical(&record, for: caller, at: now)
        return record
    }

    // MARK: Routing after seats free up

    /// Routes waiting cases; called after a change that can make a member eligible.
    ///
    /// Runs in its own transaction after the change committed; if it fails,
    /// the routing sweeper catches up, so the change itself still stands.
    public func rerouteAfterRelease(at now: Date) async {
        do {
            _ = try await routing.routeWaiting(at: now)
        } catch {
            db.logger.warning("re-routing after a change failed; the sweeper will retry", metadata: ["error": "\(error)"])
        }
    }

    /// Routes waiting cases now (the sweeper and staff changes call this).
    public func routeWaiting(at now: Date) async throws -> RoutingPlan {
        try await routing.routeWaiting(at: now)
    }
}
