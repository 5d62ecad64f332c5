import EenloketDomain
import Foundation
import PostgresNIO

extension CaseRepository {
    // MARK: Triage

    /// Records the intake officer's decision. `accept` invites the other party
    /// and routes the case at once. Of several concurrent triage requests
    /// exactly one succeeds (the case row lock and the status condition); the
    /// others get 409.
    public func triage(_ id: UUID, _ input: TriageInput, by caller: Caller, at now: Date) async throws -> CaseRecord {
        let policy = try await deadlines.policy()
        let record: CaseRecord = try await db.transaction { conn in
            let current = try await locked(id, for: .triage, by: caller, at: now, conn: conn)
            try Self.checkDeviation(input.deviationReason, stage: .triage, of: current, at: now)
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
            if let reason = input.deviationReason { data["deviation_reason"] = .string(reason) }
            try await EventLog.append(
                conn, caseId: id, type: .caseTriaged, actor: EventActor(caller), data: .object(data), at: now, db: db)
            let decisionText = ["accept": "uw zaak gaat naar een panel", "refer": "u wordt doorverwezen", "answer": "uw vraag is beantwoord"]
            try await Outbox.toParties(
                nil, caseId: id, kind: .caseTriaged,
                message: Messages.render(
                    .caseTriaged, reference: current.reference, serviceURL: settings.publicURL,
                    detail: decisionText[input.decision.rawValue]),
                at: now, conn: conn, db: db)
            if input.decision == .accept {
                try await inviteOtherParty(of: current, confirmed: input.otherParty, by: caller, policy: policy, at: now, conn: conn)
                try await DeadlineWriter.start(.panel, caseIds: [id], at: now, policy: policy, conn: conn, db: db)
                _ = try await routing.route(lockedCase: id, at: now, conn: conn)
            }
            guard var after = try await load(id, on: conn) else { throw AppError.unavailable }
            try await attachMedical(&after, for: caller, at: now, on: conn)
            return after
        }
        return record
    }

    /// Hoor en wederhoor: the party that did not file gets its own access to the
    /// case and a response window; by e-mail when an address is known, else by
    /// a letter to its postal address in the intake officers' print queue.
    ///
    /// The intake officer sees the contact the filer gave and may correct,
    /// add or remove it (`other_party`; `"email": null` sends a letter only);
    /// with neither an e-mail nor a postal address the case cannot be accepted
    /// (422), and an e-mail address equal to the filer's own is refused (the
    /// filer would hold both links). Whether the link reached the party is
    /// verified later, with the check code on the party's own page.
    private func inviteOtherParty(
        of current: CaseRecord, confirmed: OtherPartyInput?, by caller: Caller, policy: DeadlinePolicy, at now: Date,
        conn: PostgresConnection
    ) async throws {
        let role = current.filerRole.other
        let known = try await conn.rows(
            """
            SELECT f.email,
                   CASE WHEN \(role) = 'employer' THEN c.employer_email ELSE c.employee_email END,
                   CASE WHEN \(role) = 'employer' THEN c.employer_address ELSE c.employee_address END
              FROM cases c JOIN case_parties f ON f.case_id = c.id AND f.is_filer
             WHERE c.id = \(current.id)
            """, logger: db.logger)
        guard let row = known.first else { throw AppError.unavailable }
        let (filerEmail, storedEmail, storedAddress) = try row.decode((String?, String?, PostalAddress?).self)
        let email = confirmed?.clearEmail == true ? nil : (confirmed?.email ?? storedEmail)
        let contact = PartyContact(email: email, address: confirmed?.address ?? storedAddress)
        let party = role == .employer ? "de werkgever" : "de werknemer"
        guard contact.isReachable else {
            throw AppError.invalid(
                "other_party", "Wij kunnen \(party) niet bereiken. Vul een e-mailadres of een postadres van \(party) in.")
        }
        guard ContactRules.mayInvite(otherEmail: contact.email, filerEmail: filerEmail) else {
            throw AppError.invalid(
                "other_party.email", "Dit is het e-mailadres van de indiener zelf. Vul het adres van \(party) in.")
        }
        let column = role == .employer ? "employer" : "employee"
        if let confirmed, confirmed.email != nil || confirmed.address != nil || confirmed.clearEmail {
            try await conn.run(
                """
                UPDATE cases SET \(unescaped: column)_email = \(contact.email), \(unescaped: column)_address = \(contact.address)
                 WHERE id = \(current.id)
                """, logger: db.logger)
        }
        // A letter's window starts when staff mark it printed and sent (NotificationRepository.printLetter).
        let byLetter = contact.email == nil && settings.hearingWindowDays > 0
        let windowEnd: Date? =
            byLetter ? nil : Hearing.windowEnd(invitedAt: now, workingDays: settings.hearingWindowDays, calendar: policy.calendar)
        // The real token is made when the invitation is delivered (e-mailed or
        // printed), so the database never holds one; until then nobody holds this one.
        let placeholder = AccessToken.hash(AccessToken.generate(.party))
        let invited = try await conn.rows(
            """
            INSERT INTO case_parties (id, case_id, role, is_filer, name, email, address, token_hash, created_at, invited_at,
                                      hearing_ends_at)
            SELECT \(UUID()), c.id, \(role), false,
                   CASE WHEN \(role) = 'employer' THEN c.employer_name ELSE c.employee_name END,
                   \(contact.email), \(contact.address), \(placeholder), \(now), \(now), \(windowEnd)
              FROM cases c WHERE c.id = \(current.id)
            ON CONFLICT (case_id, role) DO NOTHING
            RETURNING email IS NOT NULL
            """, logger: db.logger)
        guard let hasEmail = try invited.first?.decode(Bool.self) else { return }
        let respondBy: String?
        if byLetter {
            respondBy = Messages.respondByPlaceholder
        } else if let windowEnd, settings.hearingWindowDays > 0 {
            respondBy = Dutch.date(AmsterdamTime.date(of: windowEnd.addingTimeInterval(-1)))
        } else {
            respondBy = nil
        }
        try await Outbox.toParties(
            [role], caseId: current.id, kind: .invitation,
            message: Messages.invitation(
                reference: current.reference, respondBy: respondBy, basis: current.binding.basis, serviceURL: settings.publicURL),
            at: now, conn: conn, db: db)
        var data: [String: JSONValue] = ["party": .string(role.rawValue), "channel": .string(hasEmail ? "email" : "letter")]
        if let windowEnd { data["hearing_ends_at"] = .string(Timestamp.format(windowEnd)) }
        try await EventLog.append(conn, caseId: current.id, type: .partyInvited, actor: .system, data: .object(data), at: now, db: db)
    }

