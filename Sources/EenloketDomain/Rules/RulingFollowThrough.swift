/// Whether the ruling is being carried out, as a party answers a check-in.
public enum RulingCarriedOut: String, Sendable, CaseIterable, Codable {
    case yes
    case partly
    case no
}

/// How the return to work goes, as a party answers a check-in. Work-related
/// facts only: the questionnaire asks nothing medical.
public enum ReturnToWork: String, Sendable, CaseIterable, Codable {
    case workingAsAgreed = "working_as_agreed"
    case workingLess = "working_less"
    case notWorking = "not_working"
    case notApplicable = "not_applicable"
}

/// When after-care flags a case to the coordinators.
public enum FollowThrough {
    /// Missed check-ins (over both parties) that flag a case.
    public static let missedBeforeFlag = 2

    /// Whether an answer needs a coordinator's attention.
    public static func needsAttention(_ answer: RulingCarriedOut) -> Bool { answer == .no }
}
