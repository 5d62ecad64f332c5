import EenloketDomain
import Foundation

/// A case as stored, with everything its view shows except medical text.
public struct CaseRecord: Sendable {
    public let id: UUID
    public let reference: String
    public let status: CaseStatus
    public let filerRole: PartyRole
    public let caseType: CaseType?
    public let employeeName: String
    public let employerName: String
    public let employerKvk: String
    public let sickSince: LocalDate
    public let question: String
    public let physicianName: String?
    public let physicianOrganisation: String?
    public let createdAt: Date
    public let updatedAt: Date
    public let triage: TriageRecord?
    public let deadlines: [DeadlineRecord]
    public let panel: [PanelSeat]
    public let ruling: RulingRecord?
    public let appeal: AppealRecord?
    /// The other party's invitation, once the case is accepted.
    public let hearing: HearingRecord?
    /// The binding basis and the parties' agreements to be bound.
    public let binding: BindingRecord
    /// The draft ruling and its comments, as this reader may see them.
    public var draft: DraftRecord?
    /// Objections to panel members, oldest first.
    public let objections: [ObjectionRecord]
    /// Appointments planned and not yet held, reported or cancelled.
    public let scheduledAppointments: Int
    /// The employee's consents; shown only to those who see medical fields.
    public let consents: Consents
    /// Where the employee is in the sickness years (from `sick_since` and an earlier spell).
    public let sickness: SicknessPeriod
    /// The day the employee returned to work, once known; after-care counts from it.
    public var returnedToWorkOn: LocalDate? = nil
    /// Whether the employee gave medical information at filing.
    public let hasMedicalInformation: Bool
    /// Medical fields, loaded only when the caller may see them.
    public var medical: MedicalFields?
    /// For the invited employee not yet verified, viewing their own case: the
    /// check code of their link, to give to staff (`PartyCheckCode`).
    public var checkCode: String?

    /// The facts `CaseAccessPolicy` decides on.
    public var accessFacts: CaseAccessFacts {
        CaseAccessFacts(
            caseId: id, status: status, panel: Dictionary(panel.map { ($0.staffId, $0.discipline) }, uniquingKeysWith: { a, _ in a }),
            employeeVerified: employeeVerified)
    }

    /// The facts `CaseActions` decides on, under the deployment's procedure settings.
    public func facts(_ procedure: ProcedureSettings, calendar: WorkingDayCalendar) -> CaseFacts {
        CaseFacts(
            access: accessFacts, filerRole: filerRole, chairId: panel.first(where: \.chair)?.staffId, hasRuling: ruling != nil,
            hasAppeal: appeal != nil,
            invited: hearing.map {
                InvitedPartyFacts(
                    role: $0.party, turns: $0.turns, verified: $0.verifiedAt != nil, linkOpened: $0.firstUsedAt != nil,
                    checkFailures: $0.checkFailures)
            },
            agreed: Set(PartyRole.allCases.filter { binding.agreedAt($0) != nil }), hasAppealOutcome: appeal?.outcome != nil,
            procedure: procedure, draft: draft?.facts,
            seatsJoinedAt: Dictionary(panel.map { ($0.staffId, $0.assignedAt) }, uniquingKeysWith: { a, _ in a }),
            undecidedObjections: objections.filter { $0.decision == nil }.map { UndecidedObjection(staffId: $0.staffId, party: $0.party) },
            calendar: calendar, scheduledAppointments: scheduledAppointments, consents: consents)
    }

    /// Whether the employee party holds its own link: the employee filed, or
    /// staff verified that the invitation reached the employee.
    public var employeeVerified: Bool {
        filerRole == .employee || (hearing?.party == .employee && hearing?.verifiedAt != nil)
    }

    /// Whether the case holds any medical text at all.
    public var holdsMedicalText: Bool { hasMedicalInformation || (ruling?.hasMedicalConsiderations ?? false) }
}

