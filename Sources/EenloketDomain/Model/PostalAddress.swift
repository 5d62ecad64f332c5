/// A Dutch postal address, for a letter to a party without an e-mail address.
public struct PostalAddress: Sendable, Equatable, Codable {
    public let street: String
    /// `1234 AB`: four digits (not starting with 0), a space, two capitals.
    public let postalCode: String
    public let city: String

    enum CodingKeys: String, CodingKey {
        case street
        case postalCode = "postal_code"
        case city
    }

    public init(street: String, postalCode: String, city: String) {
        self.street = street
        self.postalCode = postalCode
        self.city = city
    }

    /// A postal code as typed (`1234ab`, `1234 AB`, ` 1234  ab `) in its one
    /// written form, or nil when it is not a Dutch postal code.
    public static func normalizedPostalCode(_ text: String) -> String? {
        let compact = text.unicodeScalars.filter { $0 != " " }
        guard compact.count == 6 else { return nil }
        let scalars = Array(compact)
        let digits = scalars[0..<4]
        let letters = scalars[4..<6].map { Unicode.Scalar($0.value >= 0x61 && $0.value <= 0x7a ? $0.value - 32 : $0.value)! }
        guard digits.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }), digits.first != "0",
            letters.allSatisfy({ $0.value >= 0x41 && $0.value <= 0x5a })
        else { return nil }
        return String(String.UnicodeScalarView(digits)) + " " + String(String.UnicodeScalarView(letters))
    }

    /// The lines of the address as written on an envelope.
    public var lines: [String] { [street, "\(postalCode)  \(city)"] }
}

/// How the other party of a case can be reached, and whether staff checked it.
public struct PartyContact: Sendable, Equatable {
    public let email: String?
    public let address: PostalAddress?

    public init(email: String?, address: PostalAddress?) {
        self.email = email
        self.address = address
    }

    /// Whether there is any way to reach the party.
    public var isReachable: Bool { email != nil || address != nil }
}

/// Rules about the addresses parties give for each other.
public enum ContactRules {
    /// The other party's e-mail address may not be the filer's own: the filer
    /// would receive the other party's private link.
    public static func mayInvite(otherEmail: String?, filerEmail: String?) -> Bool {
        !EmailAddress.same(otherEmail, filerEmail)
    }

    /// Whether the other party's address is at the filer's own mail domain (an
    /// employee's work address, which the employer may be able to read):
    /// allowed, but the intake officer is warned before confirming it.
    public static func sharesDomain(otherEmail: String?, filerEmail: String?) -> Bool {
        guard let other = otherEmail.flatMap(domain), let filer = filerEmail.flatMap(domain) else { return false }
        return other == filer
    }

    private static func domain(_ email: String) -> String? {
        guard let at = email.lastIndex(of: "@") else { return nil }
        return EmailAddress.key(String(email[email.index(after: at)...]))
    }
}
