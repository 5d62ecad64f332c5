/// Why a case was put before the coordinators. The database's CHECK on
/// `escalations.kind` holds the same list (a test keeps them equal).
public enum EscalationKind: String, Sendable, CaseIterable, Codable {
    /// A stage's latest deadline passed.
    case deadlineMissed = "deadline_missed"
    /// The panel deadline passed while no complete panel could be formed.
    case awaitingPanel = "awaiting_panel"
    /// The chair is absent while the ruling is due.
    case chairAbsent = "chair_absent"
    /// A party reports that the ruling is not carried out.
    case rulingNotCarriedOut = "ruling_not_carried_out"
    /// Several after-care check-ins went unanswered.
    case followUpsMissed = "follow_ups_missed"
    /// A check-in answer asks for help, or says the employee is not working (again).
    case afterCareHelp = "after_care_help"
}
