import EenloketDomain
import Foundation
import PostgresNIO

/// The one query that reads a case with everything its view shows.
///
/// Used as a prepared statement for reads (`CaseForViewer`, planned once per
/// connection) and as a plain query inside write transactions.
enum CaseQuery {
    /// Medical columns for writes: never read there.
    static let noMedical = "NULL::text, NULL::text"

    /// Medical columns for a viewer given as $2…$5 (kind, role, staff id, case of a party token):
    /// the database's own rule decides whether the text comes back at all (the
    /// tables are behind row-level security; only these accessors open them).
    static let viewerMedical = """
        medical_information_for(c.id, $2, $3, $4, $5), medical_considerations_for(c.id, $2, $3, $4, $5)
        """

    /// The draft for writes: its facts and what any party may see, no medical text.
    static let noMedicalDraft = "draft_for(c.id, 'none', NULL, NULL, NULL)"

    /// The draft for the viewer given as $2…$5.
    static let viewerDraft = "draft_for(c.id, $2, $3, $4, $5)"

    static func select(medical: String, draft: String) -> String {
        """
        SELECT c.id, c.reference, c.status, c.filer_role, c.case_type, c.employee_name, c.employer_name,
               c.employer_kvk, c.sick_since::text, c.question, c.physician_name, c.physician_organisation,
               c.created_at, c.updated_at, c.triage_decision, c.triage_motivation, c.requested_disciplines, c.triaged_at,
               mp.information,
               (SELECT coalesce(jsonb_agg(jsonb_build_object(
                           'stage', d.stage, 'preferred_by', d.preferred_by, 'due_by', d.due_by,
                           'met_at_ms', (extract(epoch FROM d.met_at) * 1000)::bigint)
                           ORDER BY array_position(ARRAY['triage', 'panel', 'ruling'], d.stage)), '[]')
                  FROM case_deadlines d WHERE d.case_id = c.id),
               (SELECT coalesce(jsonb_agg(jsonb_build_object(
                           'staff_id', pa.staff_id, 'name', s.name, 'discipline', pa.discipline, 'chair', pa.is_chair,
                           'assigned_at_ms', floor(extract(epoch FROM pa.assigned_at) * 1000)::bigint)
                           ORDER BY pa.id), '[]')
                  FROM panel_assignments pa JOIN staff s ON s.id = pa.staff_id
                 WHERE pa.case_id = c.id AND pa.released_at IS NULL),
               r.outcome, r.decision, r.motivation, r.decided_at, r.digest,
               r.chain_seq, r.chain_digest, r.signature, r.key_id,
               mp.considerations,
               a.court, a.lodged_on::text, a.recorded_at,
               (SELECT jsonb_build_object(
                           'party', p.role, 'has_email', p.email IS NOT NULL,
                           'invited_at_ms', (extract(epoch FROM p.invited_at) * 1000)::bigint,
                           'ends_at_ms', floor(extract(epoch FROM p.hearing_ends_at) * 1000)::bigint,
                           'responded_at_ms', (extract(epoch FROM p.responded_at) * 1000)::bigint,
                           'verified_at_ms', (extract(epoch FROM p.verified_at) * 1000)::bigint,
                           'first_used_at_ms', (extract(epoch FROM p.first_used_at) * 1000)::bigint,
                           'check_failures', p.check_failures,
                           'filer_window_ends_at_ms', floor(extract(epoch FROM f.reply_window_ends_at) * 1000)::bigint,
                           'filer_replied_at_ms', floor(extract(epoch FROM f.replied_at) * 1000)::bigint)
                  FROM case_parties p LEFT JOIN case_parties f ON f.case_id = p.case_id AND f.is_filer
                 WHERE p.case_id = c.id AND NOT p.is_filer AND p.invited_at IS NOT NULL),
               jsonb_build_object(
                   'basis', c.binding_basis, 'ruling_binding', r.binding, 'appeal_window_ends_on', r.appeal_window_ends_on,
                   'comments_response', r.comments_response,
                   'scheduled_appointments', (SELECT count(*) FROM appointments ap WHERE ap.case_id = c.id AND ap.status = 'scheduled'),
                   'objections', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                             'id', o.id, 'staff_id', o.staff_id, 'staff_name', os.name, 'party', o.party,
                                             'reason', o.reason, 'lodged_at_ms', floor(extract(epoch FROM o.lodged_at) * 1000)::bigint,
                                             'upheld', o.upheld, 'motivation', o.motivation,
                                             'decided_at_ms', floor(extract(epoch FROM o.decided_at) * 1000)::bigint)
                                             ORDER BY o.lodged_at, o.id), '[]')
                                    FROM objections o JOIN staff os ON os.id = o.staff_id WHERE o.case_id = c.id),
                   'appeal_outcome', (SELECT jsonb_build_object(
                                             'outcome', o.outcome, 'decided_on', o.decided_on, 'summary', o.summary,
                                             'recorded_at_ms', floor(extract(epoch FROM o.recorded_at) * 1000)::bigint)
                                        FROM appeal_outcomes o WHERE o.case_id = c.id),
                   'consents', (SELECT coalesce(jsonb_object_agg(cc.kind, jsonb_build_object(
                                           'given', cc.given, 'at_ms', floor(extract(epoch FROM cc.changed_at) * 1000)::bigint)), '{}')
                                  FROM (SELECT DISTINCT ON (kind) kind, given, changed_at FROM consent_changes
                                         WHERE case_id = c.id ORDER BY kind, id DESC) cc),
                   'returned_to_work_on', c.returned_to_work_on,
                   'earlier_spell', CASE WHEN c.earlier_spell_started_on IS NOT NULL THEN jsonb_build_object(
                                         'started_on', c.earlier_spell_started_on, 'ended_on', c.earlier_spell_ended_on) END,
                   'agreed_at_ms', (SELECT coalesce(jsonb_object_agg(b.party, floor(extract(epoch FROM b.agreed_at) * 1000)::bigint), '{}')
                                      FROM binding_agreements b WHERE b.case_id = c.id)),
               \(draft),
               \(medical)
          FROM cases c
          CROSS JOIN LATERAL medical_presence(c.id) AS mp
          LEFT JOIN rulings r ON r.case_id = c.id
          LEFT JOIN appeals a ON a.case_id = c.id
        """
    }