/// The chair's draft ruling (contract Part 2, "Draft ruling and comments").
public struct DraftRecord: Sendable {
    public let outcome: RulingOutcome
    public let decision: String
    public let motivation: String
    public let issuedAt: Date
    public let commentsUntil: Date
    public let hasMedicalConsiderations: Bool
    /// Present only for readers the medical-field rule allows.
    public let medicalConsiderations: String?
    /// The comments this reader may see (medical ones by the medical-field rule).
    public let comments: [DraftCommentRecord]
    /// How each party answered, counting every comment.
    public let responses: [PartyRole: DraftResponse]
    public let hasComments: Bool

    public var facts: DraftFacts { DraftFacts(commentsUntil: commentsUntil, responses: responses, hasComments: hasComments) }
}

/// A party's comment on a draft, or its word that it has none.
public struct DraftCommentRecord: Sendable {
    public let id: UUID
    public let party: PartyRole
    public let noComments: Bool
    public let text: String?
    public let medical: Bool
    public let createdAt: Date
}

/// A party's answer to a draft: a comment, or no comments.
public enum DraftCommentInput: Sendable {
    case comment(text: String, medical: Bool)
    case noComments
}

/// The medical fields of a case; present only for callers the policy allows.
public struct MedicalFields: Sendable {
    public let medicalInformation: String?
    public let medicalConsiderations: String?
}

public struct TriageRecord: Sendable {
    public let decision: TriageDecision
    public let motivation: String
    public let disciplines: [Discipline]
    public let triagedAt: Date
}

public struct DeadlineRecord: Sendable, Equatable {
    public let stage: DeadlineStage
    public let preferredBy: LocalDate
    public let dueBy: LocalDate
    public let metAt: Date?
}

/// One member on a case's panel, in assignment order.
public struct PanelSeat: Sendable, Equatable {
    public let staffId: UUID
    public let name: String
    public let discipline: Discipline
    public let chair: Bool
    /// When the member joined this panel (a party may object for a while after).
    public let assignedAt: Date
}

/// A hearing session or a medical examination.
public struct AppointmentRecord: Sendable {
    public let id: UUID
    public let kind: AppointmentKind
    public let startsAt: Date
    public let durationMinutes: Int
    public let location: String?
    public let onlineURL: String?
    public let parties: [PartyRole]
    public let examinerId: UUID?
    public let status: AppointmentStatus
    public let cancelReason: String?
    public let cancelledAt: Date?
    public let summary: String?
    public let reportedAt: Date?
    /// Present only for readers the medical-field rule allows.
    public let medicalNotes: String?
    /// Each party's latest answer; the other party's note is withheld from a party.
    public let responses: [PartyRole: AppointmentResponse]

    public var facts: AppointmentFacts { AppointmentFacts(kind: kind, startsAt: startsAt, parties: Set(parties), status: status) }
}

public struct AppointmentResponse: Sendable {
    public let attending: Bool
    public let note: String?
    public let at: Date
}

/// A party's objection to a member of the panel, and its decision.
public struct ObjectionRecord: Sendable {
    public let id: UUID
    public let caseId: UUID
    public let reference: String
    public let staffId: UUID
    public let staffName: String
    public let party: PartyRole
    public let reason: String
    public let lodgedAt: Date
    public let decision: ObjectionDecision?
}

public struct ObjectionDecision: Sendable {
    public let upheld: Bool
    public let motivation: String
    public let decidedAt: Date
}

public struct RulingRecord: Sendable {
    public let outcome: RulingOutcome
    public let decision: String
    public let motivation: String
    public let decidedAt: Date
    public let panel: [PanelSeat]
    public let digest: String
    public let hasMedicalConsiderations: Bool
    /// Whether it binds (by statute, or both parties agreed before it); else an advisory opinion.
    public let binding: Bool
    /// The last day to ask a court to review it (nil for rulings recorded before this was kept).
    public let appealWindowEndsOn: LocalDate?
    /// What the panel did with the comments on its draft, and why.
    public let commentsResponse: String?
    /// The ruling's link in the chain of all rulings, and its signature (nil only for rulings from before sealing).
    public let seal: RulingSeal?
}

