import EenloketDomain
import Foundation

/// An RFC 5322 message in UTF-8 (MIME, 8bit text/plain).
enum MailMessage {
    /// A recipient that is not one plain address; the message is never sent.
    struct InvalidRecipient: Error, CustomStringConvertible {
        var description: String { "the recipient is not one valid e-mail address" }
    }

    /// The message for `mail`. Its one recipient is validated again here, so a
    /// header can never name a second one.
    static func render(_ mail: OutgoingMail, from: String, at date: Date) throws -> String {
        guard EmailAddress.isValid(mail.to) else { throw InvalidRecipient() }
        var headers = [
            "From: \(encodeWords("Eenloket")) <\(from)>",
            "To: " + mailbox(name: mail.toName, address: mail.to),
            "Subject: \(encodeWords(clean(mail.subject)))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <eenloket-\(mail.id)-\(UUID().uuidString.lowercased())@\(domain(of: from))>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        headers.append("Auto-Submitted: auto-generated")
        let body = mail.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body + (body.hasSuffix("\r\n") ? "" : "\r\n")
    }

    /// `Name <address>`: the display name loses every character that could
    /// end it or start another address (`<>,;:@"\()[]` and controls), and is
    /// quoted, or RFC 2047-encoded when it is not plain ASCII.
    static func mailbox(name: String?, address: String) -> String {
        let safe = (name ?? "").unicodeScalars.filter { scalar in
            !scalar.properties.generalCategory.isControlOrFormat && !"<>,;:@\"\\()[]".unicodeScalars.contains(scalar)
        }
        let display = String(String.UnicodeScalarView(safe)).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !display.isEmpty else { return "<\(address)>" }
        let phrase = display.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7f } ? "\"\(display)\"" : encodeWords(display)
        return "\(phrase) <\(address)>"
    }

    /// Header values never carry line breaks (no header injection).
    static func clean(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" })
    }

    /// RFC 2047 encoded-words for anything that is not plain ASCII: each word
    /// holds at most 45 bytes of whole characters, so it stays within 75 characters.
    static func encodeWords(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append(chunk.base64Word)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(chunk.base64Word) }
        return words.joined(separator: " ")
    }

    static func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }

    /// `Mon, 23 Nov 2026 14:28:05 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970)
        let day = LocalDateShim.civil(seconds / 86_400)
        let names = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = names[((seconds / 86_400) % 7 + 7) % 7]
        let s = seconds % 86_400
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(weekday), \(day.d) \(months[day.m - 1]) \(day.y) \(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60)) +0000"
    }
}

/// Civil date of a day number, via the domain's calendar arithmetic.
enum LocalDateShim {
    static func civil(_ dayNumber: Int) -> (y: Int, m: Int, d: Int) {
        let date = LocalDate(dayNumber: dayNumber)
        return (date.year, date.month, date.day)
    }
}

extension Unicode.GeneralCategory {
    /// Control, format (invisible), line and paragraph separator characters.
    var isControlOrFormat: Bool {
        switch self {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }
}

extension [UInt8] {
    fileprivate var base64Word: String { "=?UTF-8?B?" + Data(self).base64EncodedString() + "?=" }
}
