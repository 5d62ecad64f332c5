import Foundation

/// Reads a spooled RFC 5322 message the way a header-based delivery agent
/// (`sendmail -t`) would, to count whom it would really reach.
struct ParsedMail {
    let headers: [(name: String, value: String)]
    let body: String

    init(_ text: String) {
        let parts = text.components(separatedBy: "\r\n\r\n")
        var lines: [String] = []
        for line in parts[0].components(separatedBy: "\r\n") {
            if let first = line.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += line  // unfold
            } else {
                lines.append(line)
            }
        }
        headers = lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]).lowercased(), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        body = parts.dropFirst().joined(separator: "\r\n\r\n")
    }

    /// Every address in every recipient header (To, Cc, Bcc), as an MTA parses
    /// an address list: commas split it outside quotes, comments and angle brackets.
    var recipients: [String] {
        headers.filter { ["to", "cc", "bcc"].contains($0.name) }.flatMap { Self.addresses(in: $0.value) }
    }

    static func addresses(in list: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inQuotes = false, inAngle = false, comment = 0
        var escaped = false
        func flush() {
            let item = current.trimmingCharacters(in: .whitespaces)
            current = ""
            guard !item.isEmpty else { return }
            if let open = item.lastIndex(of: "<"), let close = item.lastIndex(of: ">"), open < close {
                result.append(String(item[item.index(after: open)..<close]))
            } else if item.contains("@") {
                result.append(item)
            }
        }
        for character in list {
            if escaped { escaped = false; current.append(character); continue }
            switch character {
            case "\\" where inQuotes: escaped = true
            case "\"" where comment == 0: inQuotes.toggle()
            case "(" where !inQuotes: comment += 1
            case ")" where !inQuotes && comment > 0: comment -= 1
            case "<" where !inQuotes && comment == 0: inAngle = true
            case ">" where !inQuotes && comment == 0: inAngle = false
            case "," where !inQuotes && !inAngle && comment == 0:
                flush()
                continue
            default: break
            }
            current.append(character)
        }
        flush()
        return result
    }
}
