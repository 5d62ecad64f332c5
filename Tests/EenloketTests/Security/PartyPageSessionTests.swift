import EenloketDomain
import Foundation
import HTTPTypes
import Testing

/// Security finding M2: the party's link is a bearer token; the pages exchange
/// it for an HttpOnly session cookie and never carry it in an address again.
@Suite("Security M2: party pages run on a session, not on the link")
struct PartyPageSessionTests {
    @Test func theLinkIsExchangedForACookieAndLeavesNoTrace() async throws {
        try await withApp { t in
            let c = try await t.file()
            // The link's own page only shows a button: a mail filter opening the link gets no session.
            let shown = try await t.api.get("/zaak/\(c.token)")
            #expect(shown.status == 200 && shown.text.contains("Open mijn zaak"))
            #expect(!shown.headers[values: .setCookie].contains { $0.hasPrefix("eenloket_zaak=") })
            let formCookie = try #require(shown.headers[values: .setCookie].first { $0.hasPrefix("eenloket_formulier=") })
            let formToken = String(formCookie.dropFirst("eenloket_formulier=".count).prefix { $0 != ";" })
            // Another site's form (no form token of ours) cannot log a visitor into this case.
            let forged = try await t.api.request(
                .post, "/zaak/\(c.token)", json: "csrf=\(formToken)", contentType: "application/x-www-form-urlencoded")
            #expect(forged.status == 403 && !forged.headers[values: .setCookie].contains { $0.hasPrefix("eenloket_zaak=") })
            let opened = try await t.api.request(
                .post, "/zaak/\(c.token)", json: "csrf=\(formToken)", headers: [.cookie: "eenloket_formulier=\(formToken)"],
                contentType: "application/x-www-form-urlencoded")
            #expect(opened.status == 303 && opened.headers[.location] == "/zaak")
            let setCookie = try #require(opened.headers[values: .setCookie].first { $0.hasPrefix("eenloket_zaak=") })
            for attribute in ["HttpOnly", "SameSite=Lax", "Path=/zaak", "Secure"] {
                #expect(setCookie.contains(attribute), "\(attribute) in \(setCookie)")
            }
            #expect(!setCookie.contains(c.token))
            let cookie = String(setCookie.prefix { $0 != ";" })
            let page = try await t.partyPage("/zaak", cookie: cookie)
            #expect(page.status == 200 && page.text.contains("Uw zaak"))
            #expect(!page.text.contains("elc_"), "the page holds no private link")
            #expect(page.text.contains("action=\"/zaak/reactie\""))
            // A form's answer goes back to /zaak, without the token.
            let csrf = try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1)
            let posted = try await t.api.request(
                .post, "/zaak/reactie", json: "csrf=\(csrf)&text=Een+aanvulling+van+mij.",
                headers: [.cookie: cookie], contentType: "application/x-www-form-urlencoded")
            #expect(posted.status == 303 && posted.headers[.location]?.hasPrefix("/zaak?") == true, "\(posted.headers)")
            // The token still works for the API, and for a later visit from the same message.
            #expect(try await t.view(c.id, token: c.token).status == 200)
            #expect(try await t.partyPage("/zaak", cookie: try await t.openLink(c.token)).status == 200)
            // The page session is no bearer token.
            let session = String(cookie.dropFirst("eenloket_zaak=".count))
            expectProblem(try await t.view(c.id, token: session), 401)
        }
    }

    @Test func aReplacedLinkEndsItsPageSessions() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            let c = try await t.file()
            let intake = try await t.staff(.intakeOfficer).token
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts], intake: intake).status == 200)
            let letters = try await t.api.get("/api/v1/notifications?state=letters", token: intake)
            let id = try #require(letters["items"].array.first { $0["case_id"].string == c.id }?["id"].int)
            func link(_ reply: Reply) throws -> String {
                let line = try #require(reply["body"].string?.split(separator: "\n").first { $0.hasPrefix("https://eenloket.test/zaak/") })
                return String(line.dropFirst("https://eenloket.test/zaak/".count))
            }
            let first = try link(try await t.api.post("/api/v1/notifications/\(id)/print", token: intake))
            let employer = try await t.openLink(first)
            #expect(try await t.partyPage("/zaak", cookie: employer).text.contains("U bent in deze zaak de werkgever."))
            _ = try link(try await t.api.post("/api/v1/notifications/\(id)/print", object: ["reason": "not_received"], token: intake))
            #expect(try await t.partyPage("/zaak", cookie: employer).status == 404, "the old link's page session ended")
            #expect(try await t.api.get("/zaak/\(first)").status == 404)
        }
    }

    @Test func openingTheLinksPageIsNotItsFirstUse() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            let c = try await t.file(
                ["employee": ["name": "Sanne de Vries", "email": "s.devries@example.nl", "address": t.employeeAddress]], role: .employer)
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts]).status == 200)
            let link = try await HearingTests().deliverInvitation(t, caseId: c.id)
            func firstUses() async throws -> Int {
                try await t.api.get("/api/v1/cases/\(c.id)/events", token: c.token)["items"].array
                    .filter { $0["type"].string == "party_link_first_used" }.count
            }
            // A mail filter checking the link (a GET, even twice) leaves no trace.
            #expect(try await t.api.get("/zaak/\(link)").status == 200)
            #expect(try await t.api.get("/zaak/\(link)").status == 200)
            #expect(try await firstUses() == 0)
            // The employee's button is the first use, recorded once.
            _ = try await t.openLink(link)
            _ = try await t.openLink(link)
            #expect(try await firstUses() == 1)
        }
    }

    @Test func pageSessionsEndAtLogoutAndAfterTheirLifetime() async throws {
        try await withApp { t in
            let c = try await t.file()
            let cookie = try await t.openLink(c.token)
            let page = try await t.partyPage("/zaak", cookie: cookie)
            let csrf = try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1)
            let out = try await t.api.request(
                .post, "/zaak/afmelden", json: "csrf=\(csrf)", headers: [.cookie: cookie], contentType: "application/x-www-form-urlencoded")
            #expect(out.status == 303 && out.headers[.location] == "/?bericht=afgemeld")
            #expect(try await t.partyPage("/zaak", cookie: cookie).status == 404)

            let later = try await t.openLink(c.token)
            t.clock.advance(by: 8 * 3600 - 60)
            #expect(try await t.partyPage("/zaak", cookie: later).status == 200)
            t.clock.advance(by: 120)
            #expect(try await t.partyPage("/zaak", cookie: later).status == 404)
        }
    }

    @Test func anotherCasesSessionCannotPostHere() async throws {
        try await withApp { t in
            let mine = try await t.file()
            let other = try await t.file()
            let cookie = try await t.openLink(other.token)
            // The form token of one session is worthless with another.
            let page = try await t.partyPage("/zaak", cookie: try await t.openLink(mine.token))
            let csrf = try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1)
            let posted = try await t.api.request(
                .post, "/zaak/reactie", json: "csrf=\(csrf)&text=Niet+mijn+zaak+dit.", headers: [.cookie: cookie],
                contentType: "application/x-www-form-urlencoded")
            #expect(posted.status == 403)
            #expect(try await t.api.get("/api/v1/cases/\(other.id)/statements", token: other.token)["items"].array.isEmpty)
        }
    }
}
