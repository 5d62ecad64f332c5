import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird

/// Staff pages: a session cookie holding a staff token (the same sessions as
/// the API's bearer tokens, stored only as hashes). HttpOnly, SameSite=Strict,
/// Secure when the service is reached over HTTPS.
struct WebSession {
    static let cookieName = "eenloket_sessie"

    let staff: StaffPrincipal
    let token: String
    let name: String

    /// The form token of this session.
    var csrf: String { CSRF.token(boundTo: token) }

    var layout: LayoutContext {
        LayoutContext(staffRole: staff.role, staffName: name, csrf: csrf)
    }
}

extension WebController {
    /// The logged-in staff member, if the cookie holds a valid session.
    func session(_ request: Request) async throws -> WebSession? {
        guard let token = request.cookies[WebSession.cookieName]?.value,
            case .staff(let staff)? = try await deps.sessions.resolve(token: token, at: deps.now),
            let record = try await deps.staff.find(staff.id)
        else { return nil }
        return WebSession(staff: staff, token: token, name: record.name)
    }

    /// The session, or a redirect to the login page (which returns here afterwards).
    func requireSession(_ request: Request, roles: Set<StaffRole>? = nil) async throws -> WebSession {
        guard let session = try await session(request) else {
            throw WebRedirect(to: "/medewerkers/inloggen?terug=" + Self.returnPath(request))
        }
        if let roles, !roles.contains(session.staff.role) {
            throw AppError.forbidden("Deze pagina is niet voor uw rol.")
        }
        return session
    }

    /// Where to return after logging in: a local path only (no open redirects).
    static func returnPath(_ request: Request) -> String {
        let path = request.uri.path
        guard path.hasPrefix("/medewerkers"), !path.contains("//") else { return "/medewerkers" }
        return path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_"))) ?? "/medewerkers"
    }

    func sessionCookie(_ token: String, maxAge: Int) -> Cookie {
        Cookie(
            name: WebSession.cookieName, value: token, maxAge: maxAge, path: "/", secure: secureCookies, httpOnly: true,
            sameSite: .strict)
    }

    /// A random form token for an anonymous form, with its matching cookie.
    func anonymousFormToken(_ request: Request) -> (token: String, cookie: Cookie?) {
        if let existing = request.cookies[CSRF.cookieName]?.value, existing.utf8.count == 32 {
            return (existing, nil)
        }
        let token = CSRF.freshToken()
        return (
            token,
            Cookie(name: CSRF.cookieName, value: token, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
        )
    }
}

/// Sends the browser elsewhere (303 See Other).
struct WebRedirect: Error {
    let to: String

    var response: Response {
        Response(status: .seeOther, headers: [.location: to, .cacheControl: "no-store"])
    }
}