    struct Loaded: Sendable {
        let record: CaseRecord
        let medicalInformation: String?
        let medicalConsiderations: String?
    }

    static func decode(_ row: PostgresRow) throws -> Loaded {
        let (
            caseId, reference, status, filerRole, caseType, employeeName, employerName, kvk, sickSince, question,
            physicianName, physicianOrganisation, createdAt, updatedAt, decision, motivation, disciplines, triagedAt,
            hasMedical, deadlineList, panelList, outcome, rulingDecision, rulingMotivation, decidedAt, digest,
            chainSeq, chainDigest, signature, keyId, hasConsiderations, court, lodgedOn, appealedAt, hearing, procedure,
            draft, medicalInformation, medicalConsiderations
        ) = try row.decode(
            (
                UUID, String, CaseStatus, PartyRole, CaseType?, String, String, String, String, String,
                String?, String?, Date, Date, TriageDecision?, String?, [String], Date?,
                Bool, JSONList<DeadlineJSON>, JSONList<PanelSeatJSON>, RulingOutcome?, String?, String?, Date?, String?,
                Int64?, String?, String?, String?, Bool, String?, String?, Date?, HearingJSON?, ProcedureJSON, DraftJSON?, String?,
                String?
            ).self)
        let panel = panelList.items.compactMap(\.seat)
        var triage: TriageRecord?
        if let decision, let motivation, let triagedAt {
            triage = TriageRecord(
                decision: decision, motivation: motivation, disciplines: disciplines.compactMap(Discipline.init(rawValue:)),
                triagedAt: triagedAt)
        }
        var ruling: RulingRecord?
        if let outcome, let rulingDecision, let rulingMotivation, let decidedAt, let digest {
            ruling = RulingRecord(
                outcome: outcome, decision: rulingDecision, motivation: rulingMotivation, decidedAt: decidedAt,
                panel: panel, digest: digest, hasMedicalConsiderations: hasConsiderations, binding: procedure.ruling_binding ?? false,
                appealWindowEndsOn: procedure.appeal_window_ends_on.flatMap(LocalDate.init(iso:)),
                commentsResponse: procedure.comments_response,
                seal: chainSeq.flatMap { seq in
                    chainDigest.flatMap { chain in
                        signature.flatMap { sig in keyId.map { RulingSeal(sequence: seq, chainDigest: chain, signature: sig, keyId: $0) } }
                    }
                })
        }
        var appeal: AppealRecord?
        if let court, let lodgedOn = LocalDate.column(lodgedOn), let appealedAt {
            appeal = AppealRecord(court: court, lodgedOn: lodgedOn, recordedAt: appealedAt, outcome: procedure.appeal_outcome?.record)
        }
        var record = CaseRecord(
            id: caseId, reference: reference, status: status, filerRole: filerRole, caseType: caseType,
            employeeName: employeeName, employerName: employerName, employerKvk: kvk,
            sickSince: LocalDate(iso: sickSince) ?? LocalDate(dayNumber: 0), question: question,
            physicianName: physicianName, physicianOrganisation: physicianOrganisation, createdAt: createdAt,
            updatedAt: updatedAt, triage: triage, deadlines: deadlineList.items.compactMap(\.record), panel: panel,
            ruling: ruling, appeal: appeal, hearing: hearing?.record, binding: procedure.record, draft: draft?.record,
            objections: procedure.objections.compactMap { $0.record(caseId: caseId, reference: reference) },
            scheduledAppointments: procedure.scheduled_appointments, consents: procedure.consentStates,
            sickness: SicknessPeriod(sickSince: LocalDate(iso: sickSince) ?? LocalDate(dayNumber: 0), earlier: procedure.earlier_spell?.spell),
            hasMedicalInformation: hasMedical, medical: nil)
        record.returnedToWorkOn = procedure.returned_to_work_on.flatMap(LocalDate.init(iso:))
        return Loaded(record: record, medicalInformation: medicalInformation, medicalConsiderations: medicalConsiderations)
    }
}

