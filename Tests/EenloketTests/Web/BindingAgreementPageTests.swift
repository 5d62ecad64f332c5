import EenloketDomain
import Foundation
import Testing

/// The agreement to be bound on the pages: the filing form's box, the case
/// page's form, and a ruling shown as binding or as advice.
@Suite("Web: agreeing to be bound")
struct BindingAgreementPageTests {
    static func form(_ page: Reply) throws -> String {
        try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/).map { String($0.1) })
    }

    @Test func thePartyAgreesOnItsCasePageOnce() async throws {
        try await withApp { t in
            let c = try await t.file()
            let cookie = try await t.openLink(c.token)
            let page = try await t.partyPage("/zaak", cookie: cookie)
            #expect(page.text.contains("action=\"/zaak/akkoord\""))
            #expect(page.text.contains("Lees wat u afspreekt"))
            #expect(page.text.contains("Werknemer: nog niet akkoord"))
            let csrf = try Self.form(page)
            // Without the box ticked: the form again, with the reason, and nothing recorded.
            let unticked = try await t.api.request(
                .post, "/zaak/akkoord", json: "csrf=\(csrf)&name=Sanne+de+Vries", headers: [.cookie: cookie],
                contentType: "application/x-www-form-urlencoded")
            #expect(unticked.status == 422)
            #expect(unticked.text.contains("Zet een vinkje"))
            let agreed = try await t.api.request(
                .post, "/zaak/akkoord", json: "csrf=\(csrf)&agree=true&name=Sanne+de+Vries", headers: [.cookie: cookie],
                contentType: "application/x-www-form-urlencoded")
            #expect(agreed.status == 303 && agreed.headers[.location] == "/zaak?bericht=akkoord#akkoord", "\(agreed.text)")
            let after = try await t.partyPage("/zaak?bericht=akkoord", cookie: cookie)
            #expect(after.text.contains("Werknemer: akkoord op"))
            #expect(!after.text.contains("action=\"/zaak/akkoord\""), "agreeing happens once")
            #expect(try await t.view(c.id, token: c.token)["binding"]["employee_agreed_at"].string != nil)
        }
    }

    @Test func theFilingFormsBoxAgreesWithTheFilersName() async throws {
        try await withApp { t in
            let form = try await t.api.request(.get, "/vraag/werknemer")
            #expect(form.text.contains("name=\"binding_agreement.agree\""))
            let csrf = try Self.form(form)
            let cookie = try #require(form.headers[values: .setCookie].first.map { String($0.prefix { $0 != ";" }) })
            let body = [
                "csrf=\(csrf)", "idempotency_key=\(UUID().uuidString)", "filer.name=Sanne+de+Vries", "filer.email=sanne%40example.nl",
                "employer.name=Bakkerij+Jansen", "employer.kvk_number=12345678", "sick_since=2026-03-02",
                "question=De+bedrijfsarts+vindt+dat+ik+20+uur+kan+werken.", "binding_agreement.agree=true",
            ].joined(separator: "&")
            let filed = try await t.api.request(
                .post, "/vraag/werknemer", json: body, headers: [.cookie: cookie], contentType: "application/x-www-form-urlencoded")
            #expect(filed.status == 200, "\(filed.text.prefix(500))")
            let agreements = try await t.sql("SELECT party, name FROM binding_agreements")
            #expect(agreements.count == 1)
            let (party, name) = try #require(try agreements.first?.decode((String, String).self))
            #expect(party == "employee" && name == "Sanne de Vries")
        }
    }
}
