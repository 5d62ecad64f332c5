import EenloketDomain
import Foundation
import Hummingbird
import NIOCore

/// A submitted HTML form (`application/x-www-form-urlencoded`).
///
/// Field names are the API's dotted paths (`employer.kvk_number`), so a form
/// becomes the same JSON object the API takes and is validated by the very same
/// request parsers: the pages implement no rule of their own.
struct FormData {
    let fields: [String: [String]]

    static func read(_ request: Request) async throws -> FormData {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else { throw AppError.unsupportedMediaType }
        let buffer = try await BodyReader.collect(request, upTo: Limits.maxBodyBytes)
        return FormData(urlEncoded: String(buffer: buffer))
    }

    init(urlEncoded text: String) {
        var fields: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            fields[name, default: []].append(value)
        }
        self.fields = fields
    }

    init(fields: [String: [String]]) {
        self.fields = fields
    }

    private static func decode(_ part: Substring) -> String {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }

    /// The first value of a field, or nil when absent.
    subscript(_ name: String) -> String? { fields[name]?.first }

    /// A trimmed value; an empty field counts as absent.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        // Browsers send line breaks as CRLF; store them as LF.
        return self[name]!.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// The JSON object the API would receive: dotted names become nested
    /// objects; `strings` fields keep their text, `booleans` fields are true when
    /// checked, `lists` fields become arrays of the checked values.
    func json(strings: [String], booleans: [String] = [], lists: [String] = []) -> [String: JSONValue] {
        var root: [String: JSONValue] = [:]
        func put(_ path: String, _ value: JSONValue) {
            let parts = path.split(separator: ".").map(String.init)
            root = Self.set(root, parts[...], value)
        }
        for name in strings { if let value = text(name) { put(name, .string(value)) } }
        for name in booleans { put(name, .bool(self[name] == "true" || self[name] == "on")) }
        for name in lists { put(name, .array((fields[name] ?? []).filter { !$0.isEmpty }.map(JSONValue.string))) }
        return root
    }

    private static func set(_ object: [String: JSONValue], _ path: ArraySlice<String>, _ value: JSONValue) -> [String: JSONValue] {
        var object = object
        guard let head = path.first else { return object }
        if path.count == 1 {
            object[head] = value
        } else {
            var child: [String: JSONValue] = [:]
            if case .object(let existing)? = object[head] { child = existing }
            object[head] = .object(set(child, path.dropFirst(), value))
        }
        return object
    }
}
