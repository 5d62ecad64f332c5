/// The one rule for e-mail addresses, of parties and of staff.
///
/// Only plain ASCII addresses are accepted: a dot-atom local part and a domain
/// of letters, digits and hyphens. That refuses invisible characters and
/// look-alike letters from other scripts (a Cyrillic `і` in a Latin address),
/// and every character that could split one address into two in a mail
/// header or on a sendmail command line (`<`, `>`, `,`, `;`, quotes, spaces).
public enum EmailAddress {
    /// What a person reads when an address is refused.
    public static let invalidMessage =
        "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl: gewone letters (a-z), cijfers en tekens als . - _ +, zonder spaties."

    /// Characters allowed in a local part besides letters and digits (RFC 5322 atext).
    private static let localSpecials = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    /// Whether `text` is one plain address such as `naam@voorbeeld.nl`.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (3...320).contains(bytes.count), bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7f }) else { return false }
        let parts = bytes.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        return isLocalPart(parts[0]) && isDomain(parts[1])
    }

    /// The form two addresses are compared in (case and surrounding spaces ignored).
    public static func key(_ text: String) -> String {
        text.trimmingSpaces.lowercased()
    }

    /// Whether two addresses are the same mailbox, as far as we can tell.
    public static func same(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return false }
        return key(a) == key(b)
    }

    private static func isLocalPart(_ local: ArraySlice<UInt8>) -> Bool {
        guard (1...64).contains(local.count) else { return false }
        let atoms = local.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return atoms.allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy { isAlphanumeric($0) || localSpecials.contains($0) }
        }
    }

    private static func isDomain(_ domain: ArraySlice<UInt8>) -> Bool {
        guard (3...253).contains(domain.count) else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
                && label.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
