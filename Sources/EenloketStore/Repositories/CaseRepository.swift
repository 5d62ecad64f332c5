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
    let sealer: RulingSealer
    let idempotency: IdempotencySeal
    let secret: ServerSecret

    public init(db: Database, deadlines: DeadlineSettings, settings: ServiceSettings, sealer: RulingSealer, secret: ServerSecret) {
        self.db = db
        self.deadlines = deadlines
        self.settings = settings
        self.sealer = sealer
        self.secret = secret
        self.idempotency = IdempotencySeal(secret)
        self.routing = RoutingStore(db: db, deadlines: deadlines, settings: settings)
    }

    // MARK: Reading one case

    /// The case as `caller` may see it: 404 when they may not see it at all;
    /// medical fields only when `CaseAccessPolicy` allows (and the database's
    /// `medical_visible_to` agrees). One prepared query; a staff member who is
    /// shown medical text leaves a `medical_data_viewed` event.
    public func view(_ id: UUID, caller: Caller, at now: Date) async throws -> CaseRecord {
        let statement = CaseForViewer(id: id, viewer: caller)
        var loaded: CaseQuery.Loaded?
        do {
            for try await row in try await db.client.execute(statement, logger: db.logger) { loaded = row }
        } catch {
            throw DatabaseErrors.map(error, logger: db.logger)
        }
        guard let loaded, CaseAccessPolicy.canSee(caller, loaded.record.accessFacts) else { throw AppError.notFound }
        var record = loaded.record
        if CaseAccessPolicy.awaitsVerification(caller, record.accessFacts) {
            record.checkCode = try await checkCode(of: id)
        }
        if CaseAccessPolicy.canSeeMedical(caller, record.accessFacts) {
            record.medical = MedicalFields(medicalInformation: loaded.medicalInformation, medicalConsiderations: loaded.medicalConsiderations)
            try await logMedicalView(
                record, fields: Self.medicalFieldsShown(loaded.medicalInformation, loaded.medicalConsiderations, record.draft), by: caller,
                at: now)
        }
        return record
    }

    /// The names of the medical fields a reader is shown, for the access log.
    static func medicalFieldsShown(_ information: String?, _ considerations: String?, _ draft: DraftRecord?) -> [String] {
        var fields: [String] = []
        if information != nil { fields.append("medical_information") }
        if considerations != nil { fields.append("medical_considerations") }
        if draft?.medicalConsiderations != nil { fields.append("draft_medical_considerations") }
        if draft?.comments.contains(where: \.medical) ?? false { fields.append("draft_comments") }
        return fields
    }

    /// The access log: every staff view of medical text is a history event,
    /// in the caller's transaction when there is one.
    func logMedicalView(
        _ record: CaseRecord, fields: [String], by caller: Caller, at now: Date, on conn: PostgresConnection? = nil
    ) async throws {
        guard let staff = caller.staff, !fields.isEmpty else { return }
        let data = JSONValue.object(["fields": .array(fields.map { .string($0) }), "role": .string(staff.role.rawValue)])
        let append = { @Sendable (conn: PostgresConnection) async throws in
            try await EventLog.append(conn, caseId: record.id, type: .medicalDataViewed, actor: EventActor(caller), data: data, at: now, db: db)
        }
        if let conn { try await append(conn) } else { try await db.transaction(append) }
    }

    /// Adds the medical fields when the caller may see them (the keys then
    /// exist, null when empty), read and logged in the write's own
    /// transaction, so the answer and its access-log event commit together.
    func attachMedical(_ record: inout CaseRecord, for caller: Caller, at now: Date, on conn: PostgresConnection) async throws {
        guard CaseAccessPolicy.canSeeMedical(caller, record.accessFacts) else { return }
        let viewer = ViewerBinds(caller)
        if record.draft != nil {
            for try await row in try await conn.execute(DraftForViewer(id: record.id, viewer: viewer), logger: db.logger) {
                record.draft = row?.record
            }
        }
        guard record.holdsMedicalText else {
            record.medical = MedicalFields(medicalInformation: nil, medicalConsiderations: nil)
            try await logMedicalView(record, fields: Self.medicalFieldsShown(nil, nil, record.draft), by: caller, at: now, on: conn)
            return
        }
        var fields: (String?, String?) = (nil, nil)
        for try await row in try await conn.execute(MedicalForViewer(id: record.id, viewer: viewer), logger: db.logger) {
            fields = row
        }
        let (information, considerations) = fields
        record.medical = MedicalFields(medicalInformation: information, medicalConsiderations: considerations)
        try await logMedicalView(
            record, fields: Self.medicalFieldsShown(information, considerations, record.draft), by: caller, at: now, on: conn)
    }

    /// The case, locked for this transaction, once `CaseActions` allows the
    /// action: the decision and the change it guards see the same state.
    ///
    /// The lock is taken by a statement of its own, and the case read after it:
    /// in READ COMMITTED one statement sees other tables as they were when it
    /// started, so a read that waited for the lock would miss what the holder
    /// committed in them (a statement, a wrong check code). `FOR NO KEY UPDATE`
    /// serialises case actions without blocking foreign-key checks of rows that
    /// point at the case (history events written by timers).
    func locked(
        _ id: UUID, for action: CaseAction, by caller: Caller, at now: Date, medical: Bool = false, conn: PostgresConnection
    ) async throws -> CaseRecord {
        try CaseActions.permits(action, caller).enforce()
        guard try await !conn.rows("SELECT 1 FROM cases WHERE id = \(id) FOR NO KEY UPDATE", logger: db.logger).isEmpty,
            let current = try await load(id, on: conn)
        else { throw AppError.notFound }
        let calendar = try await deadlines.policy(on: conn).calendar
        try CaseActions.decide(action, by: caller, on: current.facts(settings.procedure, calendar: calendar), at: now, medical: medical)
            .enforce()
        return current
    }

    /// The case a read of its parts decides access on: `seen`, when the same request already read it for
    /// this caller (a page reads the case and then its history, statements, documents…: one read, not
    /// one per part), else loaded. 404 when the caller may not see the case.
    func visible(_ id: UUID, caller: Caller, seen: CaseRecord?) async throws -> CaseRecord {
        var record = seen
        if record?.id != id { record = try await load(id, on: nil) }
        guard let record, CaseAccessPolicy.canSee(caller, record.accessFacts) else { throw AppError.notFound }
        return record
    }

    /// Loads a case without medical text (`locked` locks it first). Prepared
    /// once per connection: writes read the case once or twice each, and
    /// planning this query costs more than running it.
    func load(_ id: UUID, on conn: PostgresConnection?) async throws -> CaseRecord? {
        do {
            var loaded: CaseQuery.Loaded?
            if let conn {
                for try await row in try await conn.execute(CaseForWrite(id: id), logger: db.logger) { loaded = row }
            } else {
                for try await row in try await db.client.execute(CaseForWrite(id: id), logger: db.logger) { loaded = row }
            }
            return loaded?.record
        } catch {
            throw DatabaseErrors.map(error, logger: db.logger)
        }
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
    let assigned_at_ms: Int64

    var seat: PanelSeat? {
        Discipline(rawValue: discipline).map {
            PanelSeat(
                staffId: staff_id, name: name, discipline: $0, chair: chair,
                assignedAt: Date(timeIntervalSince1970: TimeInterval(assigned_at_ms) / 1000))
        }
    }
}

