/// What the court decided about an appeal against a ruling.
public enum AppealOutcome: String, Sendable, CaseIterable, Codable {
    /// The court let the ruling stand.
    case upheld
    /// The court set the ruling aside (for binding advice: holding the parties to it was unacceptable, Civil Code 7:904).
    case setAside = "set_aside"
    /// The parties settled.
    case settled
    /// The appeal was withdrawn.
    case withdrawn
}

/// The window for asking a court to review a ruling.
public enum AppealWindow {
    /// The last day: the ruling's date plus `months` calendar months (the same
    /// day of the month, or that month's last day when it has no such day),
    /// moved to the next working day when it is not one (Algemene termijnenwet).
    public static func endsOn(rulingDate: LocalDate, months: Int, calendar: WorkingDayCalendar) -> LocalDate {
        let total = rulingDate.month - 1 + months
        let year = rulingDate.year + total / 12
        let month = total % 12 + 1
        let day = min(rulingDate.day, LocalDate.daysInMonth(year: year, month: month))
        return calendar.nextWorkingDay(onOrAfter: LocalDate(year: year, month: month, day: day)!)
    }
}
