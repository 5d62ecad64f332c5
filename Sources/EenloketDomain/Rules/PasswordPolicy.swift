/// The rules for a staff password (NIST SP 800-63B): long enough, and not one
/// an attacker tries first. Every staff password passes here, whoever sets it.
public enum PasswordPolicy {
    public static let lengths = 12...200

    /// Why a password is refused, in Dutch, or nil when it is fine.
    public static func problem(_ password: String) -> String? {
        let scalars = password.unicodeScalars
        if scalars.count < lengths.lowerBound { return "Een wachtwoord heeft minstens 12 tekens." }
        if scalars.count > lengths.upperBound { return "Een wachtwoord heeft hoogstens 200 tekens." }
        if scalars.allSatisfy({ $0.properties.isWhitespace }) {
            return "Een wachtwoord van alleen spaties is niet veilig. Kies bijvoorbeeld een zin van een paar woorden."
        }
        if Set(scalars).count == 1 {
            return "Een wachtwoord van steeds hetzelfde teken is niet veilig. Kies bijvoorbeeld een zin van een paar woorden."
        }
        if isCommon(password) {
            return "Dit wachtwoord komt voor in lijsten met veelgebruikte wachtwoorden. Kies een ander, bijvoorbeeld een zin van een paar woorden."
        }
        return nil
    }

    /// On the list as it is, or a listed word with only digits and signs added
    /// (`welkom123456`, `dragon2026!!`).
    static func isCommon(_ password: String) -> Bool {
        let lower = password.lowercased()
        if blocklist.contains(lower) { return true }
        let base = String(lower.reversed().drop { !$0.isLetter }.reversed())
        return base.count >= 4 && base != lower && blocklist.contains(base)
    }

    /// The common passwords, read once.
    static let blocklist: Set<String> = Set(CommonPasswords.text.split(separator: "\n").map(String.init))

    /// Whether the list is there (a broken list must not pass silently).
    public static var blocklistLoaded: Bool { blocklist.count > 10_000 }
}