/// The case's binding basis, who agreed when, and whether its ruling binds.
struct ProcedureJSON: Decodable, PostgresDecodable, Sendable {
    let basis: String
    let ruling_binding: Bool?
    let agreed_at_ms: [String: Int64]
    let appeal_window_ends_on: String?
    let appeal_outcome: AppealOutcomeJSON?
    let comments_response: String?
    let objections: [ObjectionJSON]
    let scheduled_appointments: Int
    let consents: [String: ConsentJSON]
    let earlier_spell: SpellJSON?
    let returned_to_work_on: String?

    struct SpellJSON: Decodable, Sendable {
        let started_on: String
        let ended_on: String

        var spell: EarlierSpell? {
            guard let start = LocalDate(iso: started_on), let end = LocalDate(iso: ended_on) else { return nil }
            return EarlierSpell(startedOn: start, endedOn: end)
        }
    }

    struct ConsentJSON: Decodable, Sendable {
        let given: Bool
        let at_ms: Int64
    }

    var consentStates: Consents {
        Consents(
            Dictionary(
                uniqueKeysWithValues: consents.compactMap { key, value in
                    ConsentKind(rawValue: key).map { ($0, ConsentState(given: value.given, at: Date(timeIntervalSince1970: TimeInterval(value.at_ms) / 1000))) }
                }))
    }

    struct ObjectionJSON: Decodable, Sendable {
        let id: UUID
        let staff_id: UUID
        let staff_name: String
        let party: String
        let reason: String
        let lodged_at_ms: Int64
        let upheld: Bool?
        let motivation: String?
        let decided_at_ms: Int64?

        func record(caseId: UUID, reference: String) -> ObjectionRecord? {
            guard let party = PartyRole(rawValue: party) else { return nil }
            func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(ms) / 1000) }
            var decision: ObjectionDecision?
            if let upheld, let motivation, let decided_at_ms {
                decision = ObjectionDecision(upheld: upheld, motivation: motivation, decidedAt: date(decided_at_ms))
            }
            return ObjectionRecord(
                id: id, caseId: caseId, reference: reference, staffId: staff_id, staffName: staff_name, party: party, reason: reason,
                lodgedAt: date(lodged_at_ms), decision: decision)
        }
    }

    struct AppealOutcomeJSON: Decodable, Sendable {
        let outcome: String
        let decided_on: String
        let summary: String
        let recorded_at_ms: Int64

        var record: AppealOutcomeRecord? {
            guard let outcome = AppealOutcome(rawValue: outcome), let decidedOn = LocalDate(iso: decided_on) else { return nil }
            return AppealOutcomeRecord(
                outcome: outcome, decidedOn: decidedOn, summary: summary,
                recordedAt: Date(timeIntervalSince1970: TimeInterval(recorded_at_ms) / 1000))
        }
    }

    var record: BindingRecord {
        func at(_ party: PartyRole) -> Date? { agreed_at_ms[party.rawValue].map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) } }
        return BindingRecord(basis: BindingBasis(rawValue: basis) ?? .agreement, employeeAgreedAt: at(.employee), employerAgreedAt: at(.employer))
    }
}

