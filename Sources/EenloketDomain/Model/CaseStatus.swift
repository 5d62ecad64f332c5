/// Where a case is in the workflow.
public enum CaseStatus: String, Sendable, CaseIterable, Codable {
    case submitted
    case awaitingPanel = "awaiting_panel"
    case inReview = "in_review"
    /// The chair issued a draft; the parties may point out factual errors.
    case draftRuling = "draft_ruling"
    case ruled
    case referred
    case answered
    case withdrawn

    /// Statuses in which a case counts against its panel members' `max_open_cases`.
    public static let open: Set<CaseStatus> = [.awaitingPanel, .inReview, .draftRuling]

    /// Statuses after which nothing more happens to the case itself.
    public var isFinal: Bool { [.ruled, .referred, .answered, .withdrawn].contains(self) }
}

/// What a case is about, as classified at triage.
public enum CaseType: String, Sendable, CaseIterable, Codable {
    case secondOpinion = "second_opinion"
    case workCapacity = "work_capacity"
    case suitableWork = "suitable_work"
    case reintegrationEffort = "reintegration_effort"
    case trackTwo = "track_two"
    case other
}

/// The intake officer's decision.
public enum TriageDecision: String, Sendable, CaseIterable, Codable {
    case accept
    case refer
    case answer
}

/// What the panel decided about the position or advice in dispute.
public enum RulingOutcome: String, Sendable, CaseIterable, Codable {
    case upheld
    case partlyUpheld = "partly_upheld"
    case overturned
}
