import Foundation

/// Civil time in Europe/Amsterdam, where the contract reckons calendar dates.
///
/// The rule is the EU's summer time (in force since 1996): UTC+2 from the last
/// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, UTC+1
/// otherwise. Computing it here avoids depending on the host's tz database,
/// which minimal containers often lack.
public enum AmsterdamTime {
    /// The offset from UTC, in seconds, at an instant.
    public static func utcOffset(at instant: Date) -> Int {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let utcDate = LocalDate(dayNumber: floorDiv(seconds, 86_400))
        let start = summerTimeBoundary(year: utcDate.year, month: 3)
        let end = summerTimeBoundary(year: utcDate.year, month: 10)
        return (seconds >= start && seconds < end) ? 7_200 : 3_600
    }

    /// The Amsterdam calendar date of an instant.
    public static func date(of instant: Date) -> LocalDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + utcOffset(at: instant)
        return LocalDate(dayNumber: floorDiv(seconds, 86_400))
    }

    /// The instant at which an Amsterdam calendar date begins (local midnight).
    public static func startOfDay(_ date: LocalDate) -> Date {
        let utcMidnight = date.dayNumber * 86_400
        // Midnight is never inside a switch hour (switches happen at 02:00/03:00 local).
        let offset = utcOffset(at: Date(timeIntervalSince1970: TimeInterval(utcMidnight - 3_600)))
        return Date(timeIntervalSince1970: TimeInterval(utcMidnight - offset))
    }

    /// The last instant of an Amsterdam calendar date (23:59:59.999 local).
    public static func endOfDay(_ date: LocalDate) -> Date {
        startOfDay(date.adding(days: 1)).addingTimeInterval(-0.001)
    }

    /// Seconds since 1970 at 01:00 UTC on the last Sunday of the month.
    private static func summerTimeBoundary(year: Int, month: Int) -> Int {
        var last = LocalDate(year: year, month: month, day: 31)!
        while last.isoWeekday != 7 { last = last.adding(days: -1) }
        return last.dayNumber * 86_400 + 3_600
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
