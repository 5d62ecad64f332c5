/// RFC 8785 (JSON Canonicalization Scheme) serialisation.
///
/// Used for the ruling digest, where anyone must be able to recompute the
/// same bytes, and to decide whether two request bodies are the same JSON value.
public enum CanonicalJSON {
    /// The canonical UTF-8 text of a value.
    public static func serialize(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += number(n)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            // Keys are ordered by their UTF-16 code units (RFC 8785 §3.2.3).
            let keys = members.keys.sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
            for (i, key) in keys.enumerated() {
                if i > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                write(members[key]!, into: &out)
            }
            out += "}"
        }
    }

    /// ECMAScript's Number.prototype.toString, as RFC 8785 requires: the
    /// shortest digits that round-trip (Swift's `description` finds them),
    /// written in plain decimal from 1e-6 up to 1e21 and in exponent form outside.
    static func number(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n == 0 { return "0" }
        let (digits, exponent) = shortestDigits(abs(n))
        let k = digits.count
        let sign = n < 0 ? "-" : ""
        // The value is 0.d1d2…dk × 10^exponent.
        if k <= exponent && exponent <= 21 {
            return sign + digits + String(repeating: "0", count: exponent - k)
        }
        if 0 < exponent && exponent <= 21 {
            let cut = digits.index(digits.startIndex, offsetBy: exponent)
            return sign + digits[..<cut] + "." + digits[cut...]
        }
        if -6 < exponent && exponent <= 0 {
            return sign + "0." + String(repeating: "0", count: -exponent) + digits
        }
        let e = exponent - 1
        let mantissa = k == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        return sign + mantissa + "e" + (e < 0 ? "-" : "+") + String(abs(e))
    }

    /// The shortest round-trip decimal digits of a positive finite double and
    /// the exponent `n` such that the value is 0.digits × 10^n.
    static func shortestDigits(_ value: Double) -> (digits: String, exponent: Int) {
        let text = "\(value)"  // e.g. "1.5e-07", "1152921504606847.0", "0.001"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = integer + fraction
        var pointPosition = integer.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (digits, pointPosition)
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{09}": out += "\\t"
            case "\u{0A}": out += "\\n"
            case "\u{0C}": out += "\\f"
            case "\u{0D}": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
