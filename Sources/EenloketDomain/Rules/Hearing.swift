import Foundation

/// Hoor en wederhoor: the other party is invited when a case is accepted and
/// may respond before the panel rules.
public enum Hearing {
    /// When the other party's response window closes: the end of the
    /// `workingDays`-th working day after the invitation (Amsterdam time).
    /// With 0 working days there is no window: it closes at the invitation.
    public static func windowEnd(invitedAt: Date, workingDays: Int, calendar: WorkingDayCalendar) -> Date {
        guard workingDays > 0 else { return invitedAt }
        let lastDay = calendar.adding(workingDays: workingDays, to: AmsterdamTime.date(of: invitedAt))
        return AmsterdamTime.startOfDay(lastDay.adding(days: 1))
    }

    /// Working days a posted letter is given to arrive before its window starts.
    public static let letterDeliveryDays = 2

    /// When the window of a party invited by letter closes: counted from the
    /// moment staff mark the letter printed and sent, with the delivery days
    /// added. Without a window (0 days) there is no waiting for the post either.
    public static func letterWindowEnd(sentAt: Date, workingDays: Int, calendar: WorkingDayCalendar) -> Date {
        guard workingDays > 0 else { return sentAt }
        return windowEnd(invitedAt: sentAt, workingDays: workingDays + letterDeliveryDays, calendar: calendar)
    }

    /// Whether the panel may rule: the other party responded, or its window
    /// has closed (a letter not yet sent has no window that could close).
    public static func mayRule(now: Date, windowEnd: Date?, responded: Bool) -> Bool {
        if responded { return true }
        guard let windowEnd else { return false }
        return now >= windowEnd
    }

    /// Whether both sides were heard in turn (contract Part 2, "Hearing both
    /// sides"): the invited party responded or its window closed, and, once it
    /// responded, the filer replied after that or the filer's reply window
    /// (opened by that response) closed. Without windows it is complete at once.
    public static func isComplete(_ turns: HearingTurns, now: Date) -> Bool {
        guard mayRule(now: now, windowEnd: turns.invitedWindowEndsAt, responded: turns.invitedRespondedAt != nil) else { return false }
        guard turns.invitedRespondedAt != nil else { return true }
        if turns.filerRepliedAt != nil { return true }
        guard let filerWindow = turns.filerWindowEndsAt else { return true }
        return now >= filerWindow
    }
}

/// Where the two turns of a hearing stand.
public struct HearingTurns: Sendable, Equatable {
    /// Nil while the invitation letter waits to be printed and sent.
    public let invitedWindowEndsAt: Date?
    /// The invited party's first statement.
    public let invitedRespondedAt: Date?
    /// The filer's reply window, opened by the invited party's first statement.
    public let filerWindowEndsAt: Date?
    /// The filer's first statement after the invited party's first statement.
    public let filerRepliedAt: Date?

    public init(invitedWindowEndsAt: Date?, invitedRespondedAt: Date?, filerWindowEndsAt: Date?, filerRepliedAt: Date?) {
        self.invitedWindowEndsAt = invitedWindowEndsAt
        self.invitedRespondedAt = invitedRespondedAt
        self.filerWindowEndsAt = filerWindowEndsAt
        self.filerRepliedAt = filerRepliedAt
    }
}
