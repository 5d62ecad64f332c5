import EenloketDomain
import Foundation
import Logging
import PostgresNIO

/// Cases: filing, reading, triage, ruling, withdrawal, appeal and history.
///
/// Every operation that changes a case runs in one transaction that also
/// writes its history events, and re-checks the case's status in SQL
/// (`UPDATE … WHERE status = ANY(from)`, under the case's row lock), so a
/// lost race changes nothing.
public struct CaseRepository: Sendable {
    let db: Database
    let deadlines: DeadlineSettings
    let routing: RoutingStore
    let settings: ServiceSettings

    public init(db: Database, deadlines: DeadlineSettings, settings: ServiceSettings) {
        self.db = db
        self.deadlines = deadlines
        self.settings = settings
        self.routing = RoutingStore(db: db, deadlines: deadlines, settings: settings)
    }

    // MARK: Reading one case

    /// The case as `caller` may see it: 404 when they may not see it at all;
    /// medical fields only when `CaseAccessPolicy` allows. A staff member who is
    /// shown medical text leaves a `medical_data_viewed` event.
    public func view(_ id: UUID, caller: Caller, at now: Date) async throws -> CaseRecord {
        guard var record = try await load(id, on: nil) else { throw AppError.notFound }
        guard CaseAccessPolicy.canSee(caller, record.accessFacts) else { throw AppError.notFound }
        try await attachMedical(&record, for: caller, at: now)
        return record
    }

    /// Adds the medical fields when the caller may see them (the keys then
    /// exist, null when empty); a staff member shown medical text is logged.
    func attachMedical(_ record: inout CaseRecord, for caller: Caller, at now: Date) async throws {
        guard CaseAccessPolicy.canSeeMedical(caller, record.accessFacts) else { return }
        guard record.holdsMedicalText else {
            record.medical = MedicalFields(medicalInformation: nil, medicalConsiderations: nil)
            return
        }
        let rows = try await db.rows(
            """
            SELECT (SELECT medical_information FROM case_medical WHERE case_id = \(record.id)),
                   (SELECT medical_considerations FROM ruling_medical WHERE case_id = \(record.id))
            """)
        let (information, considerations) = try rows[0].decode((String?, String?).self)
        record.medical = MedicalFields(medicalInformation: information, medicalConsiderations: considerations)
        if let staff = caller.staff {
            var fields: [JSONValue] = []
            if information != nil { fields.append("medical_information") }
            if considerations != nil { fields.append("medical_considerations") }
            try await db.transaction { conn in
                try await EventLog.append(
                    conn, caseId: record.id, type: "medical_data_viewed", actor: EventActor(caller),
                    data: .object(["fields": .array(fields), "role": .string(staff.role.rawValue)]), at: now, db: db)
            }
        }
    }

