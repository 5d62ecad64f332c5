import EenloketDomain
import Foundation
import PostgresNIO

extension CaseRepository {
    // MARK: Draft ruling

    /// The chair issues the draft ruling: only in `in_review` with both sides
    /// heard, once. The case moves to `draft_ruling`; both parties are told
    /// until when they may point out factual errors; a timer tells them and the
    /// chair when that window closes.
    public func issueDraft(_ id: UUID, _ input: RulingInput, by caller: Caller, at now: Date) async throws -> CaseRecord {
        try await db.transaction { conn in
            let current = try await locked(id, for: .issueDraft, by: caller, at: now, conn: conn)
            guard let staff = caller.staff else { throw AppError.internalError }
            let until = DraftRound.commentsUntil(
                issuedAt: now, workingDays: settings.procedure.draftWindowDays, calendar: try await deadlines.policy(on: conn).calendar)
            let moved = try await conn.rows(
                try """
                UPDATE cases SET status = \(CaseTransition.issueDraft.to), updated_at = \(now)
                 WHERE id = \(id) AND status = ANY(\(CaseTransition.issueDraft.from.map(\.rawValue))) RETURNING id
                """, logger: db.logger)
            guard !moved.isEmpty else { throw AppError.conflict("Een gelijktijdige wijziging ging voor.") }
            try await conn.run(
                """
                INSERT INTO draft_rulings (case_id, outcome, decision, motivation, issued_at, issued_by, comments_until)
                VALUES (\(id), \(input.outcome.rawValue), \(input.decision), \(input.motivation), \(now), \(staff.id), \(until))
                """, logger: db.logger)
            if let medical = input.medicalConsiderations {
                try await conn.run(
                    "INSERT INTO draft_ruling_medical (case_id, medical_considerations) VALUES (\(id), \(medical))", logger: db.logger)
            }
            try await conn.run(
                """
                INSERT INTO timers (kind, case_id, due_at, created_at)
                VALUES (\(TimerKind.draftWindowClosed.rawValue), \(id), \(until), \(now))
                """, logger: db.logger)
            var data: [String: JSONValue] = [
                "outcome": .string(input.outcome.rawValue), "comments_until": .string(Timestamp.format(until)), "status": "draft_ruling",
            ]
            if let reason = input.deviationReason { data["deviation_reason"] = .string(reason) }
            try await EventLog.append(conn, caseId: id, type: .draftIssued, actor: EventActor(caller), data: .object(data), at: now, db: db)
            try await Outbox.toParties(
                nil, caseId: id, kind: .draftIssued,
                message: Messages.render(.draftIssued, reference: current.reference, serviceURL: settings.publicURL, detail: Dutch.until(until)),
                at: now, conn: conn, db: db)
            guard var after = try await load(id, on: conn) else { throw AppError.unavailable }
            try await attachMedical(&after, for: caller, at: now, on: conn)
            return after
        }
    }

    /// A party comments on the draft (a factual correction), or says it has no
    /// comments: only in `draft_ruling`, before the window closes. The other
    /// party (unless the comment is medical) and the panel are told.
    public func commentOnDraft(_ id: UUID, _ input: DraftCommentInput, by caller: Caller, at now: Date) async throws -> DraftCommentRecord {
        let action: CaseAction
        let (text, medical): (String?, Bool)
        switch input {
        case .comment(let body, let isMedical): (action, text, medical) = (.commentOnDraft, body, isMedical)
        case .noComments: (action, text, medical) = (.declareNoComments, nil, false)
        }
        return try await db.transaction { conn in
            let current = try await locked(id, for: action, by: caller, at: now, medical: medical, conn: conn)
            guard let party = caller.party else { throw AppError.internalError }
            let comment = DraftCommentRecord(
                id: UUID(), party: party.role, noComments: text == nil, text: text, medical: medical, createdAt: now)
            do {
                try await conn.run(
                    """
                    INSERT INTO draft_comments (id, case_id, party, no_comments, text, medical, created_at)
                    VALUES (\(comment.id), \(id), \(party.role), \(comment.noComments), \(text), \(medical), \(now))
                    """, logger: db.logger)
            } catch where DatabaseErrors.isUniqueViolation(error) {
                throw AppError.conflict("U heeft al laten weten dat u geen opmerkingen heeft.")
            }
            try await EventLog.append(
                conn, caseId: id, type: .draftCommented, actor: EventActor(caller),
                data: .object(["party": .string(party.role.rawValue), "no_comments": .bool(comment.noComments), "medical": .bool(medical)]),
                at: now, db: db)
            let other = party.role == .employee ? "De werknemer" : "De werkgever"
            try await Outbox.toParties(
                [party.role.other], caseId: id, kind: .draftCommented,
                message: Messages.render(
                    .draftCommented, reference: current.reference, serviceURL: settings.publicURL,
                    detail: comment.noComments
                        ? "\(other) heeft laten weten geen opmerkingen te hebben over het concept van het oordeel."
                        : "\(other) heeft een opmerking gegeven over het concept van het oordeel."),
                at: now, conn: conn, db: db)
            try await Outbox.toStaff(
                current.panel.map(\.staffId), caseId: id, kind: .statementAdded,
                message: Messages.render(.statementAdded, reference: current.reference, serviceURL: settings.publicURL),
                at: now, conn: conn, db: db)
            return comment
        }
    }
}
