import Foundation

/// The draft round (contract Part 2, "Draft ruling and comments"): the chair
/// issues a draft; the parties may point out factual errors until the end of
/// the last of `draftWindowDays` working days; then the chair records the
/// ruling and answers the comments.
public enum DraftRound {
    /// The moment the comment window closes: the end of the last working day
    /// (Europe/Amsterdam), as for the hearing windows.
    public static func commentsUntil(issuedAt: Date, workingDays: Int, calendar: WorkingDayCalendar) -> Date {
        Hearing.windowEnd(invitedAt: issuedAt, workingDays: workingDays, calendar: calendar)
    }
}

/// How a party answered a draft so far.
public enum DraftResponse: String, Sendable, CaseIterable, Codable {
    /// At least one comment (a factual correction).
    case commented
    /// The party said it has no comments, and made none.
    case noComments = "no_comments"
}

/// The facts about a case's draft that the decisions depend on.
public struct DraftFacts: Sendable, Equatable {
    public let commentsUntil: Date
    /// How each party answered, when it did.
    public let responses: [PartyRole: DraftResponse]
    /// Whether any party made a comment (medical ones included).
    public let hasComments: Bool

    public init(commentsUntil: Date, responses: [PartyRole: DraftResponse], hasComments: Bool) {
        self.commentsUntil = commentsUntil
        self.responses = responses
        self.hasComments = hasComments
    }

    /// Whether the window is still open for comments.
    public func open(at now: Date) -> Bool { now < commentsUntil }
}
