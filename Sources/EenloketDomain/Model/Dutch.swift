import Foundation

/// Dutch wording of dates and other values in user-facing text.
public enum Dutch {
    static let months = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
        "december",
    ]
    static let weekdays = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]

    /// "maandag 30 november 2026".
    public static func date(_ day: LocalDate) -> String {
        "\(weekdays[day.isoWeekday - 1]) \(day.day) \(months[day.month - 1]) \(day.year)"
    }

    /// "dinsdag 15 december 2026 om 14:00" (Amsterdam time).
    public static func moment(_ instant: Date) -> String {
        let day = AmsterdamTime.date(of: instant)
        let seconds = Int(instant.timeIntervalSince1970) + AmsterdamTime.utcOffset(at: instant)
        let minuteOfDay = ((seconds % 86_400) + 86_400) % 86_400 / 60
        let hh = minuteOfDay / 60, mm = minuteOfDay % 60
        return "\(date(day)) om \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
    }

    /// The day a window that closes at `end` (the start of the next day,
    /// Amsterdam time) runs to, as parties read it: "uiterlijk maandag 14
    /// december 2026" (never "vóór" a last allowed day).
    public static func until(_ end: Date) -> String {
        "uiterlijk " + date(AmsterdamTime.date(of: end.addingTimeInterval(-1)))
    }
}
