import Foundation

/// The facts about a case that decide who may see it and its medical fields.
public struct CaseAccessFacts: Sendable {
    public let caseId: UUID
    public let status: CaseStatus
    /// Current panel members and their disciplines.
    public let panel: [UUID: Discipline]

    public init(caseId: UUID, status: CaseStatus, panel: [UUID: Discipline]) {
        self.caseId = caseId
        self.status = status
        self.panel = panel
    }
}

/// The one place that decides who may see a case and its medical fields.
///
/// Every read of a case (its view, its history, lists) asks this policy, so a
/// new endpoint cannot forget the rule. PostgreSQL repeats the medical rule as
/// defence in depth.
public enum CaseAccessPolicy {
    /// Whether the caller may see the case at all. Inspectors are refused
    /// outright (403) before this is asked.
    public static func canSee(_ caller: Caller, _ facts: CaseAccessFacts) -> Bool {
        switch caller {
        case .anonymous:
            return false
        case .party(let party):
            return party.caseId == facts.caseId
        case .staff(let staff):
            switch staff.role {
            case .intakeOfficer, .coordinator, .admin:
                return true
            case .panelMember:
                // On the panel while it works, and for good once it has ruled;
                // a withdrawal frees the panel and ends its access.
                return facts.panel[staff.id] != nil && facts.status != .withdrawn
            case .inspector:
                return false
            }
        }
    }

    /// Whether the caller may see `medical_information` and `medical_considerations`.
    ///
    /// The employee (their own data), intake officers (triage needs it) and the
    /// case's panel physicians. Never the employer, coordinators, admins,
    /// inspectors or an arbeidsdeskundige.
    public static func canSeeMedical(_ caller: Caller, _ facts: CaseAccessFacts) -> Bool {
        guard canSee(caller, facts) else { return false }
        switch caller {
        case .anonymous:
            return false
        case .party(let party):
            return party.role == .employee
        case .staff(let staff):
            switch staff.role {
            case .intakeOfficer: return true
            case .panelMember: return facts.panel[staff.id]?.isPhysician ?? false
            case .coordinator, .admin, .inspector: return false
            }
        }
    }

    /// Whether staff see the case's history with the staff members behind each event.
    public static func seesActors(_ caller: Caller) -> Bool {
        caller.staff != nil
    }
}
