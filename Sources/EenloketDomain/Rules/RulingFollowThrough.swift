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

/// A signal that can come before a relapse (domain section 12), asked of the
/// employee as a work-related question at each check-in.
public enum WorkSignal: String, Sendable, CaseIterable, Codable {
    case fatigue
    case moreErrors = "more_errors"
    case withdrawal
    case irritability
    case worry
}

/// When after-care flags a case to the coordinators.
public enum FollowThrough {
    /// Missed check-ins (over both parties) that flag a case.
    public static let missedBeforeFlag = 2

    /// Whether an answer needs a coordinator's attention.
    public static func needsAttention(_ answer: RulingCarriedOut) -> Bool { answer == .no }

    /// Why a check-in answer needs a coordinator at once (in words for the
    /// coordinators, never the party's own text), or nil: the party asks for
    /// help, or the employee is not working (again). Return is not recovery
    /// (domain section 12): these are the moments a relapse can still be caught.
    public static func helpWanted(by party: PartyRole, needsHelp: Bool, returnToWork: ReturnToWork?) -> String? {
        let who = party == .employee ? "de werknemer" : "de werkgever"
        switch (needsHelp, returnToWork == .notWorking) {
        case (true, true): return "\(who) vraagt om hulp en meldt dat de werknemer niet (meer) werkt"
        case (true, false): return "\(who) vraagt om hulp bij de terugkeer naar werk"
        case (false, true): return "\(who) meldt dat de werknemer niet (meer) werkt"
        case (false, false): return nil
        }
    }

    /// What a party reads after an answer that asked for help.
    public static let helpNextStep =
        "Een coördinator van Eenloket neemt binnen twee werkdagen contact met u op om te bespreken wat er nodig is. "
        + "Heeft u eerder hulp nodig? Neem dan contact op met uw bedrijfsarts."
}
