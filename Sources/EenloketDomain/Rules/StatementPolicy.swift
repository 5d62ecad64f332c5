/// Written statements in a case (hoor en wederhoor).
public enum StatementPolicy {
    /// Whether the caller may add a statement: either party of the case (an
    /// invited employee once verified), or a member of its panel.
    public static func mayWrite(_ caller: Caller, _ facts: CaseAccessFacts) -> Bool {
        switch caller {
        case .party(let party): return CaseAccessPolicy.mayActAsParty(party, facts)
        case .staff(let staff): return staff.role == .panelMember && facts.panel[staff.id] != nil
        case .anonymous: return false
        }
    }

    /// Only the employee (about themselves) or a panel physician may mark a statement medical.
    public static func mayMarkMedical(_ caller: Caller, _ facts: CaseAccessFacts) -> Bool {
        switch caller {
        case .party(let party): return party.caseId == facts.caseId && party.role == .employee
        case .staff(let staff): return staff.role == .panelMember && (facts.panel[staff.id]?.isPhysician ?? false)
        case .anonymous: return false
        }
    }

    /// Medical statements follow the medical-field rule.
    public static func maySeeMedical(_ caller: Caller, _ facts: CaseAccessFacts) -> Bool {
        CaseAccessPolicy.canSeeMedical(caller, facts)
    }
}
