import Foundation

/// RFC 3339 timestamps in UTC with millisecond precision, e.g. `2026-11-23T14:28:05.123Z`.
///
/// One formatter for every timestamp the service writes, so a value read back
/// from the database prints exactly as it did when it was first returned
/// (the ruling digest depends on that).
public enum Timestamp {
    /// Formats an instant, rounded to the nearest millisecond.
    public static func format(_ instant: Date) -> String {
        let millis = Int((instant.timeIntervalSince1970 * 1000).rounded())
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let fraction = millis - seconds * 1000
        let day = LocalDate(dayNumber: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = seconds - day.dayNumber * 86_400
        return day.description + "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":"
            + pad(secondOfDay % 60, 2) + "." + pad(fraction, 3) + "Z"
    }

    /// Rounds an instant to whole milliseconds, the precision every stored timestamp has.
    public static func truncated(_ instant: Date) -> Date {
        Date(timeIntervalSince1970: (instant.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
