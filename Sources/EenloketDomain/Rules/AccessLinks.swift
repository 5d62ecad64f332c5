/// Getting back in (contract Part 2): a party that lost its link asks for a
/// new one with the case reference and its e-mail address.
public enum AccessLinks {
    /// Messages per case and party per 24 hours; further requests are dropped silently.
    public static let perDay = 3

    /// The one answer to every request, match or not, so nobody can probe which cases exist.
    public static let answer =
        "Hoort het e-mailadres bij deze zaak? Dan sturen wij binnen enkele minuten een nieuwe link naar dat adres. "
        + "Uw oude link werkt dan niet meer. Geen e-mail gekregen? Kijk ook bij uw ongewenste e-mail (spam)."

    /// A case reference as people type it (`el-2026-42`, ` EL-2026-000042 `) in
    /// its one written form (`EL-2026-000042`), or nil when it is not one.
    public static func reference(_ typed: String) -> String? {
        let parts = typed.trimmingSpaces.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "EL",
            parts[1].count == 4, parts[1].allSatisfy(\.isASCIIDigitChar),
            (1...6).contains(parts[2].count), parts[2].allSatisfy(\.isASCIIDigitChar)
        else { return nil }
        return "EL-\(parts[1])-" + String(repeating: "0", count: 6 - parts[2].count) + parts[2]
    }
}

extension Character {
    fileprivate var isASCIIDigitChar: Bool { isASCII && isNumber }
}
