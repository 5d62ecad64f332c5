import EenloketDomain
import EenloketStore
import Foundation

/// Encodes values under their API key names, writing exactly the keys given.
struct APIKey: CodingKey {
    let stringValue: String
    init(_ string: String) { self.stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}

/// The case as a caller may see it. Medical keys are written only when
/// `record.medical` was attached, which `CaseRepository` does only for callers
/// `CaseAccessPolicy` allows; for everyone else the keys are absent.
struct CaseResponse: Encodable {
    let record: CaseRecord
    /// The moment the answer describes (whether the hearing is complete depends on it).
    let now: Date
    /// Shown once, in the response to filing.
    var accessToken: String?
    /// Staff see how the other party was invited (e-mail or letter).
    var showStaffDetails = false

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        let r = record
        try c.encode(r.id.lowercased, forKey: APIKey("id"))
        try c.encode(r.reference, forKey: APIKey("reference"))
        try c.encode(r.status.rawValue, forKey: APIKey("status"))
        try c.encode(r.filerRole.rawValue, forKey: APIKey("filer_role"))
        try c.encode(r.caseType?.rawValue, forKey: APIKey("case_type"))
        try c.encode(["name": r.employerName, "kvk_number": r.employerKvk], forKey: APIKey("employer"))
        try c.encode(["name": r.employeeName], forKey: APIKey("employee"))
        try c.encode(r.sickSince.description, forKey: APIKey("sick_since"))
        try c.encode(r.question, forKey: APIKey("question"))
        if r.physicianName != nil || r.physicianOrganisation != nil {
            try c.encode(
                PhysicianJSON(name: r.physicianName, organisation: r.physicianOrganisation), forKey: APIKey("occupational_physician"))
        } else {
            try c.encodeNil(forKey: APIKey("occupational_physician"))
        }
        try c.encode(Timestamp.format(r.createdAt), forKey: APIKey("created_at"))
        try c.encode(Timestamp.format(r.updatedAt), forKey: APIKey("updated_at"))
        if let triage = r.triage {
            try c.encode(TriageJSON(triage), forKey: APIKey("triage"))
        } else {
            try c.encodeNil(forKey: APIKey("triage"))
        }
        try c.encode(r.deadlines.map(DeadlineJSON.init), forKey: APIKey("deadlines"))
        try c.encode(r.panel.map(PanelSeatJSON.init), forKey: APIKey("panel"))
        if let ruling = r.ruling {
            try c.encode(RulingResponse(caseId: r.id, ruling: ruling, medical: r.medical), forKey: APIKey("ruling"))
        } else {
            try c.encodeNil(forKey: APIKey("ruling"))
        }
        if let draft = r.draft {
            try c.encode(DraftRulingJSON(draft: draft, showMedical: r.medical != nil), forKey: APIKey("draft_ruling"))
        } else {
            try c.encodeNil(forKey: APIKey("draft_ruling"))
        }
        try c.encode((r.draft?.comments ?? []).map(DraftCommentJSON.init), forKey: APIKey("draft_comments"))
        try c.encode(r.objections.map { ObjectionJSON($0, listed: false) }, forKey: APIKey("objections"))
        if let appeal = r.appeal {
            try c.encode(AppealJSON(appeal), forKey: APIKey("appeal"))
        } else {
            try c.encodeNil(forKey: APIKey("appeal"))
        }
        if let hearing = r.hearing {
            try c.encode(HearingJSON(hearing: hearing, showChannel: showStaffDetails, now: now), forKey: APIKey("hearing"))
        } else {
            try c.encodeNil(forKey: APIKey("hearing"))
        }
        try c.encode(BindingJSON(r.binding), forKey: APIKey("binding"))
        try c.encode(SicknessJSON(period: r.sickness, today: AmsterdamTime.date(of: now)), forKey: APIKey("sickness"))
        if let medical = r.medical {
            try c.encode(medical.medicalInformation, forKey: APIKey("medical_information"))
            // The consents follow the medical-field rule: never the employer, a coordinator or an admin.
            try c.encode(ConsentsJSON(r.consents), forKey: APIKey("consents"))
        }
        if let code = r.checkCode {
            try c.encode(code, forKey: APIKey("check_code"))
        }
        if let accessToken {
            try c.encode(accessToken, forKey: APIKey("access_token"))
        }
    }
}

/// A binding ruling, as returned by `POST …/ruling` and inside the case.
struct RulingResponse: Encodable {
    let caseId: UUID
    let ruling: RulingRecord
    let medical: MedicalFields?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(ruling.outcome.rawValue, forKey: APIKey("outcome"))
        try c.encode(ruling.decision, forKey: APIKey("decision"))
        try c.encode(ruling.motivation, forKey: APIKey("motivation"))
        if let medical {
            try c.encode(medical.medicalConsiderations, forKey: APIKey("medical_considerations"))
        }
        try c.encode(Timestamp.format(ruling.decidedAt), forKey: APIKey("decided_at"))
        try c.encode(ruling.panel.map(PanelSeatJSON.init), forKey: APIKey("panel"))
        try c.encode(ruling.binding, forKey: APIKey("binding"))
        try c.encode(ruling.appealWindowEndsOn?.description, forKey: APIKey("appeal_window_ends_on"))
        try c.encode(ruling.commentsResponse, forKey: APIKey("comments_response"))
        try c.encode(ruling.digest, forKey: APIKey("digest"))
        // Tamper evidence in fields of their own; the contract's digest stays as defined.
        if let seal = ruling.seal {
            try c.encode(seal.chainDigest, forKey: APIKey("chain_digest"))
            try c.encode(seal.sequence, forKey: APIKey("chain_sequence"))
            try c.encode(
                ["algorithm": "Ed25519", "key_id": seal.keyId, "value": seal.signature], forKey: APIKey("signature"))
        }
    }
}

