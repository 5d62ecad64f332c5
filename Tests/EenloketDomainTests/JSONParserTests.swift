import Foundation
import Testing

@testable import EenloketDomain

/// The strict request-body parser behind `JSONValue.parse` (RFC 8259, plus I-JSON's
/// unique member names and no lone surrogates). Everything it refuses becomes a 400.
@Suite("JSONParser")
struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue { try JSONValue.parse(Data(text.utf8)) }
    private func parse(bytes: [UInt8]) throws -> JSONValue { try JSONValue.parse(Data(bytes)) }

    @Test func parsesEveryKindOfValue() throws {
        #expect(try parse("null") == .null)
        #expect(try parse(" true ") == .bool(true))
        #expect(try parse("\t\r\nfalse\n") == .bool(false))
        #expect(try parse("-12.5e1") == .number(-125))
        #expect(try parse(#""x""#) == .string("x"))
        #expect(try parse("[]") == .array([]))
        #expect(try parse("{}") == .object([:]))
        #expect(
            try parse(#"{"a":[1,{"b":null}],"c":"d","e":{"a":2}}"#)
                == .object(["a": .array([.number(1), .object(["b": nil])]), "c": "d", "e": .object(["a": .number(2)])]))
    }

    @Test(arguments: [
        ("0", 0.0), ("-0", -0.0), ("1E+2", 100), ("1e-2", 0.01), ("0.5", 0.5), ("-0.0", -0.0),
        ("123456789012345678901234567890", 1.2345678901234568e29), ("1e-400", 0),
    ])
    func numbers(text: String, value: Double) throws {
        let parsed = try parse(text)
        #expect(parsed == .number(value))
    }

    @Test func stringEscapes() throws {
        #expect(try parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{08}\u{0C}\n\r\t"))
        #expect(try parse(#""\u00e9\u00E9\u0041""#) == .string("ééA"))
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))  // a surrogate pair
        #expect(try parse(#""\u0000""#) == .string("\u{0}"))
        #expect(try parse("\"caf\u{E9} \u{1F600}\"") == .string("café 😀"))  // raw UTF-8
    }

    @Test(arguments: [
        #"["\ud800"]"#,  // lone high surrogate
        #"["\udc00"]"#,  // lone low surrogate
        #"["\ud800\u0041"]"#,  // high surrogate followed by a non-surrogate
        #"["\ud800x"]"#,
        #"["\u12"]"#, #"["\u12G4"]"#, #"["\x41"]"#, #"["\'"]"#,
        "[\"tab\there\"]",  // unescaped control character
        #"["open"#,
    ])
    func badStrings(text: String) {
        #expect(throws: JSONParser.Failure.self) { try self.parse(text) }
    }

    @Test(arguments: [
        [0xEF, 0xBB, 0xBF, 0x7B, 0x7D],  // byte-order mark before {}
        [0x22, 0xC3, 0x22],  // truncated two-byte sequence
        [0x22, 0xC0, 0xAF, 0x22],  // overlong "/"
        [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong three-byte form
        [0x22, 0xED, 0xA0, 0x80, 0x22],  // UTF-8 encoded surrogate U+D800
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
        [0x22, 0xFF, 0x22],
        [0x22, 0x80, 0x22],  // lone continuation byte
        [0xFF, 0xFE, 0x5B, 0x00, 0x5D, 0x00],  // UTF-16
    ] as [[UInt8]])
    func badBytes(bytes: [UInt8]) {
        #expect(throws: JSONParser.Failure.self) { try self.parse(bytes: bytes) }
    }

    @Test(arguments: [
        #"{"a":1,"a":2}"#,
        #"{"a":1,"b":{},"a":1}"#,
        #"{"a":1,"\u0061":2}"#,  // the same name, once escaped
    ])
    func duplicateMemberNames(text: String) {
        #expect(throws: JSONParser.Failure.self) { try self.parse(text) }
    }

    @Test(arguments: [
        "", " ", "[1,]", #"{"a":1,}"#, "[,1]", "[1 2]", #"{"a" 1}"#, "{a:1}", "{'a':1}", #"{"a":}"#, "{", "]",
        "[01]", "[-01]", "[+1]", "[.5]", "[1.]", "[1.e3]", "[1e]", "[1e+]", "[-]", "[0x10]", "[NaN]", "[Infinity]", "[1e400]",
        "[-1e400]", "nul", "True", "[1] // c", "/* c */ [1]", "[1]x", "[1]]", "\u{0C}[1]", "[1,\u{00A0}2]",
    ])
    func notJSON(text: String) {
        #expect(throws: JSONParser.Failure.self) { try self.parse(text) }
    }

    @Test func failuresSayWhere() {
        #expect(throws: JSONParser.Failure(offset: 3, reason: "unexpected character")) {
            try JSONParser.parse(Array("[1,]".utf8))
        }
    }

    @Test func nestingIsLimited() throws {
        let limit = JSONParser.maximumDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(try parse(deepest) != .null)
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: JSONParser.Failure.self) { try self.parse(tooDeep) }
        let objects = String(repeating: #"{"a":"#, count: limit + 1) + "1" + String(repeating: "}", count: limit + 1)
        #expect(throws: JSONParser.Failure.self) { try self.parse(objects) }
        // Depth is counted per path, not in total.
        let wide = "[" + Array(repeating: String(repeating: "[", count: limit - 1) + String(repeating: "]", count: limit - 1), count: 3)
            .joined(separator: ",") + "]"
        #expect(try parse(wide) != .null)
    }

    /// Every canonical text parses back to the value it came from.
    @Test func canonicalTextRoundTrips() throws {
        let value = JSONValue.object([
            "s": "tab\t \"q\" \\ \u{1} \u{7F} é 😀 \u{FB33}", "n": .array([.number(0), .number(-1.5), .number(1e21), .number(1e-7)]),
            "o": .object(["": nil, "\u{1F600}": true]), "e": .array([]),
        ])
        let text = CanonicalJSON.serialize(value)
        #expect(try parse(text) == value)
        #expect(try CanonicalJSON.serialize(parse(text)) == text)
    }
}