/// A ruling's place in the hash chain and its Ed25519 signature.
public struct RulingSeal: Sendable {
    public let sequence: Int64
    public let chainDigest: String
    public let signature: String
    public let keyId: String
}

public struct AppealRecord: Sendable {
    public let court: String
    public let lodgedOn: LocalDate
    public let recordedAt: Date
    /// What the court decided, once a coordinator recorded it.
    public let outcome: AppealOutcomeRecord?
}

public struct AppealOutcomeRecord: Sendable {
    public let outcome: AppealOutcome
    public let decidedOn: LocalDate
    public let summary: String
    public let recordedAt: Date
}

/// A line of the cases list.
public struct CaseSummary: Sendable {
    /// Where the employee is in the sickness years.
    public let sickness: SicknessPeriod
    public let id: UUID
    public let reference: String
    public let status: CaseStatus
    public let caseType: CaseType?
    public let createdAt: Date
    public let dueBy: LocalDate?
    /// The preferred moment of the stage that is due next.
    public let preferredBy: LocalDate?
}

/// One event of a case's history.
public struct CaseEvent: Sendable {
    public let seq: Int
    public let at: Date
    public let type: String
    public let actorRole: String
    public let actorStaffId: UUID?
    public let data: JSONValue
}

/// A validated new case.
public struct NewCase: Sendable {
    public let filerRole: PartyRole
    public let filerName: String
    public let filerEmail: String
    public let employeeName: String
    public let employerName: String
    public let employerKvk: String
    public let sickSince: LocalDate
    public let question: String
    public let physicianName: String?
    public let physicianOrganisation: String?
    public let medicalInformation: String?
    /// Contact addresses of the parties (optional), to invite the other party.
    public let employeeEmail: String?
    public let employerEmail: String?
    public let employeeAddress: PostalAddress?
    public let employerAddress: PostalAddress?
    /// The name the filer signed with when agreeing to be bound while filing.
    public let agreedName: String?
    /// An earlier spell of sickness (counts with this one when it ended fewer than 28 days before).
    public var earlierSpell: EarlierSpell?

    public init(
        filerRole: PartyRole, filerName: String, filerEmail: String, employeeName: String, employerName: String,
        employerKvk: String, sickSince: LocalDate, question: String, physicianName: String?,
        physicianOrganisation: String?, medicalInformation: String?, employeeEmail: String? = nil, employerEmail: String? = nil,
        employeeAddress: PostalAddress? = nil, employerAddress: PostalAddress? = nil, agreedName: String? = nil
    ) {
        self.agreedName = agreedName
        self.employeeEmail = employeeEmail
        self.employerEmail = employerEmail
        self.employeeAddress = employeeAddress
        self.employerAddress = employerAddress
        self.filerRole = filerRole
        self.filerName = filerName
        self.filerEmail = filerEmail
        self.employeeName = employeeName
        self.employerName = employerName
        self.employerKvk = employerKvk
        self.sickSince = sickSince
        self.question = question
        self.physicianName = physicianName
        self.physicianOrganisation = physicianOrganisation
        self.medicalInformation = medicalInformation
    }

    /// Who may not sit on this case's panel.
    public var conflicts: ConflictProfile {
        ConflictProfile(employerName: employerName, employerKvk: employerKvk, physicianName: physicianName, physicianOrganisation: physicianOrganisation)
    }
}

/// A validated triage decision.
public struct TriageInput: Sendable {
    public let decision: TriageDecision
    public let caseType: CaseType?
    public let disciplines: [Discipline]
    public let motivation: String
    /// Why the decision comes after the stage's preferred moment, if it does.
    public let deviationReason: String?
    /// The other party's contact as the intake officer confirmed or added it.
    public let otherParty: OtherPartyInput?

