import Crypto
import EenloketDomain
import Foundation
import HTTPTypes
import Hummingbird

/// Cross-site request forgery protection for every form.
///
/// Forms of a staff session or a party's case page carry a token derived from
/// the session or case token, which an attacking site cannot know. Anonymous
/// forms (filing, login) use a random token that must match a SameSite=Strict
/// cookie set with the form.
enum CSRF {
    static let cookieName = "eenloket_formulier"

    /// The form token bound to a secret the caller holds (session or case token).
    static func token(boundTo secret: String) -> String {
        let digest = SHA256.hash(data: Data(("eenloket-csrf:" + secret).utf8))
        return digest.prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// A fresh random token for an anonymous form.
    static func freshToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Checks the form's token against the expected one (constant time).
    static func check(_ form: FormData, expected: String?) throws {
        try check(given: form["csrf"], expected: expected)
    }

    /// Checks a token read some other way (a multipart form's field).
    static func check(given: String?, expected: String?) throws {
        guard let expected, let given, given.utf8.count == expected.utf8.count,
            zip(given.utf8, expected.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
        else {
            throw AppError.forbidden("Dit formulier is verlopen of komt niet van Eenloket. Open de pagina opnieuw en probeer het nog eens.")
        }
    }
}
