/// The check code an invited employee's page shows until staff verify them.
///
/// Staff who speak with the employee (by phone or in person) ask for it: a
/// correct code proves that this person holds the link the invitation
/// carried, not merely that staff spoke with someone (security finding H1).
/// The store derives the code from the current link, so a new link (a
/// reprinted letter) has a new code. Six characters from an alphabet without
/// look-alikes (no 0/O, 1/I/L), read out in two groups of three.
public enum PartyCheckCode {
    public static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    public static let length = 6
    /// Wrong codes for one link before staff must send a new one.
    public static let maxFailures = 5

    /// Six characters from the first bytes of a keyed digest of the link.
    public static func code(fromDigest digest: [UInt8]) -> String {
        precondition(digest.count >= length)
        return String(digest.prefix(length).map { alphabet[Int($0) % alphabet.count] })
    }

    /// "K7M4QP" as "K7M-4QP".
    public static func formatted(_ code: String) -> String {
        String(code.prefix(3)) + "-" + String(code.dropFirst(3))
    }

    /// What staff typed, as the code: upper case, without spaces or dashes; nil if it cannot be one.
    public static func normalized(_ input: String) -> String? {
        let code = String(input.uppercased().filter { !" -\t".contains($0) })
        guard code.count == length, code.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return code
    }
}

/// How staff spoke with the employee whose check code they recorded. Only
/// this choice is kept, never free text: the history is read by both parties.
public enum VerificationChannel: String, Sendable, CaseIterable {
    case phone
    case inPerson = "in_person"
}

/// Why a letter is printed again. A choice rather than free text, for the
/// same reason: the event is in the history both parties read.
public enum ReprintReason: String, Sendable, CaseIterable {
    /// The party says the letter did not arrive.
    case notReceived = "not_received"
    /// The party lost the letter or its link.
    case lost
    /// The letter or its link reached someone else.
    case wrongPerson = "wrong_person"
}
