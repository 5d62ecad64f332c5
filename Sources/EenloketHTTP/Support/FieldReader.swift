import EenloketDomain
import Foundation

/// Reads typed fields from a JSON object, telling a wrong JSON type (400,
/// thrown at once) from a missing or invalid value (422, collected so one
/// response names every offending field by its dotted path).
final class FieldReader {
    private let object: [String: JSONValue]
    private let prefix: String
    private let sink: ErrorSink

    final class ErrorSink {
        var errors: [FieldError] = []
    }

    init(_ object: [String: JSONValue]) {
        self.object = object
        self.prefix = ""
        self.sink = ErrorSink()
    }

    private init(_ object: [String: JSONValue], prefix: String, sink: ErrorSink) {
        self.object = object
        self.prefix = prefix
        self.sink = sink
    }

    /// The collected 422 errors.
    var errors: [FieldError] { sink.errors }

    /// Throws 422 with every collected error, if any.
    func finish() throws {
        if !sink.errors.isEmpty { throw AppError.invalid(sink.errors) }
    }

    func path(_ key: String) -> String { prefix + key }

    /// Records a 422 for a field.
    func fail(_ key: String, _ message: String) {
        sink.errors.append(FieldError(path(key), message))
    }

    /// Whether the key is present with a non-null value.
    func has(_ key: String) -> Bool {
        if let value = object[key], value != .null { return true }
        return false
    }

    /// Whether the key is present with the value null (which may mean "remove").
    func isNull(_ key: String) -> Bool {
        object[key] == .null
    }

    private func value(_ key: String, required: Bool) -> JSONValue? {
        guard let value = object[key], value != .null else {
            if required { fail(key, "Dit veld is verplicht.") }
            return nil
        }
        return value
    }

    private func wrongType(_ key: String, _ expected: String, _ got: JSONValue) -> AppError {
        .malformed("Het veld \(path(key)) moet een \(expected) zijn, niet een \(got.typeName).")
    }

    func string(_ key: String, required: Bool = true) throws -> String? {
        guard let v = value(key, required: required) else { return nil }
        guard case .string(let s) = v else { throw wrongType(key, "tekst (string)", v) }
        return s
    }

    /// A string that is not empty after trimming, within a length range (counted in characters).
    /// What counts as blank: exactly the white space of the OpenAPI document's `\S` patterns
    /// (ECMAScript's `\s`), so a text the document calls valid is never refused as empty
    /// (Foundation's set would also count U+0085, which `\s` does not).
    static let blank = CharacterSet(charactersIn: "\t\n\u{0B}\u{0C}\r \u{A0}\u{1680}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{FEFF}")
        .union(CharacterSet(charactersIn: Unicode.Scalar(0x2000)!...Unicode.Scalar(0x200A)!))

    func text(_ key: String, required: Bool = true, length: ClosedRange<Int>) throws -> String? {
        guard let s = try string(key, required: required) else { return nil }
        if s.unicodeScalars.allSatisfy(Self.blank.contains) {
            fail(key, required ? "Dit veld is verplicht." : "Laat dit veld weg of vul het in.")
            return nil
        }
        if s.contains("\u{0}") {
            fail(key, "De tekst bevat een ongeldig teken.")
            return nil
        }
        let count = s.unicodeScalars.count  // as PostgreSQL's char_length counts
        if count < length.lowerBound {
            fail(key, "Gebruik minstens \(length.lowerBound) tekens.")
            return nil
        }
        if count > length.upperBound {
            fail(key, "Gebruik hoogstens \(length.upperBound) tekens.")
            return nil
        }
        return s
    }

    func bool(_ key: String, required: Bool = true) throws -> Bool? {
        guard let v = value(key, required: required) else { return nil }
        guard case .bool(let b) = v else { throw wrongType(key, "boolean", v) }
        return b
    }

    func int(_ key: String, required: Bool = true) throws -> Int? {
        guard let v = value(key, required: required) else { return nil }
        guard case .number(let n) = v else { throw wrongType(key, "getal", v) }
        guard n == n.rounded(), abs(n) < 1e9 else {
            fail(key, "Gebruik een geheel getal.")
            return nil
        }
        return Int(n)
    }

    /// One of an enum's raw values.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool = true) throws -> E?
    where E.RawValue == String {
        guard let s = try string(key, required: required) else { return nil }
        guard let value = E(rawValue: s) else {
            fail(key, "Kies uit: \(E.allCases.map(\.rawValue).joined(separator: ", ")).")
            return nil
        }
        return value
    }

    /// An optional list of an enum's raw values, each at most once (absent: none).
    func choices<E: RawRepresentable & CaseIterable & Hashable>(_ key: String, _ type: E.Type) throws -> Set<E>
    where E.RawValue == String {
        guard let names = try stringArray(key, required: false, maxCount: E.allCases.count) else { return [] }
        var chosen: Set<E> = []
        for (index, name) in names.enumerated() {
            guard let value = E(rawValue: name) else {
                fail("\(key)[\(index)]", "Kies uit: \(E.allCases.map(\.rawValue).joined(separator: ", ")).")
                continue
            }
            if !chosen.insert(value).inserted { fail(key, "Noem elke waarde maar één keer.") }
        }
        return chosen
    }

    /// A `YYYY-MM-DD` date.
    func date(_ key: String, required: Bool = true) throws -> LocalDate? {
        guard let s = try string(key, required: required) else { return nil }
        guard let date = LocalDate(iso: s) else {
            fail(key, "Gebruik een datum als JJJJ-MM-DD.")
            return nil
        }
        return date
    }

    func object(_ key: String, required: Bool = true) throws -> FieldReader? {
        guard let v = value(key, required: required) else { return nil }
        guard case .object(let o) = v else { throw wrongType(key, "object", v) }
        return FieldReader(o, prefix: path(key) + ".", sink: sink)
    }

    func stringArray(_ key: String, required: Bool = true, maxCount: Int = 100) throws -> [String]? {
        guard let v = value(key, required: required) else { return nil }
        guard case .array(let items) = v else { throw wrongType(key, "lijst (array)", v) }
        if items.count > maxCount {
            fail(key, "Hoogstens \(maxCount) waarden.")
            return nil
        }
        return try items.enumerated().map { index, item in
            guard case .string(let s) = item else {
                throw AppError.malformed("Het veld \(path(key))[\(index)] moet een tekst (string) zijn, niet een \(item.typeName).")
            }
            return s
        }
    }
}
