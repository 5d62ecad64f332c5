/// Admission of panel members to the pool.
public enum Admission {
    /// Full years a physician must have been registered as specialist.
    public static let physicianMinimumYears = 5

    /// Whether a physician registered on `registeredSince` has at least five full
    /// years of registration on `today` (Amsterdam date).
    public static func hasEnoughExperience(registeredSince: LocalDate, today: LocalDate) -> Bool {
        registeredSince.adding(years: physicianMinimumYears) <= today
    }

    /// Whether a BIG number has the required form: exactly 11 digits.
    public static func isValidBIGNumber(_ text: String) -> Bool {
        text.utf8.count == 11 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The bounds of `max_open_cases`.
    public static let maxOpenCasesRange = 1...50
}