    public init(
        decision: TriageDecision, caseType: CaseType?, disciplines: [Discipline], motivation: String, deviationReason: String? = nil,
        otherParty: OtherPartyInput? = nil
    ) {
        self.otherParty = otherParty
        self.decision = decision
        self.caseType = caseType
        self.disciplines = disciplines
        self.motivation = motivation
        self.deviationReason = deviationReason
    }
}

/// `other_party` at triage: the way to reach the party that did not file,
/// added or corrected by the intake officer; `verified` when they checked
/// (by phone, say) that it reaches that party itself.
public struct OtherPartyInput: Sendable {
    public let email: String?
    /// `"email": null`: the officer removes the e-mail address the filer gave (a letter goes instead).
    public let clearEmail: Bool
    public let address: PostalAddress?

    public init(email: String?, clearEmail: Bool = false, address: PostalAddress?) {
        self.email = email
        self.clearEmail = clearEmail && email == nil
        self.address = address
    }
}

/// The parties' contact details, for the staff who reach them.
public struct CaseContacts: Sendable {
    public struct Party: Sendable {
        public let role: PartyRole
        public let isFiler: Bool
        public let name: String?
        /// Where messages go (for the invited party: where the invitation went).
        public let email: String?
        public let address: PostalAddress?
        public let invitedAt: Date?
        public let verifiedAt: Date?
        public let firstUsedAt: Date?
    }

    /// The filer, and the invited party once invited.
    public let parties: [Party]
    /// The other party's contact as given at filing (or confirmed at triage).
    public let otherPartyEmail: String?
    public let otherPartyAddress: PostalAddress?
}

/// A validated ruling.
public struct RulingInput: Sendable {
    public let outcome: RulingOutcome
    public let decision: String
    public let motivation: String
    public let medicalConsiderations: String?
    /// Why the ruling comes after the stage's preferred moment, if it does.
    public let deviationReason: String?
    /// After a draft: what changed because of the parties' comments, and why (or why not).
    public let commentsResponse: String?

    public init(
        outcome: RulingOutcome, decision: String, motivation: String, medicalConsiderations: String?, deviationReason: String? = nil,
        commentsResponse: String? = nil
    ) {
        self.commentsResponse = commentsResponse
        self.outcome = outcome
        self.decision = decision
        self.motivation = motivation
        self.medicalConsiderations = medicalConsiderations
        self.deviationReason = deviationReason
    }
}

/// A validated appeal.
public struct AppealInput: Sendable {
    public let court: String
    public let lodgedOn: LocalDate

    public init(court: String, lodgedOn: LocalDate) {
        self.court = court
        self.lodgedOn = lodgedOn
    }
}

/// What the court decided, as a coordinator records it.
public struct AppealOutcomeInput: Sendable {
    public let outcome: AppealOutcome
    public let decidedOn: LocalDate
    public let summary: String

    public init(outcome: AppealOutcome, decidedOn: LocalDate, summary: String) {
        self.outcome = outcome
        self.decidedOn = decidedOn
        self.summary = summary
    }
}

/// A written statement in a case.
public struct StatementRecord: Sendable {
    public let id: UUID
    public let authorRole: String
    public let authorStaffId: UUID?
    public let text: String
    public let medical: Bool
    public let createdAt: Date
}

/// The other party's invitation and response.
public struct HearingRecord: Sendable {
    public let party: PartyRole
    public let invitedAt: Date
    /// Nil while an invitation letter waits to be printed and sent.
    public let windowEndsAt: Date?
    public let respondedAt: Date?
    public let hasEmail: Bool
    /// When staff verified that the link reached the invited party.
    public let verifiedAt: Date?
    /// When the invited party's current link was first used.
    public let firstUsedAt: Date?
    /// Wrong check codes given for the current link.
    public let checkFailures: Int
    /// The filer's reply window, opened by the invited party's first statement.
    public let filerWindowEndsAt: Date?
    /// The filer's first statement after that.
    public let filerRepliedAt: Date?

