import EenloketDomain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Testing

@testable import EenloketHTTP

@Suite("Web pages: security and forms")
struct WebPageTests {
    /// A form POST with the anonymous CSRF cookie and field.
    func postForm(_ t: TestContext, _ path: String, _ fields: [(String, String)], cookie: String? = nil) async throws -> Reply {
        let body = fields.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
            .joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = cookie }
        let response = try await t.api.client.executeRequest(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        return Reply(response: response)
    }

    @Test func aLoginWithANulByteOrAHugeAddressIsRefusedNot503() async throws {
        try await withApp { t in
            let token = String(repeating: "7", count: 32)
            for email in ["admin\u{0}@eenloket.test", String(repeating: "a", count: 5000) + "@eenloket.test"] {
                let page = try await postForm(
                    t, "/medewerkers/inloggen", [("csrf", token), ("email", email), ("password", "beheerder-wachtwoord")],
                    cookie: "eenloket_formulier=\(token)")
                #expect(page.status == 401, "\(page.status)")
                #expect(page.text.contains("Het e-mailadres of het wachtwoord klopt niet."))
            }
            let rows = try await t.sql("SELECT count(*) FROM login_attempts WHERE char_length(email_key) > 320")
            #expect(try rows[0].decode(Int.self) == 0, "an oversized address reached the database")
        }
    }

    @Test func pagesCarrySecurityHeadersAndAreNotCached() async throws {
        try await withApp { t in
            for path in ["/", "/vraag", "/vraag/werknemer", "/medewerkers/inloggen"] {
                let page = try await t.api.get(path)
                #expect(page.status == 200, "\(path)")
                let csp = page.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "\(path): \(csp)")
                #expect(page.headers[.cacheControl] == "no-store")
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                #expect(page.text.contains("<html lang=\"nl\">"))
            }
            let css = try await t.api.get("/static/eenloket.css")
            #expect(css.status == 200 && css.contentType.hasPrefix("text/css"))
            for bad in ["/static/..%2Fl.mustache", "/static/layout.mustache", "/static/.hidden.css", "/static/nope.css"] {
                #expect(try await t.api.get(bad).status == 404, "\(bad)")
            }
        }
    }

    @Test func formsWithoutTheirTokenAreRefused() async throws {
        try await withApp { t in
            let filing: [(String, String)] = [
                ("filer.name", "Sanne"), ("filer.email", "sanne@example.nl"), ("employer.name", "Bakkerij"),
                ("employer.kvk_number", "12345678"), ("sick_since", "2026-03-02"), ("question", "Een vraag van minstens twintig tekens."),
            ]
            let noToken = try await postForm(t, "/vraag/werknemer", filing)
            #expect(noToken.status == 403)
            let wrong = try await postForm(t, "/vraag/werknemer", filing + [("csrf", "a" + String(repeating: "0", count: 31))], cookie: "eenloket_formulier=" + String(repeating: "1", count: 32))
            #expect(wrong.status == 403)
            let cases = try await t.sql("SELECT count(*)::int FROM cases")
            #expect(try cases[0].decode(Int.self) == 0)
            let token = String(repeating: "b", count: 32)
            let right = try await postForm(t, "/vraag/werknemer", filing + [("csrf", token)], cookie: "eenloket_formulier=\(token)")
            #expect(right.status == 200, "\(right.text.prefix(500))")
            #expect(right.text.contains("/zaak/elc_"))
            let filed = try await t.sql("SELECT count(*)::int FROM cases")
            #expect(try filed[0].decode(Int.self) == 1)
        }
    }

    @Test func theFormSharesTheAPIsRulesAndKeepsWhatWasTyped() async throws {
        try await withApp { t in
            let token = String(repeating: "c", count: 32)
            let reply = try await postForm(
                t, "/vraag/werkgever",
                [("csrf", token), ("filer.name", "Jan de Baas"), ("filer.email", "jan@bakkerij.nl"), ("employer.name", "Bakkerij"),
                 ("employer.kvk_number", "1234"), ("employee.name", "Sanne"), ("sick_since", "2030-01-01"), ("question", "kort")],
                cookie: "eenloket_formulier=\(token)")
            #expect(reply.status == 422)
            #expect(reply.text.contains("class=\"error-summary\""))
            #expect(reply.text.contains("href=\"#veld-employer-kvk-number\""))
            #expect(reply.text.contains("Een KvK-nummer heeft precies 8 cijfers."))
            #expect(reply.text.contains("value=\"Jan de Baas\""))
            #expect(!reply.text.contains("medical_information"), "no medical field on the employer's form")
        }
    }

    @Test func staffPagesNeedALoginAndRedirectThere() async throws {
        try await withApp { t in
            for path in ["/medewerkers/zaken", "/medewerkers/toezicht", "/medewerkers/panel"] {
                let page = try await t.api.get(path)
                #expect(page.status == 303)
                #expect(page.headers[.location] == "/medewerkers/inloggen?terug=\(path)")
            }
        }
    }

    @Test func formDataBecomesTheAPIsJSON() {
        let form = FormData(urlEncoded: "employer.kvk_number=12345678&employer.name=Bakkerij+Jansen&disciplines=bedrijfsarts&disciplines=verzekeringsarts&question=a%0D%0Ab&medical=on&empty=")
        let json = form.json(strings: ["employer.kvk_number", "employer.name", "question", "empty"], booleans: ["medical", "absent"], lists: ["disciplines"])
        #expect(json["employer"] == .object(["kvk_number": "12345678", "name": "Bakkerij Jansen"]))
        #expect(json["question"] == "a\nb")
        #expect(json["empty"] == nil)
        #expect(json["medical"] == .bool(true) && json["absent"] == .bool(false))
        #expect(json["disciplines"] == .array(["bedrijfsarts", "verzekeringsarts"]))
    }

    @Test func csvCellsCannotBecomeFormulas() {
        #expect(WebController.csvField("=SUM(A1)") == "'=SUM(A1)")
        #expect(WebController.csvField("-12") == "-12")
        #expect(WebController.csvField("Bakkerij; Jansen") == "\"Bakkerij; Jansen\"")
        #expect(WebController.csvField("Zeg \"ja\"") == "\"Zeg \"\"ja\"\"\"")
    }

    @Test func chartsEscapeTheirText() {
        let svg = SVGChart.bars(id: "t", title: "<script>", description: "a & b", bars: [SVGChart.Bar(label: "\"x\"", values: [3])], series: [])
        #expect(!svg.contains("<script>") && svg.contains("&lt;script&gt;") && svg.contains("&amp;") && svg.contains("&quot;x&quot;"))
        #expect(svg.contains("role=\"img\""))
    }
}