/// Who is reading, as the database's medical rule takes it.
struct ViewerBinds {
    let kind: String
    let role: String?
    let staffId: UUID?
    let caseId: UUID?

    init(_ caller: Caller) {
        switch caller {
        case .anonymous: (kind, role, staffId, caseId) = ("anonymous", nil, nil, nil)
        case .staff(let s): (kind, role, staffId, caseId) = ("staff", s.role.rawValue, s.id, nil)
        case .party(let p): (kind, role, staffId, caseId) = ("party", p.role.rawValue, nil, p.caseId)
        }
    }

    /// $1 the case, $2…$5 this viewer: the parameters of the medical accessors.
    func bindings(caseId id: UUID) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(id)
        binds.append(kind)
        binds.append(role)
        binds.append(staffId)
        binds.append(caseId)
        return binds
    }
}

/// A case read for a viewer: prepared once per connection.
struct CaseForViewer: PostgresPreparedStatement {
    static let sql = CaseQuery.select(medical: CaseQuery.viewerMedical, draft: CaseQuery.viewerDraft) + " WHERE c.id = $1"
    typealias Row = CaseQuery.Loaded

    let id: UUID
    let viewer: ViewerBinds

    init(id: UUID, viewer: Caller) {
        self.id = id
        self.viewer = ViewerBinds(viewer)
    }

    func makeBindings() throws -> PostgresBindings { viewer.bindings(caseId: id) }

    func decodeRow(_ row: PostgresRow) throws -> Row { try CaseQuery.decode(row) }
}

/// A case read by a write, without medical text: prepared once per connection.
struct CaseForWrite: PostgresPreparedStatement {
    static let sql = CaseQuery.select(medical: CaseQuery.noMedical, draft: CaseQuery.noMedicalDraft) + " WHERE c.id = $1"
    typealias Row = CaseQuery.Loaded

    let id: UUID

    func makeBindings() throws -> PostgresBindings { .id(id) }
    func decodeRow(_ row: PostgresRow) throws -> Row { try CaseQuery.decode(row) }
}

/// A case's draft as a viewer may see it, by the database's own rule.
struct DraftForViewer: PostgresPreparedStatement {
    static let sql = "SELECT draft_for($1, $2, $3, $4, $5)"
    typealias Row = DraftJSON?

    let id: UUID
    let viewer: ViewerBinds

    func makeBindings() throws -> PostgresBindings { viewer.bindings(caseId: id) }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(DraftJSON?.self) }
}

/// A case's medical fields for a viewer, by the database's own rule: prepared once per connection.
struct MedicalForViewer: PostgresPreparedStatement {
    static let sql = """
        SELECT medical_information_for($1, $2, $3, $4, $5), medical_considerations_for($1, $2, $3, $4, $5)
        """
    typealias Row = (String?, String?)

    let id: UUID
    let viewer: ViewerBinds

    func makeBindings() throws -> PostgresBindings { viewer.bindings(caseId: id) }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode((String?, String?).self) }
}