    /// Whether the filer's reply window is open now and the filer has not replied.
    public func replyOpen(at now: Date) -> Bool {
        guard let end = filerWindowEndsAt, filerRepliedAt == nil else { return false }
        return now < end
    }

    /// Where the two turns stand.
    public var turns: HearingTurns {
        HearingTurns(
            invitedWindowEndsAt: windowEndsAt, invitedRespondedAt: respondedAt, filerWindowEndsAt: filerWindowEndsAt,
            filerRepliedAt: filerRepliedAt)
    }
}

/// Whether a case's ruling can bind, and who agreed to be bound when.
public struct BindingRecord: Sendable, Equatable {
    public let basis: BindingBasis
    public let employeeAgreedAt: Date?
    public let employerAgreedAt: Date?

    public func agreedAt(_ party: PartyRole) -> Date? { party == .employee ? employeeAgreedAt : employerAgreedAt }
}

/// An after-care check-in.
public struct FollowUpRecord: Sendable {
    public let id: UUID
    public let party: PartyRole
    public let sequence: Int
    public let dueAt: Date
    public let answerBy: Date
    public let answeredAt: Date?
    public let carriedOut: RulingCarriedOut?
    public let returnToWork: ReturnToWork?
    public let needsHelp: Bool?
    /// Null when `remarksWithheld`.
    public let remarks: String?
    /// The employee wrote remarks that this reader may not see: free text from
    /// the employee can hold health details despite the questionnaire asking
    /// only work-related facts, so it follows the medical-field rule.
    public let remarksWithheld: Bool
    public let missedAt: Date?
    /// The employee's answered signals; nil for the employer's check-ins, before
    /// an answer, and for readers who may not see medical fields.
    public var signals: [WorkSignal]? = nil
}

/// An answer to a check-in.
public struct FollowUpAnswer: Sendable {
    public let carriedOut: RulingCarriedOut
    public let returnToWork: ReturnToWork
    public let needsHelp: Bool
    public let remarks: String?
    /// The day the employee returned to work, when the answer gives it; after-care then counts from it.
    public let returnedOn: LocalDate?
    /// The signals the employee recognises at work (only the employee answers these).
    public let signals: Set<WorkSignal>

    public init(
        carriedOut: RulingCarriedOut, returnToWork: ReturnToWork, needsHelp: Bool, remarks: String?, returnedOn: LocalDate? = nil,
        signals: Set<WorkSignal> = []
    ) {
        self.carriedOut = carriedOut
        self.returnToWork = returnToWork
        self.needsHelp = needsHelp
        self.remarks = remarks
        self.returnedOn = returnedOn
        self.signals = signals
    }
}

/// A coordinator's change of a working panel.
public enum PanelChange: Sendable {
    case addDiscipline(Discipline)
    case replaceMember(UUID)
}

/// A case that needs a coordinator's attention.
public struct EscalationRecord: Sendable {
    public let id: Int64
    public let caseId: UUID
    public let reference: String
    public let kind: String
    public let detail: String
    public let createdAt: Date
    public let resolvedAt: Date?
}

/// A member's absence.
public struct AbsenceRecord: Sendable {
    public let id: UUID
    public let staffId: UUID
    public let startsOn: LocalDate
    public let endsOn: LocalDate
    public let reason: String?
}

/// A message in the outbox (letters waiting to be printed, failed e-mail).
public struct NotificationRecord: Sendable {
    public let id: Int64
    public let caseId: UUID?
    public let reference: String?
    public let kind: String
    public let channel: String
    public let recipientName: String?
    public let recipientParty: String?
    public let createdAt: Date
    public let attempts: Int
    public let sentAt: Date?
    public let failedAt: Date?
    public let lastError: String?
}
