import Foundation
import Testing

@testable import EenloketDomain

/// RFC 8785 (JSON Canonicalization Scheme). Expected texts come from the RFC and
/// from Node.js (`JSON.stringify` is the serializer RFC 8785 builds on).
@Suite("CanonicalJSON")
struct CanonicalJSONTests {
    private func canonical(_ text: String) throws -> String {
        CanonicalJSON.serialize(try JSONValue.parse(Data(text.utf8)))
    }

    // MARK: Structure and key order

    @Test func literalsArraysAndObjects() {
        #expect(CanonicalJSON.serialize(.null) == "null")
        #expect(CanonicalJSON.serialize(.bool(true)) == "true")
        #expect(CanonicalJSON.serialize(.bool(false)) == "false")
        #expect(CanonicalJSON.serialize(.array([])) == "[]")
        #expect(CanonicalJSON.serialize(.object([:])) == "{}")
        #expect(CanonicalJSON.serialize(.array([.number(1), "a", nil, .array([.bool(false)])])) == #"[1,"a",null,[false]]"#)
    }

    @Test func keysAreSortedAtEveryLevel() {
        let value = JSONValue.object([
            "b": .array([.number(1), .object(["z": nil, "a": true])]),
            "a": "x", "": .number(0), "aa": .number(-1.5), "A": false,
        ])
        // Node: {"":0,"A":false,"a":"x","aa":-1.5,"b":[1,{"a":true,"z":null}]}
        #expect(CanonicalJSON.serialize(value) == #"{"":0,"A":false,"a":"x","aa":-1.5,"b":[1,{"a":true,"z":null}]}"#)
    }

    /// RFC 8785 §3.2.3: keys sort by UTF-16 code units, so the emoji (a surrogate
    /// pair starting 0xD83D) sorts before U+FB33 although its code point is larger.
    @Test func keysSortByUTF16CodeUnitsAsInRFC8785() {
        let value = JSONValue.object([
            "\u{20AC}": "Euro Sign",
            "\r": "Carriage Return",
            "\u{FB33}": "Hebrew Letter Dalet With Dagesh",
            "1": "One",
            "\u{1F600}": "Emoji: Grinning Face",
            "\u{0080}": "Control",
            "\u{00F6}": "Latin Small Letter O With Diaeresis",
        ])
        let expected =
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{0080}\":\"Control\",\"\u{00F6}\":\"Latin Small Letter O With Diaeresis\","
            + "\"\u{20AC}\":\"Euro Sign\",\"\u{1F600}\":\"Emoji: Grinning Face\",\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        #expect(CanonicalJSON.serialize(value) == expected)
    }

    @Test func uppercaseSortsBeforeLowercaseAndPrefixesFirst() {
        let value = JSONValue.object(["medical_considerations": nil, "case_id": "c", "Case": "C", "case": "x", "motivation": "m"])
        #expect(CanonicalJSON.serialize(value) == #"{"Case":"C","case":"x","case_id":"c","medical_considerations":null,"motivation":"m"}"#)
    }

    // MARK: Strings

    @Test func shortEscapesForTheNamedControlCharacters() {
        #expect(CanonicalJSON.serialize("\u{08}\t\n\u{0C}\r") == #""\b\t\n\f\r""#)
        #expect(CanonicalJSON.serialize("say \"hi\" \\ bye") == #""say \"hi\" \\ bye""#)
    }