/// `draft_for(…)`: the draft and the comments a viewer may see, with the facts about all comments.
struct DraftJSON: Decodable, PostgresDecodable, Sendable {
    let outcome: String
    let decision: String
    let motivation: String
    let issued_at_ms: Int64
    let comments_until_ms: Int64
    let medical_considerations: String?
    let has_medical: Bool
    let has_comments: Bool
    let responses: [String: String]
    let comments: [CommentJSON]

    struct CommentJSON: Decodable, Sendable {
        let id: UUID
        let party: String
        let no_comments: Bool
        let text: String?
        let medical: Bool
        let created_at_ms: Int64
    }

    var record: DraftRecord? {
        guard let outcome = RulingOutcome(rawValue: outcome) else { return nil }
        func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(ms) / 1000) }
        var answered: [PartyRole: DraftResponse] = [:]
        for (party, response) in responses {
            if let party = PartyRole(rawValue: party), let response = DraftResponse(rawValue: response) { answered[party] = response }
        }
        return DraftRecord(
            outcome: outcome, decision: decision, motivation: motivation, issuedAt: date(issued_at_ms),
            commentsUntil: date(comments_until_ms), hasMedicalConsiderations: has_medical, medicalConsiderations: medical_considerations,
            comments: comments.compactMap { c in
                PartyRole(rawValue: c.party).map {
                    DraftCommentRecord(
                        id: c.id, party: $0, noComments: c.no_comments, text: c.text, medical: c.medical, createdAt: date(c.created_at_ms))
                }
            },
            responses: answered, hasComments: has_comments)
    }
}

struct HearingJSON: Decodable, PostgresDecodable, Sendable {
    let party: String
    let has_email: Bool
    let invited_at_ms: Int64
    let ends_at_ms: Int64?
    let responded_at_ms: Int64?
    let verified_at_ms: Int64?
    let first_used_at_ms: Int64?
    let check_failures: Int
    let filer_window_ends_at_ms: Int64?
    let filer_replied_at_ms: Int64?

    var record: HearingRecord? {
        guard let party = PartyRole(rawValue: party) else { return nil }
        func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(ms) / 1000) }
        return HearingRecord(
            party: party, invitedAt: date(invited_at_ms), windowEndsAt: ends_at_ms.map(date), respondedAt: responded_at_ms.map(date),
            hasEmail: has_email, verifiedAt: verified_at_ms.map(date), firstUsedAt: first_used_at_ms.map(date),
            checkFailures: check_failures, filerWindowEndsAt: filer_window_ends_at_ms.map(date),
            filerRepliedAt: filer_replied_at_ms.map(date))
    }
}

extension CaseRepository {
    /// What the database's medical rule (`medical_visible_to`) says for a caller; used to keep it equal to Swift's.
    public func medicalVisibleInDatabase(_ id: UUID, to caller: Caller) async throws -> Bool {
        let viewer = ViewerBinds(caller)
        let rows = try await db.rows(
            "SELECT medical_visible_to(\(id), \(viewer.kind), \(viewer.role), \(viewer.staffId), \(viewer.caseId))")
        return try rows[0].decode(Bool.self)
    }

    /// Whether the database alone lets this caller read a document's row and
    /// content (for the parity test: the medical rule opens medical ones).
    public func documentVisibleInDatabase(_ documentId: UUID, caseId id: UUID, to caller: Caller) async throws -> Bool {
        let viewer = ViewerBinds(caller)
        return try await db.transaction { conn in
            try await conn.run(
                "SELECT open_medical(\(id), \(viewer.kind), \(viewer.role), \(viewer.staffId), \(viewer.caseId))", logger: db.logger)
            let rows = try await conn.rows(
                """
                SELECT (SELECT count(*) FROM documents WHERE id = \(documentId))::int,
                       (SELECT count(*) FROM document_chunks WHERE document_id = \(documentId))::int
                """, logger: db.logger)
            let (row, chunks) = try rows[0].decode((Int, Int).self)
            return row > 0 && chunks > 0
        }
    }

    /// A case without any access check, for tests and tools.
    public func caseForTests(_ id: UUID) async throws -> CaseRecord? {
        try await load(id, on: nil)
    }
}
