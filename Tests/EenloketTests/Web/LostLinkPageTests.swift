import EenloketDomain
import Foundation
import HTTPTypes
import Testing

/// "Link kwijt?" on the pages: reached from the home page, the confirmation,
/// every dead link and the footer; the same answer for a match and a miss.
@Suite("Web: Link kwijt?")
struct LostLinkPageTests {
    static let formToken = String(repeating: "d", count: 32)

    static func post(_ t: TestContext, _ fields: [(String, String)]) async throws -> Reply {
        try await WebPageTests().postForm(
            t, "/link-kwijt", [("csrf", formToken)] + fields, cookie: "eenloket_formulier=\(formToken)")
    }

    @Test func aMatchAndAMissBothLeadToTheSameMessageAndOnlyTheMatchGetsALink() async throws {
        try await withApp { t in
            let c = try await AccessLinkTests.filed(t)
            let form = try await t.api.get("/link-kwijt")
            #expect(form.status == 200 && form.text.contains("<h1>Link kwijt?</h1>"))
            #expect(form.text.contains("name=\"reference\"") && form.text.contains("autocomplete=\"email\""))

            let hit = try await Self.post(t, [("reference", c.reference), ("email", " sanne@example.nl ")])
            let miss = try await Self.post(t, [("reference", c.reference), ("email", "iemand@example.nl")])
            #expect(hit.status == 303 && miss.status == 303)
            #expect(hit.headers[.location] == "/link-kwijt?bericht=verstuurd" && miss.headers[.location] == hit.headers[.location])
            #expect(try await t.api.get("/link-kwijt?bericht=verstuurd").text.contains(AccessLinks.answer))
            try await AccessLinkTests.process(t)
            expectProblem(try await t.api.get("/api/v1/cases/\(c.id)", token: c.token), 401)
            #expect(try await AccessLinkTests.deliveredLink(t, to: "sanne@example.nl") != nil)
            // The old link's page now offers the way back in.
            let dead = try await t.api.get("/zaak/\(c.token)")
            #expect(dead.status == 404 && dead.text.contains("href=\"/link-kwijt\""))
        }
    }

    @Test func aMistakeIsShownInTheErrorSummaryAndKeepsWhatWasTyped() async throws {
        try await withApp { t in
            let reply = try await Self.post(t, [("reference", "zaak 42"), ("email", "sanne@example")])
            #expect(reply.status == 422)
            #expect(reply.text.contains("class=\"error-summary\"") && reply.text.contains("href=\"#reference\""))
            #expect(reply.text.contains("href=\"#email\"") && reply.text.contains("value=\"zaak 42\""))
            #expect(reply.text.contains("<title>Fout: Link kwijt?"))
            #expect(try await t.sql("SELECT 1 FROM access_link_requests").isEmpty)
            let noToken = try await WebPageTests().postForm(t, "/link-kwijt", [("reference", "EL-2026-000001"), ("email", "a@b.nl")])
            #expect(noToken.status == 403)
        }
    }

    @Test func everyWayInLinksToIt() async throws {
        try await withApp { t in
            #expect(try await t.api.get("/").text.contains("href=\"/link-kwijt\""))
            #expect(try await t.api.get("/vraag").text.contains("href=\"/link-kwijt\""), "the footer of every page")
            let done = try await WebPageTests().postForm(
                t, "/vraag/werknemer",
                [("csrf", Self.formToken), ("filer.name", "Sanne"), ("filer.email", "sanne@example.nl"), ("employer.name", "Bakkerij"),
                 ("employer.kvk_number", "12345678"), ("sick_since", "2026-03-02"), ("question", "Een vraag van minstens twintig tekens.")],
                cookie: "eenloket_formulier=\(Self.formToken)")
            #expect(done.status == 200 && done.text.contains("<a href=\"/link-kwijt\">"), "the confirmation page")
            // Every message to a party names the way back in.
            _ = try await t.file()
            let transport = RecordingTransport()
            try await t.deps.notifications.deliverDue(at: t.clock.now(), limit: 100, via: transport)
            let toParty = transport.messages.filter { $0.to == "sanne@example.nl" }
            #expect(!toParty.isEmpty && toParty.allSatisfy { $0.body.contains("https://eenloket.test/link-kwijt") })
        }
    }
}
