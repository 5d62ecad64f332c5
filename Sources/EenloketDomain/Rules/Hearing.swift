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

    /// Whether the panel may rule: the other party responded, or its window has closed.
    public static func mayRule(now: Date, windowEnd: Date, responded: Bool) -> Bool {
        responded || now >= windowEnd
    }
}
