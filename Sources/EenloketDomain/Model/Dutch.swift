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
}
