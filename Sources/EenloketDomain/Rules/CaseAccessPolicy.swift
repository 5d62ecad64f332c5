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

    /// `employeeVerified` has no default: a fact left out must not grant medical access.
    public init(caseId: UUID, status: CaseStatus, panel: [UUID: Discipline], employeeVerified: Bool) {
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

    /// Whether the caller may see a document of the case file: a non-medical one
    /// whoever may see the case, a medical one by the medical-field rule.
    public static func canSeeDocument(_ caller: Caller, _ facts: CaseAccessFacts, medical: Bool) -> Bool {
        medical ? canSeeMedical(caller, facts) : canSee(caller, facts)
    }

    /// Whether staff see the case's history with the staff members behind each event.
    public static func seesActors(_ caller: Caller) -> Bool {
        caller.staff != nil
    }

    /// The data of a history event as the caller sees it, or nil when the
    /// caller does not see the event at all. That the employee changed a consent,
    /// or that a medical document was added, is seen only by those who see the
    /// consents and the medical documents. That staff viewed medical data, or
    /// that a statement is medical, reveals that medical data exists and when:
    /// a party who may not see the medical fields sees neither.
    public static func visibleEvent(_ type: String, data: JSONValue, _ caller: Caller, _ facts: CaseAccessFacts) -> JSONValue? {
        // Consents follow the medical-field rule for staff as well: not the employer, a coordinator or an admin.
        if type == EventType.consentChanged.rawValue {
            guard canSeeMedical(caller, facts) else { return nil }
            return data
        }
        // A medical document's arrival (its kind, its size) is seen by those who may see the document.
        if type == EventType.documentAdded.rawValue, case .object(let members) = data, members["medical"] == .bool(true) {
            guard canSeeMedical(caller, facts) else { return nil }
            return data
        }
        // That a party asked for a new link is its own business: the other party does not see it.
        if type == EventType.accessLinkSent.rawValue, let party = caller.party, case .object(let members) = data,
            members["party"] != .string(party.role.rawValue)
        {
            return nil
        }
        guard caller.party != nil, !canSeeMedical(caller, facts) else { return data }
        switch EventType(rawValue: type) {
        case .medicalDataViewed, .medicalFilePurged:
            return nil
        case .statementAdded:
            guard case .object(var members) = data else { return data }
            members["medical"] = nil
            return .object(members)
        default:
            return data
        }
    }

    /// Whether a party's link may act for that party (write statements, answer
    /// check-ins): always, except an invited employee not yet verified. Whoever
    /// holds such a link may be the employer who typed an address of its own; it
    /// must not speak for the employee (security finding H1).
    public static func mayActAsParty(_ party: PartyPrincipal, _ facts: CaseAccessFacts) -> Bool {
        party.caseId == facts.caseId && (party.role != .employee || party.isFiler || facts.employeeVerified)
    }

    /// Whether the caller is the invited employee who must still be verified:
    /// their page shows the check code to give to staff.
    public static func awaitsVerification(_ caller: Caller, _ facts: CaseAccessFacts) -> Bool {
        guard let party = caller.party, party.caseId == facts.caseId else { return false }
        return party.role == .employee && !party.isFiler && !facts.employeeVerified
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
