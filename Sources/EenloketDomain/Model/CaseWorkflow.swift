/// The one definition of which status changes a case may make.
///
/// The store executes each transition as `UPDATE … WHERE status = ANY(from)`,
/// so a lost race changes nothing and becomes a 409; the migrations hold the
/// same table (`case_status_transitions`) for a trigger that rejects any other
/// change (a test keeps the two in step).
public enum CaseTransition: String, Sendable, CaseIterable {
    case acceptAwaitingPanel
    case acceptInReview
    case refer
    case answer
    case panelComplete
    /// A coordinator changed the panel and a seat could not be filled at once.
    case reopenPanel
    /// The chair issued a draft ruling (contract Part 2, "Draft ruling and comments").
    case issueDraft
    case rule
    case withdraw

    /// The statuses the transition may start from.
    public var from: Set<CaseStatus> {
        switch self {
        case .acceptAwaitingPanel, .acceptInReview, .refer, .answer: return [.submitted]
        case .panelComplete: return [.awaitingPanel]
        case .reopenPanel: return [.inReview]
        case .issueDraft: return [.inReview]
        case .rule: return [.inReview, .draftRuling]
        case .withdraw: return [.submitted, .awaitingPanel, .inReview, .draftRuling]
        }
    }

    /// The status the transition ends in.
    public var to: CaseStatus {
        switch self {
        case .acceptAwaitingPanel, .reopenPanel: return .awaitingPanel
        case .acceptInReview, .panelComplete: return .inReview
        case .issueDraft: return .draftRuling
        case .refer: return .referred
        case .answer: return .answered
        case .rule: return .ruled
        case .withdraw: return .withdrawn
        }
    }

    /// Every allowed (from, to) pair.
    public static var allowedPairs: Set<StatusPair> {
        Set(allCases.flatMap { t in t.from.map { StatusPair(from: $0, to: t.to) } })
    }

    /// The transition for a triage decision, given whether routing filled the panel.
    public static func triage(_ decision: TriageDecision, panelComplete: Bool) -> CaseTransition {
        switch decision {
        case .accept: return panelComplete ? .acceptInReview : .acceptAwaitingPanel
        case .refer: return .refer
        case .answer: return .answer
        }
    }
}

/// A change from one status to another.
public struct StatusPair: Hashable, Sendable {
    public let from: CaseStatus
    public let to: CaseStatus
    public init(from: CaseStatus, to: CaseStatus) {
        self.from = from
        self.to = to
    }
}
