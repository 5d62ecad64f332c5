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
    /// Whether the employee gave medical information at filing.
    public let hasMedicalInformation: Bool
    /// Medical fields, loaded only when the caller may see them.
    public var medical: MedicalFields?

    /// The facts `CaseAccessPolicy` decides on.
    public var accessFacts: CaseAccessFacts {
        CaseAccessFacts(caseId: id, status: status, panel: Dictionary(panel.map { ($0.staffId, $0.discipline) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Whether the case holds any medical text at all.
    public var holdsMedicalText: Bool { hasMedicalInformation || (ruling?.hasMedicalConsiderations ?? false) }
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
}

public struct RulingRecord: Sendable {
    public let outcome: RulingOutcome
    public let decision: String
    public let motivation: String
    public let decidedAt: Date
    public let panel: [PanelSeat]
    public let digest: String
    public let hasMedicalConsiderations: Bool
}

public struct AppealRecord: Sendable {
    public let court: String
    public let lodgedOn: LocalDate
    public let recordedAt: Date
}

/// A line of the cases list.
public struct CaseSummary: Sendable {
    public let id: UUID
    public let reference: String
    public let status: CaseStatus
    public let caseType: CaseType?
    public let createdAt: Date
    public let dueBy: LocalDate?
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

    public init(
        filerRole: PartyRole, filerName: String, filerEmail: String, employeeName: String, employerName: String,
        employerKvk: String, sickSince: LocalDate, question: String, physicianName: String?,
        physicianOrganisation: String?, medicalInformation: String?
    ) {
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

    public init(decision: TriageDecision, caseType: CaseType?, disciplines: [Discipline], motivation: String) {
        self.decision = decision
        self.caseType = caseType
        self.disciplines = disciplines
        self.motivation = motivation
    }
}

/// A validated ruling.
public struct RulingInput: Sendable {
    public let outcome: RulingOutcome
    public let decision: String
    public let motivation: String
    public let medicalConsiderations: String?

    public init(outcome: RulingOutcome, decision: String, motivation: String, medicalConsiderations: String?) {
        self.outcome = outcome
        self.decision = decision
        self.motivation = motivation
        self.medicalConsiderations = medicalConsiderations
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
