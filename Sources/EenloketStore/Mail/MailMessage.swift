import EenloketDomain
import Foundation

/// An RFC 5322 message in UTF-8 (MIME, 8bit text/plain).
enum MailMessage {
    static func render(_ mail: OutgoingMail, from: String, at date: Date) -> String {
        var headers = [
            "From: \(encodeWords("Eenloket")) <\(from)>",
            "To: " + (mail.toName.map { "\(encodeWords(clean($0))) " } ?? "") + "<\(clean(mail.to))>",
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

    /// Header values never carry line breaks (no header injection).
    static func clean(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" })
    }

    /// RFC 2047 encoded-word for anything that is not plain ASCII.
    static func encodeWords(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) { return text }
        return "=?UTF-8?B?" + Data(text.utf8).base64EncodedString() + "?="
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
