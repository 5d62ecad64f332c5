import Foundation

/// The facts about a case that decide who may see it and its medical fields.
public struct CaseAccessFacts: Sendable {
    public let caseId: UUID
    public let status: CaseStatus
    /// Current panel members and their disciplines.
    public let panel: [UUID: Discipline]
    /// Whether the employee party is known to hold its own link: the employee
    /// filed, or staff verified that the invitation reached the employee.
    public let employeeVerified: Bool

    public init(caseId: UUID, status: CaseStatus, panel: [UUID: Discipline], employeeVerified: Bool = true) {
        self.caseId = caseId
        self.status = status
        self.panel = panel
        self.employeeVerified = employeeVerified
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
    /// inspectors or an arbeidsdeskundige. An employee who was invited (the
    /// employer filed and typed the address) sees it only once staff verified
    /// that the link reached the employee: an employer who typed an address of
    /// its own must not read the employee's medical data with it.
    public static func canSeeMedical(_ caller: Caller, _ facts: CaseAccessFacts) -> Bool {
        guard canSee(caller, facts) else { return false }
        switch caller {
        case .anonymous:
            return false
        case .party(let party):
            return party.role == .employee && facts.employeeVerified
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

    /// Whether the caller sees an event of this type in the history. That
    /// staff viewed medical data reveals that medical data exists and when it
    /// was read: only those who may see the medical fields (and staff) see it.
    public static func seesEvent(_ type: String, _ caller: Caller, _ facts: CaseAccessFacts) -> Bool {
        guard type == EventType.medicalDataViewed.rawValue, caller.party != nil else { return true }
        return canSeeMedical(caller, facts)
    }

    /// Whether the caller sees the parties' contact details (names, e-mail and
    /// postal addresses): the staff who check and use them to reach the parties.
    public static func canSeeContacts(_ caller: Caller) -> Bool {
        guard let staff = caller.staff else { return false }
        return [.intakeOfficer, .coordinator, .admin].contains(staff.role)
    }

    /// Whether the caller may record that an invited employee's link reached
    /// the employee: an intake officer (who spoke with them), or a physician on
    /// the case's panel (who met them).
    public static func mayVerifyEmployee(_ caller: Caller, _ facts: CaseAccessFacts) -> Bool {
        guard canSee(caller, facts), let staff = caller.staff else { return false }
        switch staff.role {
        case .intakeOfficer: return true
        case .panelMember: return facts.panel[staff.id]?.isPhysician ?? false
        default: return false
        }
    }
}