/// `binding` of a case: its basis and when each party agreed to be bound.
struct BindingJSON: Encodable {
    let record: BindingRecord

    init(_ record: BindingRecord) { self.record = record }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(record.basis.rawValue, forKey: APIKey("basis"))
        try c.encode(record.employeeAgreedAt.map(Timestamp.format), forKey: APIKey("employee_agreed_at"))
        try c.encode(record.employerAgreedAt.map(Timestamp.format), forKey: APIKey("employer_agreed_at"))
    }
}

struct PhysicianJSON: Encodable {
    let name: String?
    let organisation: String?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(name, forKey: APIKey("name"))
        try c.encode(organisation, forKey: APIKey("organisation"))
    }
}

struct TriageJSON: Encodable {
    let decision: String
    let motivation: String
    let disciplines: [String]
    let decided_at: String

    init(_ t: TriageRecord) {
        decision = t.decision.rawValue
        motivation = t.motivation
        disciplines = t.disciplines.map(\.rawValue)
        decided_at = Timestamp.format(t.triagedAt)
    }
}

struct DeadlineJSON: Encodable {
    let stage: String
    let preferred_by: String
    let due_by: String
    let met_at: String?

    init(_ d: DeadlineRecord) {
        stage = d.stage.rawValue
        preferred_by = d.preferredBy.description
        due_by = d.dueBy.description
        met_at = d.metAt.map(Timestamp.format)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(stage, forKey: APIKey("stage"))
        try c.encode(preferred_by, forKey: APIKey("preferred_by"))
        try c.encode(due_by, forKey: APIKey("due_by"))
        try c.encode(met_at, forKey: APIKey("met_at"))
    }
}

struct PanelSeatJSON: Encodable {
    let staff_id: String
    let name: String
    let discipline: String
    let chair: Bool

    init(_ seat: PanelSeat) {
        staff_id = seat.staffId.lowercased
        name = seat.name
        discipline = seat.discipline.rawValue
        chair = seat.chair
    }
}

struct AppealJSON: Encodable {
    let court: String
    let lodged_on: String
    let recorded_at: String
    /// What the court decided; null until a coordinator recorded it.
    let outcome: OutcomeJSON?

    struct OutcomeJSON: Encodable {
        let outcome: String
        let decided_on: String
        let summary: String
        let recorded_at: String
    }

    init(_ a: AppealRecord) {
        court = a.court
        lodged_on = a.lodgedOn.description
        recorded_at = Timestamp.format(a.recordedAt)
        outcome = a.outcome.map {
            OutcomeJSON(
                outcome: $0.outcome.rawValue, decided_on: $0.decidedOn.description, summary: $0.summary,
                recorded_at: Timestamp.format($0.recordedAt))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(court, forKey: APIKey("court"))
        try c.encode(lodged_on, forKey: APIKey("lodged_on"))
        try c.encode(recorded_at, forKey: APIKey("recorded_at"))
        try c.encode(outcome, forKey: APIKey("outcome"))
    }
}

/// A line of `GET /api/v1/cases`.
struct CaseSummaryJSON: Encodable {
    let summary: CaseSummary
    /// The Amsterdam date the sickness week is counted on.
    let today: LocalDate

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(summary.id.lowercased, forKey: APIKey("id"))
        try c.encode(summary.reference, forKey: APIKey("reference"))
        try c.encode(summary.status.rawValue, forKey: APIKey("status"))
        try c.encode(summary.caseType?.rawValue, forKey: APIKey("case_type"))
        try c.encode(Timestamp.format(summary.createdAt), forKey: APIKey("created_at"))
        try c.encode(summary.dueBy?.description, forKey: APIKey("due_by"))
        try c.encode(SicknessJSON(period: summary.sickness, today: today), forKey: APIKey("sickness"))
    }
}

struct CaseListJSON: Encodable {
    let items: [CaseSummaryJSON]
    let next_cursor: String?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(items, forKey: APIKey("items"))
        try c.encode(next_cursor, forKey: APIKey("next_cursor"))
    }
}

/// One event of `GET /api/v1/cases/{id}/events`; staff also see who acted.
/// Parties see no staff identities at all, not even inside `data`.
struct EventJSON: Encodable {
    let event: CaseEvent
    let showActor: Bool

    private var visibleData: JSONValue {
        guard !showActor, case .object(var members) = event.data else { return event.data }
        members["staff_id"] = nil
        return .object(members)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(event.seq, forKey: APIKey("seq"))
        try c.encode(Timestamp.format(event.at), forKey: APIKey("at"))
        try c.encode(event.type, forKey: APIKey("type"))
        try c.encode(event.actorRole, forKey: APIKey("actor_role"))
        if showActor {
            try c.encode(event.actorStaffId?.lowercased, forKey: APIKey("actor_staff_id"))
        }
        try c.encode(visibleData, forKey: APIKey("data"))
    }
}

struct EventListJSON: Encodable {
    let items: [EventJSON]
}

/// `sickness`: the week of sickness today and the next Poortwachter milestone (null when none is left).
struct SicknessJSON: Encodable {
    let period: SicknessPeriod
    let today: LocalDate

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: APIKey.self)
        try c.encode(period.week(on: today), forKey: APIKey("week"))
        if let next = period.nextMilestone(after: today) {
            try c.encode(MilestoneJSON(key: next.milestone.rawValue, week: next.milestone.week, on: next.on.description), forKey: APIKey("next_milestone"))
        } else {
            try c.encodeNil(forKey: APIKey("next_milestone"))
        }
    }

    struct MilestoneJSON: Encodable {
        let key: String
        let week: Int
        let on: String
    }
}
