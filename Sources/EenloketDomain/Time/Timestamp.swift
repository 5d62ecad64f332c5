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

    /// Parses an RFC 3339 date-time with a `Z` or a numeric offset
    /// (`2026-12-15T13:00:00Z`, `2026-12-15T14:00:00.000+01:00`); nil otherwise.
    public static func parse(_ text: String) -> Date? {
        guard let m = text.wholeMatch(of: /(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})/),
            let day = LocalDate(iso: String(m.1)), let hh = Int(m.2), let mm = Int(m.3), let ss = Int(m.4),
            hh < 24, mm < 60, ss < 60
        else { return nil }
        var offset = 0
        let zone = String(m.6)
        if zone.uppercased() != "Z" {
            let sign = zone.hasPrefix("-") ? -1 : 1
            let parts = zone.dropFirst().split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2, parts[0] < 24, parts[1] < 60 else { return nil }
            offset = sign * (parts[0] * 3600 + parts[1] * 60)
        }
        let fraction = m.5.map { Double("0" + $0) ?? 0 } ?? 0
        let seconds = Double(day.dayNumber * 86_400 + hh * 3600 + mm * 60 + ss - offset) + fraction
        return Date(timeIntervalSince1970: seconds)
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