    /// 422 when a stage is completed after its preferred moment without a reason.
    static func checkDeviation(_ reason: String?, stage: DeadlineStage, of record: CaseRecord, at now: Date) throws {
        guard let deadline = record.deadlines.first(where: { $0.stage == stage }),
            Deviation.requiresReason(preferredBy: deadline.preferredBy, completedOn: AmsterdamTime.date(of: now)),
            reason == nil
        else { return }
        throw AppError.invalid(
            "deviation_reason",
            "Het gewenste moment (\(deadline.preferredBy)) is voorbij. Leg in minstens \(Deviation.minimumReasonLength) tekens uit waarom het later werd.")
    }

    // MARK: Ruling

    /// Records the ruling: only the chair of the case's panel, once; after the
    /// draft round (`draft_ruling`), or from `in_review` when there is no draft
    /// step. The case becomes `ruled` and its members' seats free up.
    public func rule(_ id: UUID, _ input: RulingInput, by caller: Caller, at now: Date) async throws -> CaseRecord {
        try CaseActions.permits(.rule, caller).enforce()
        let record: CaseRecord = try await db.transaction { conn in
            let current = try await locked(id, for: .rule, by: caller, at: now, conn: conn)
            guard let staff = caller.staff else { throw AppError.internalError }
            try CaseActions.rulingFields(
                commentsResponse: input.commentsResponse != nil, current.facts(settings.procedure, calendar: WorkingDayCalendar())
            ).enforce()
            try Self.checkDeviation(input.deviationReason, stage: .ruling, of: current, at: now)
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
            let seal = try await sealer.seal(digest: digest, conn: conn, db: db)
            let appealWindowEnd = AppealWindow.endsOn(
                rulingDate: AmsterdamTime.date(of: now), months: settings.procedure.appealWindowMonths,
                calendar: try await deadlines.policy(on: conn).calendar)
            // Whether it binds is the database's finding (trigger ruling_binds): the message says what it found.
            let stored = try await conn.rows(
                try """
                INSERT INTO rulings (case_id, outcome, decided_at, decision, motivation, decided_on, decided_by, panel, digest,
                                     chain_seq, previous_chain_digest, chain_digest, signature, key_id, appeal_window_ends_on,
                                     comments_response)
                VALUES (\(id), \(input.outcome), \(now), \(input.decision), \(input.motivation),
                        \(AmsterdamTime.date(of: now).description)::date, \(staff.id), \(panelIds), \(digest),
                        \(seal.seq), \(seal.previous), \(seal.chain), \(seal.signature), \(sealer.keyId),
                        \(appealWindowEnd.description)::date, \(input.commentsResponse))
                RETURNING binding
                """, logger: db.logger)
            let binding = try stored.first?.decode(Bool.self) ?? false
            if let medical = input.medicalConsiderations {
                try await conn.run(
                    "INSERT INTO ruling_medical (case_id, medical_considerations) VALUES (\(id), \(medical))", logger: db.logger)
            }
            try await DeadlineWriter.meet(.ruling, caseIds: [id], at: now, conn: conn, db: db)
            var data: [String: JSONValue] = ["outcome": .string(input.outcome.rawValue), "digest": .string(digest), "status": "ruled"]
            if let reason = input.deviationReason { data["deviation_reason"] = .string(reason) }
            try await EventLog.append(
                conn, caseId: id, type: .rulingRecorded, actor: EventActor(caller), data: .object(data), at: now, db: db)
            try await Outbox.toParties(
                nil, caseId: id, kind: .rulingRecorded,
                message: Messages.ruling(
                    binding: binding, basis: current.binding.basis, appealUntil: appealWindowEnd, reference: current.reference,
                    serviceURL: settings.publicURL),
                at: now, conn: conn, db: db)
            try await FollowUps.schedule(caseId: id, ruledAt: now, policy: try await deadlines.policy(on: conn), conn: conn, db: db)
            guard var after = try await load(id, on: conn) else { throw AppError.unavailable }
            try await attachMedical(&after, for: caller, at: now, on: conn)
            return after
        }
        await rerouteAfterRelease(at: now)
        return record
    }