    /// Loads a case (optionally locking its row in the current transaction).
    func load(_ id: UUID, on conn: PostgresConnection?, lock: Bool = false) async throws -> CaseRecord? {
        let query: PostgresQuery = """
            SELECT c.id, c.reference, c.status, c.filer_role, c.case_type, c.employee_name, c.employer_name,
                   c.employer_kvk, c.sick_since::text, c.question, c.physician_name, c.physician_organisation,
                   c.created_at, c.updated_at, c.triage_decision, c.triage_motivation, c.requested_disciplines, c.triaged_at,
                   EXISTS (SELECT 1 FROM case_medical m WHERE m.case_id = c.id),
                   (SELECT coalesce(jsonb_agg(jsonb_build_object(
                               'stage', d.stage, 'preferred_by', d.preferred_by, 'due_by', d.due_by,
                               'met_at_ms', (extract(epoch FROM d.met_at) * 1000)::bigint)
                               ORDER BY array_position(ARRAY['triage', 'panel', 'ruling'], d.stage)), '[]')
                      FROM case_deadlines d WHERE d.case_id = c.id),
                   (SELECT coalesce(jsonb_agg(jsonb_build_object(
                               'staff_id', pa.staff_id, 'name', s.name, 'discipline', pa.discipline, 'chair', pa.is_chair)
                               ORDER BY pa.id), '[]')
                      FROM panel_assignments pa JOIN staff s ON s.id = pa.staff_id
                     WHERE pa.case_id = c.id AND pa.released_at IS NULL),
                   r.outcome, r.decision, r.motivation, r.decided_at, r.digest,
                   EXISTS (SELECT 1 FROM ruling_medical rm WHERE rm.case_id = c.id),
                   a.court, a.lodged_on::text, a.recorded_at,
                   (SELECT jsonb_build_object(
                               'party', p.role, 'has_email', p.email IS NOT NULL,
                               'invited_at_ms', (extract(epoch FROM p.invited_at) * 1000)::bigint,
                               'ends_at_ms', (extract(epoch FROM p.hearing_ends_at) * 1000)::bigint,
                               'responded_at_ms', (extract(epoch FROM p.responded_at) * 1000)::bigint)
                      FROM case_parties p WHERE p.case_id = c.id AND NOT p.is_filer AND p.invited_at IS NOT NULL)
              FROM cases c
              LEFT JOIN rulings r ON r.case_id = c.id
              LEFT JOIN appeals a ON a.case_id = c.id
             WHERE c.id = \(id)
            \(unescaped: lock ? "FOR UPDATE OF c" : "")
            """
        let rows: [PostgresRow]
        if let conn {
            rows = try await conn.rows(query, logger: db.logger)
        } else {
            rows = try await db.rows(query)
        }
        guard let row = rows.first else { return nil }
        let (
            caseId, reference, status, filerRole, caseType, employeeName, employerName, kvk, sickSince, question,
            physicianName, physicianOrganisation, createdAt, updatedAt, decision, motivation, disciplines, triagedAt,
            hasMedical, deadlineList, panelList, outcome, rulingDecision, rulingMotivation, decidedAt, digest,
            hasConsiderations, court, lodgedOn, appealedAt, hearing
        ) = try row.decode(
            (
                UUID, String, CaseStatus, PartyRole, CaseType?, String, String, String, String, String,
                String?, String?, Date, Date, TriageDecision?, String?, [String], Date?,
                Bool, JSONList<DeadlineJSON>, JSONList<PanelSeatJSON>, RulingOutcome?, String?, String?, Date?, String?,
                Bool, String?, String?, Date?, HearingJSON?
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
                panel: panel, digest: digest, hasMedicalConsiderations: hasConsiderations)
        }
        var appeal: AppealRecord?
        if let court, let lodgedOn = LocalDate.column(lodgedOn), let appealedAt {
            appeal = AppealRecord(court: court, lodgedOn: lodgedOn, recordedAt: appealedAt)
        }
        return CaseRecord(
            id: caseId, reference: reference, status: status, filerRole: filerRole, caseType: caseType,
            employeeName: employeeName, employerName: employerName, employerKvk: kvk,
            sickSince: LocalDate(iso: sickSince) ?? LocalDate(dayNumber: 0), question: question,
            physicianName: physicianName, physicianOrganisation: physicianOrganisation, createdAt: createdAt,
            updatedAt: updatedAt, triage: triage, deadlines: deadlineList.items.compactMap(\.record), panel: panel,
            ruling: ruling, appeal: appeal, hearing: hearing?.record, hasMedicalInformation: hasMedical, medical: nil)
    }
}

/// A jsonb array decoded into Swift values.
struct JSONList<Item: Decodable & Sendable>: Decodable, PostgresDecodable, Sendable {
    let items: [Item]
    init(from decoder: any Decoder) throws {
        items = try [Item](from: decoder)
    }
}

struct DeadlineJSON: Decodable, Sendable {
    let stage: String
    let preferred_by: String
    let due_by: String
    let met_at_ms: Int64?

    var record: DeadlineRecord? {
        guard let stage = DeadlineStage(rawValue: stage), let preferred = LocalDate(iso: preferred_by),
            let due = LocalDate(iso: due_by)
        else { return nil }
        return DeadlineRecord(
            stage: stage, preferredBy: preferred, dueBy: due,
            metAt: met_at_ms.map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) })
    }
}

struct PanelSeatJSON: Decodable, Sendable {
    let staff_id: UUID
    let name: String
    let discipline: String
    let chair: Bool

    var seat: PanelSeat? {
        Discipline(rawValue: discipline).map { PanelSeat(staffId: staff_id, name: name, discipline: $0, chair: chair) }
    }
}

struct HearingJSON: Decodable, PostgresDecodable, Sendable {
    let party: String
    let has_email: Bool
    let invited_at_ms: Int64
    let ends_at_ms: Int64
    let responded_at_ms: Int64?

    var record: HearingRecord? {
        guard let party = PartyRole(rawValue: party) else { return nil }
        func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(ms) / 1000) }
        return HearingRecord(
            party: party, invitedAt: date(invited_at_ms), windowEndsAt: date(ends_at_ms), respondedAt: responded_at_ms.map(date),
            hasEmail: has_email)
    }
}