    @Test func otherControlCharactersAsLowercaseUnicodeEscapes() {
        #expect(CanonicalJSON.serialize("\u{00}") == #""\u0000""#)
        #expect(CanonicalJSON.serialize("\u{01}\u{07}\u{0B}\u{0E}\u{1B}\u{1F}") == #""\u0001\u0007\u000b\u000e\u001b\u001f""#)
        // Node: JSON.stringify("\u0000\u0001\u001f\b\t\n\f\r\"\\/\u007f é €😀")
        #expect(
            CanonicalJSON.serialize("\u{00}\u{01}\u{1F}\u{08}\t\n\u{0C}\r\"\\/\u{7F} é €😀")
                == "\"\\u0000\\u0001\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\u{7F} é €😀\"")
    }

    @Test func everythingElseIsWrittenAsIs() {
        // No escaping of "/", DEL, non-ASCII or astral characters; no Unicode normalization.
        #expect(CanonicalJSON.serialize("a/b") == #""a/b""#)
        #expect(CanonicalJSON.serialize("Caf\u{E9} \u{20AC}5 \u{1F600}") == "\"Caf\u{E9} \u{20AC}5 \u{1F600}\"")
        let decomposed = CanonicalJSON.serialize("Cafe\u{301}")
        #expect(Array(decomposed.unicodeScalars) == Array("\"Cafe\u{301}\"".unicodeScalars))
        #expect(Array(decomposed.utf8) != Array("\"Caf\u{E9}\"".utf8))
    }

    // MARK: Numbers

    /// ECMAScript Number-to-String, as RFC 8785 §3.2.2.3 requires; right column from Node.js.
    @Test(arguments: [
        (1.0, "1"), (1.5, "1.5"), (0.0, "0"), (-0.0, "0"), (-1.5, "-1.5"), (4.5, "4.5"), (0.1, "0.1"), (0.002, "0.002"),
        (123.456, "123.456"), (100.0, "100"), (-7.0, "-7"), (1e21, "1e+21"), (1e-7, "1e-7"), (1e-27, "1e-27"),
        (1e100, "1e+100"), (0.0001, "0.0001"), (0.001, "0.001"),
        (9_007_199_254_740_992.0, "9007199254740992"),  // 2^53
        (-9_007_199_254_740_992.0, "-9007199254740992"),
        (1.0e23, "1e+23"),
    ])
    func commonNumbers(value: Double, expected: String) {
        #expect(CanonicalJSON.serialize(.number(value)) == expected)
    }

    /// The IEEE 754 test values of RFC 8785 Appendix B that stay below 2^63 in magnitude
    /// (the larger integers are in the exit tests below). Bit patterns and texts checked with Node.js.
    @Test(arguments: [
        (0x0000_0000_0000_0000, "0"),
        (0x8000_0000_0000_0000, "0"),
        (0x0000_0000_0000_0001, "5e-324"),
        (0x8000_0000_0000_0001, "-5e-324"),
        (0x7FEF_FFFF_FFFF_FFFF, "1.7976931348623157e+308"),
        (0xFFEF_FFFF_FFFF_FFFF, "-1.7976931348623157e+308"),
        (0x4340_0000_0000_0000, "9007199254740992"),
        (0xC340_0000_0000_0000, "-9007199254740992"),
        (0x44B5_2D02_C7E1_4AF5, "9.999999999999997e+22"),
        (0x44B5_2D02_C7E1_4AF6, "1e+23"),
        (0x44B5_2D02_C7E1_4AF7, "1.0000000000000001e+23"),
        (0x444B_1AE4_D6E2_EF50, "1e+21"),
        (0x3EB0_C6F7_A0B5_ED8C, "9.999999999999997e-7"),
        (0x3EB0_C6F7_A0B5_ED8D, "0.000001"),
        (0x41B3_DE43_5555_5553, "333333333.3333332"),
        (0x41B3_DE43_5555_5554, "333333333.33333325"),
        (0x41B3_DE43_5555_5555, "333333333.3333333"),
        (0x41B3_DE43_5555_5556, "333333333.3333334"),
        (0x41B3_DE43_5555_5557, "333333333.33333343"),
        (0xBECB_F647_612F_3696, "-0.0000033333333333333333"),
        (0x4314_3FF3_C1CB_0959, "1424953923781206.2"),
    ] as [(UInt64, String)])
    func rfc8785AppendixBNumbers(bits: UInt64, expected: String) {
        #expect(CanonicalJSON.serialize(.number(Double(bitPattern: bits))) == expected)
    }

    /// ECMAScript writes 1e-6 ≤ |x| < 1e21 without an exponent.
    @Test(arguments: [
        (0.00001, "0.00001"), (0.000001, "0.000001"), (0.000015, "0.000015"), (-0.00005, "-0.00005"),
    ])
    func smallNumbersWithoutExponent(value: Double, expected: String) {
        #expect(CanonicalJSON.serialize(.number(value)) == expected)
    }

    /// Integers between 2^53 and 2^63 are written with ECMAScript's shortest digits
    /// padded with zeros, not as the exact binary integer (Node: 2**60 → 1152921504606847000).
    @Test(arguments: [
        (1_152_921_504_606_846_976.0, "1152921504606847000"),  // 2^60
        (-4_611_686_018_427_387_904.0, "-4611686018427388000"),  // -2^62
        (9_007_199_254_740_994.0, "9007199254740994"),  // 2^53 + 2, exact either way
    ])
    func largeIntegersBelow2To63(value: Double, expected: String) {
        #expect(CanonicalJSON.serialize(.number(value)) == expected)
    }

    @Test func nonFiniteNumbersDoNotProduceInvalidJSON() {
        // JSON cannot carry them; the parser never yields them. The serializer must not write "inf"/"nan".
        #expect(CanonicalJSON.serialize(.number(.infinity)) == "null")
        #expect(CanonicalJSON.serialize(.number(.nan)) == "null")
    }

    // Integers from 2^63 up to 1e21 must print as ECMAScript does (Node values below).
    // A request body can carry such a number, so serializing must not trap; each runs in a child process.

    @Test func integer1e19DoesNotCrash() async {
        await #expect(processExitsWith: .success) {
            if CanonicalJSON.serialize(.number(1e19)) != "10000000000000000000" { exit(2) }
        }
    }

    @Test func integerMinus1e20DoesNotCrash() async {
        await #expect(processExitsWith: .success) {
            if CanonicalJSON.serialize(.number(-1e20)) != "-100000000000000000000" { exit(2) }
        }
    }

    @Test func rfc8785Integer2To68DoesNotCrash() async {
        await #expect(processExitsWith: .success) {
            // RFC 8785 Appendix B: 4430000000000000 → 295147905179352830000
            if CanonicalJSON.serialize(.number(Double(bitPattern: 0x4430_0000_0000_0000))) != "295147905179352830000" { exit(2) }
        }
    }

    @Test func rfc8785IntegerJustBelow1e21DoesNotCrash() async {
        await #expect(processExitsWith: .success) {
            // RFC 8785 Appendix B: 444b1ae4d6e2ef4f → 999999999999999900000
            if CanonicalJSON.serialize(.number(Double(bitPattern: 0x444B_1AE4_D6E2_EF4F))) != "999999999999999900000" { exit(2) }
        }
    }

    @Test func parsedBodyWithAHugeNumberDoesNotCrash() async {
        // What POST /api/v1/cases with an Idempotency-Key does with any body.
        await #expect(processExitsWith: .success) {
            guard let value = try? JSONValue.parse(Data(#"{"question": "x", "extra": 12345678901234567890}"#.utf8)) else { exit(3) }
            _ = CanonicalJSON.serialize(value)
        }
    }

    // MARK: Same JSON value, same text

    @Test func sameValueDifferentKeyOrderAndWhitespaceSerializeIdentically() throws {
        let a = #"{"filer_role":"employee","employer":{"name":"Bakkerij Jansen B.V.","kvk_number":"12345678"},"n":[1,2.50,true,null]}"#
        let b = """
            {
              "n" : [ 1.0, 2.5 , true, null ],
              "employer": { "kvk_number": "12345678",
                            "name": "Bakkerij Jansen B.V." },
              "filer_role":\t"employee"
            }
            """
        #expect(try canonical(a) == canonical(b))
        #expect(try canonical(a) == #"{"employer":{"kvk_number":"12345678","name":"Bakkerij Jansen B.V."},"filer_role":"employee","n":[1,2.5,true,null]}"#)
    }

    @Test func escapesAndNumberSpellingsInTheInputDoNotMatter() throws {
        #expect(try canonical(#"{"a":"caf\u00e9 \/ \u0041"}"#) == canonical(#"{"a":"café / A"}"#))
        #expect(try canonical(#"[1E2, 100.0, 1e+2, 100]"#) == "[100,100,100,100]")
        #expect(try canonical(#"[-0, 0.0, 0]"#) == "[0,0,0]")
        #expect(try canonical(#"{"\u0062":1,"a":2}"#) == #"{"a":2,"b":1}"#)
    }

    @Test func differentValuesSerializeDifferently() throws {
        #expect(try canonical("[1,2]") != canonical("[2,1]"))
        #expect(try canonical(#"{"a":1}"#) != canonical(#"{"a":"1"}"#))
        #expect(try canonical(#"{"a":true}"#) != canonical(#"{"a":"true"}"#))
        #expect(try canonical(#"{"a":null}"#) != canonical("{}"))
        #expect(try canonical(#"{"a":1}"#) != canonical(#"{"a":1.5}"#))
        #expect(try canonical(#"{"a":" x"}"#) != canonical(#"{"a":"x"}"#))
    }

    @Test func numbersAndBooleansStayApart() throws {
        // 1 and 0 must not be read as booleans (nor booleans as numbers).
        #expect(try JSONValue.parse(Data("[1,0,true,false]".utf8)) == .array([.number(1), .number(0), .bool(true), .bool(false)]))
        #expect(try canonical("[1,0,true,false]") == "[1,0,true,false]")
    }

    /// `JSONValue.parse` promises to throw "on anything that is not valid JSON" (RFC 8259),
    /// which the contract turns into a 400.
    @Test(arguments: [
        "", "{", #"{"a":}"#, "{'a':1}", "nul", #"{"a":1}x"#, "[1 2]", #"{"a" 1}"#, "{a:1}",
        "[1,]", #"{"a":1,}"#,  // trailing commas
        "[01]", "[+1]", "[.5]", "[1.]", "[0x10]", "[NaN]", "[Infinity]", "[-Infinity]",  // not JSON numbers
        "[\"a\u{0A}b\"]",  // raw control character inside a string
        #"["\x41"]"#, #"["\u12"]"#,  // bad escapes
        "[1] // comment", "/* c */ [1]",
    ])
    func invalidJSONIsRejected(text: String) {
        #expect(throws: (any Error).self) { try JSONValue.parse(Data(text.utf8)) }
    }
}