    // MARK: Withdrawal

    /// Withdraws a case before its ruling: only its filer. Panel seats free up.
    public func withdraw(_ id: UUID, by caller: Caller, at now: Date) async throws -> CaseRecord {
        let record: CaseRecord = try await db.transaction { conn in
            let current = try await locked(id, for: .withdraw, by: caller, at: now, conn: conn)
            let transition = CaseTransition.withdraw
            let moved = try await conn.rows(
                try """
                UPDATE cases SET status = \(transition.to), updated_at = \(now)
                 WHERE id = \(id) AND status = ANY(\(transition.from.map(\.rawValue))) RETURNING id
                """, logger: db.logger)
            guard !moved.isEmpty else { throw AppError.conflict("Een gelijktijdige wijziging ging voor.") }
            try await EventLog.append(
                conn, caseId: id, type: .caseWithdrawn, actor: EventActor(caller),
                data: .object(["from": .string(current.status.rawValue), "status": "withdrawn"]), at: now, db: db)
            guard var after = try await load(id, on: conn) else { throw AppError.unavailable }
            try await attachMedical(&after, for: caller, at: now, on: conn)
            return after
        }
        await rerouteAfterRelease(at: now)
        return record
    }

    // MARK: The court's outcome

    /// Records what the court decided about an appeal (a coordinator, once).
    /// The ruling itself never changes; both parties are told.
    public func recordAppealOutcome(_ id: UUID, _ input: AppealOutcomeInput, by caller: Caller, at now: Date) async throws -> CaseRecord {
        let today = AmsterdamTime.date(of: now)
        return try await db.transaction { conn in
            let current = try await locked(id, for: .recordAppealOutcome, by: caller, at: now, conn: conn)
            guard let appeal = current.appeal, let staff = caller.staff else { throw AppError.internalError }
            if input.decidedOn > today { throw AppError.invalid("decided_on", "De datum mag niet in de toekomst liggen.") }
            if input.decidedOn < appeal.lodgedOn {
                throw AppError.invalid("decided_on", "De rechter kan niet beslissen voordat het beroep is ingesteld (\(appeal.lodgedOn)).")
            }
            try await conn.run(
                """
                INSERT INTO appeal_outcomes (case_id, outcome, decided_on, summary, recorded_at, recorded_by)
                VALUES (\(id), \(input.outcome.rawValue), \(input.decidedOn.description)::date, \(input.summary), \(now), \(staff.id))
                """, logger: db.logger)
            try await EventLog.append(
                conn, caseId: id, type: .appealDecided, actor: EventActor(caller),
                data: .object(["outcome": .string(input.outcome.rawValue), "decided_on": .string(input.decidedOn.description)]),
                at: now, db: db)
            try await Outbox.toParties(
                nil, caseId: id, kind: .appealDecided,
                message: Messages.render(.appealDecided, reference: current.reference, serviceURL: settings.publicURL,
                                         detail: Messages.appealOutcome(input.outcome)),
                at: now, conn: conn, db: db)
            guard var after = try await load(id, on: conn) else { throw AppError.unavailable }
            try await attachMedical(&after, for: caller, at: now, on: conn)
            return after
        }
    }

    // MARK: Appeal

    /// Records that a ruling was appealed to court: the filer or a coordinator,
    /// only when ruled, once; `lodged_on` not in the future nor before the ruling.
    public func appeal(_ id: UUID, _ input: AppealInput, by caller: Caller, at now: Date) async throws -> CaseRecord {
        let today = AmsterdamTime.date(of: now)
        let record: CaseRecord = try await db.transaction { conn in
            let current = try await locked(id, for: .appeal, by: caller, at: now, conn: conn)
            guard let ruling = current.ruling else { throw AppError.internalError }
            let recordedBy = caller.party?.role.rawValue ?? StaffRole.coordinator.rawValue
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
                conn, caseId: id, type: .appealLodged, actor: EventActor(caller),
                data: .object(["court": .string(input.court), "lodged_on": .string(input.lodgedOn.description)]), at: now, db: db)
            try await Outbox.toParties(
                nil, caseId: id, kind: .appealLodged,
                message: Messages.render(.appealLodged, reference: current.reference, serviceURL: settings.publicURL, detail: input.court),
                at: now, conn: conn, db: db)
            guard var after = try await load(id, on: conn) else { throw AppError.unavailable }
            try await attachMedical(&after, for: caller, at: now, on: conn)
            return after
        }
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
