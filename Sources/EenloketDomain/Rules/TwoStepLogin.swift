/// Who logs in with a second step, and how codes are judged (RFC 6238: six
/// digits, 30-second steps, SHA-1, one step of clock difference either way).
public enum TwoStepLogin {
    /// Staff who can reach medical data: admins, intake officers and the panel's physicians.
    public static func required(for role: StaffRole, discipline: Discipline?) -> Bool {
        switch role {
        case .admin, .intakeOfficer: return true
        case .panelMember: return discipline?.isPhysician ?? false
        case .coordinator, .inspector: return false
        }
    }

    public static let digits = 6
    public static let stepSeconds = 30
    /// Steps of clock difference accepted on either side.
    public static let window = 1
    /// How long the step between password and code lasts.
    public static let challengeLifetime: Double = 5 * 60
    /// Wrong codes before a challenge ends.
    public static let maxFailures = 5
    /// Recovery codes made at enrolment.
    public static let recoveryCodeCount = 10

    /// The time step of a moment (seconds since 1970).
    public static func step(at seconds: Double) -> Int64 { Int64((seconds / Double(stepSeconds)).rounded(.down)) }

    /// The steps a code is checked against, nearest first.
    public static func candidateSteps(at seconds: Double) -> [Int64] {
        let now = step(at: seconds)
        return [now] + (1...window).flatMap { [now - Int64($0), now + Int64($0)] }
    }

    /// Whether `text` has the form of a TOTP code.
    public static func looksLikeCode(_ text: String) -> Bool {
        text.utf8.count == digits && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// A recovery code as typed (`ABCD-EFGH-JKMN`, spaces, any case), in its stored form.
    public static func normalizedRecoveryCode(_ text: String) -> String? {
        let letters = text.lowercased().unicodeScalars.filter { $0 != "-" && $0 != " " }
        guard letters.count == 12, letters.allSatisfy({ recoveryAlphabet.unicodeScalars.contains($0) }) else { return nil }
        let plain = String(String.UnicodeScalarView(letters))
        return [0, 4, 8].map { String(plain.dropFirst($0).prefix(4)) }.joined(separator: "-")
    }

    /// Letters and digits that are hard to mistake for one another.
    public static let recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"
}
