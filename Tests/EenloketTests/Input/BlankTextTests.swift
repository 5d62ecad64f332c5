import EenloketDomain
import Foundation
import Testing

@testable import EenloketHTTP

/// A required text is blank exactly when the OpenAPI document's `\S` pattern
/// (ECMAScript's white space) finds nothing in it (Schemathesis found U+0085,
/// which Foundation calls white space and ECMAScript does not).
@Suite("Input: what counts as an empty text")
struct BlankTextTests {
    static func read(_ text: String) -> (String?, [FieldError]) {
        let reader = FieldReader(["summary": .string(text)])
        let value = try? reader.text("summary", length: 1...100)
        return (value, reader.errors)
    }

    @Test func onlyECMAScriptWhiteSpaceIsBlank() {
        for blank in [" ", "\t\n\r", "\u{A0}\u{2003}\u{3000}", "\u{FEFF}", "\u{2028}"] {
            #expect(Self.read(blank).1.first?.message == "Dit veld is verplicht.", "\(blank.unicodeScalars.map(\.value))")
        }
        for text in ["\u{85}", "a", " x "] {
            #expect(Self.read(text).0 == text, "\(text.unicodeScalars.map(\.value)) matches \\S, so it is a text")
        }
    }
}
