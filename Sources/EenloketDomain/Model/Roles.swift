/// The roles a staff account can have.
public enum StaffRole: String, Sendable, CaseIterable, Codable {
    case admin
    case coordinator
    case intakeOfficer = "intake_officer"
    case panelMember = "panel_member"
    case inspector
}

/// The two parties of a case: the sick employee and their employer.
public enum PartyRole: String, Sendable, CaseIterable, Codable {
    case employee
    case employer

    /// The other side of the dispute.
    public var other: PartyRole { self == .employee ? .employer : .employee }
}

/// The professions a panel is made of.
public enum Discipline: String, Sendable, CaseIterable, Codable, Comparable {
    case bedrijfsarts
    case verzekeringsarts
    case arbeidsdeskundige

    /// Physicians may read medical fields and chair a panel.
    public var isPhysician: Bool { self != .arbeidsdeskundige }

    public static func < (lhs: Discipline, rhs: Discipline) -> Bool { lhs.rawValue < rhs.rawValue }
}
