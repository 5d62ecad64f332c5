@testable import EenloketHTTP
import EenloketDomain
import Foundation
import HTTPTypes
import Testing

/// The NL API Design Rules the service answers by (Tests/ApiRules/check.py checks
/// the same against a running service, by rule ID, in the test command).
@Suite("API design rules")
struct APIDesignRulesTests {
    static let folder = TestDatabase.repositoryRoot + "/Sources/EenloketHTTP/OpenAPI/"

    /// Answers of every kind: a success, a refusal, a missing resource, bad input, a document download's neighbour.
    static func sampleAnswers(_ t: TestContext) async throws -> [(String, Reply)] {
        let filed = try await t.file()
        return [
            ("GET /api/v1/keys", try await t.api.get("/api/v1/keys")),
            ("GET /api/v1/cases/{id}", try await t.api.get("/api/v1/cases/\(filed.id)", token: filed.token)),
            ("GET /api/v1/cases (no token)", try await t.api.get("/api/v1/cases")),
            ("GET /api/v1/nothing", try await t.api.get("/api/v1/nothing")),
            ("POST /api/v1/cases (bad JSON)", try await t.api.post("/api/v1/cases", "{")),
            ("POST /api/v1/cases (invalid)", try await t.api.post("/api/v1/cases", "{}")),
            ("GET /health/live", try await t.api.get("/health/live")),
            ("GET /openapi.yaml", try await t.api.get("/openapi.yaml")),
            ("GET /api/v1/openapi.json", try await t.api.get("/api/v1/openapi.json")),
        ]
    }

    @Test func everyAPIAnswerCarriesTheVersionAndTheSecurityHeaders() async throws {
        let version = try OpenAPIDocument.load(directory: Self.folder).version()
        #expect(version == "1.1.0", "Part 2 of the contract is a minor version of the first")
        try await withApp { t in
            for (name, reply) in try await Self.sampleAnswers(t) {
                #expect(reply.headers[HTTPField.Name("API-Version")!] == version, "\(name): API-Version")
                #expect(reply.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(name)")
                #expect(reply.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(name)")
                #expect(reply.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(name)")
                #expect(reply.headers[.cacheControl] == "no-store", "\(name)")
                // The tests' public address is https: every answer asks the browser to keep to https.
                #expect(reply.headers[.strictTransportSecurity] == "max-age=31536000", "\(name)")
                if reply.status >= 400 {
                    #expect(reply.contentType == "application/problem+json", "\(name): \(reply.status)")
                    for field in ["type", "title", "status", "detail"] { #expect(reply.json.has(field), "\(name) lacks \(field)") }
                }
            }
            // Pages keep their own policy (with scripts and styles from the site) and get no API-Version.
            let page = try await t.api.get("/")
            #expect(page.headers[HTTPField.Name("API-Version")!] == nil)
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(page.headers[.strictTransportSecurity] == "max-age=31536000")
        }
    }

    @Test func strictTransportSecurityOnlyWhenThePublicAddressIsHTTPS() async throws {
        try await withApp(configure: { $0.publicURL = "http://127.0.0.1:8080" }) { t in
            let reply = try await t.api.get("/api/v1/keys")
            #expect(reply.status == 200)
            #expect(reply.headers[.strictTransportSecurity] == nil)
            #expect(reply.headers[HTTPField.Name("API-Version")!] != nil)
        }
    }

    @Test func aTrailingSlashOrAnEmptySegmentIsNotFoundNeverTheResource() async throws {
        try await withApp { t in
            let filed = try await t.file()
            for path in ["/api/v1/keys/", "/api/v1//keys", "//api/v1/keys", "//openapi.yaml", "//api/v1/cases/\(filed.id)", "/api/v1/cases/\(filed.id)/", "/openapi.yaml/", "/health/live/", "/api/v1/openapi.json/"] {
                let reply = try await t.api.get(path, token: filed.token)
                #expect(reply.status == 404, "\(path)")
                #expect(reply.headers[.location] == nil, "\(path) must not redirect")
                #expect(reply.contentType == "application/problem+json", "\(path)")
            }
            #expect(try await t.api.get("/api/v1/keys").status == 200)
        }
    }

    @Test func onlyTheOpenAPIDocumentAllowsOtherOrigins() async throws {
        try await withApp { t in
            let filed = try await t.file()
            let yaml = try await t.api.get("/openapi.yaml"), json = try await t.api.get("/api/v1/openapi.json")
            for reply in [yaml, json] {
                #expect(reply.status == 200)
                #expect(reply.headers[.accessControlAllowOrigin] == "*")
            }
            #expect(json.contentType == "application/json; charset=utf-8")
            #expect(json["info"]["version"].string == "1.1.0")
            let origin: HTTPFields = [.origin: "https://elders.example"]
            for path in ["/api/v1/cases/\(filed.id)", "/api/v1/cases", "/api/v1/keys"] {
                let reply = try await t.api.request(.get, path, token: filed.token, headers: origin)
                #expect(reply.headers[.accessControlAllowOrigin] == nil, "\(path) must not be readable by other sites")
            }
            let preflight = try await t.api.request(
                .options, "/api/v1/cases/\(filed.id)", headers: [.origin: "https://elders.example", .accessControlRequestMethod: "GET"])
            #expect(preflight.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test func theJSONDocumentIsTheYAMLDocumentsGeneratedCopy() throws {
        // The full comparison needs a YAML parser: Tests/ApiRules/openapi_document.py --check does it in the test command.
        let document = try OpenAPIDocument.load(directory: Self.folder)
        let json = try JSONValue.parse(Array(document.json.utf8))
        #expect(json["openapi"].string == "3.1.0")
        #expect(json["info"]["version"].string == (try document.version()))
        let yamlPaths = document.yaml.split(separator: "\n").filter { $0.hasPrefix("  /") }.map { String($0.dropFirst(2).dropLast()) }
        #expect(Set(json["paths"].object.map { Array($0.keys) } ?? []) == Set(yamlPaths))
    }

    @Test func theConfiguredContactIsInBothForms() async throws {
        let contact = ServiceContact(name: "Stichting \"Eerlijk\" Loket", email: "api@loket.example", url: "https://loket.example/api")
        try await withApp(configure: { $0.contact = contact }) { t in
            let yaml = try await t.api.get("/openapi.yaml").text
            #expect(yaml.contains(#"    name: "Stichting \"Eerlijk\" Loket""#))
            #expect(yaml.contains(#"    email: "api@loket.example""#))
            #expect(!yaml.contains("contact@eenloket.nl"))
            let json = try await t.api.get("/api/v1/openapi.json")
            #expect(json["info"]["contact"]["name"].string == contact.name)
            #expect(json["info"]["contact"]["email"].string == contact.email)
            #expect(json["info"]["contact"]["url"].string == contact.url)
        }
    }

    @Test func aContactIsQuotedSoYAMLReadsExactlyIt() {
        // Everything but printable ASCII escaped: YAML forbids some characters raw and reads U+2028 as a line break.
        #expect(OpenAPIDocument.yamlQuoted(#"Zoë "x" \ #1: ok"#) == #""Zo\u00EB \"x\" \\ #1: ok""#)
        #expect(OpenAPIDocument.yamlQuoted("a\u{2028}b\u{85}\u{7F}😀") == #""a\u2028b\u0085\u007F\U0001F600""#)
    }

    @Test func contactSettingsAreChecked() throws {
        let config = try AppConfiguration.fromEnvironment([
            "EENLOKET_CONTACT_NAME": "Loket", "EENLOKET_CONTACT_EMAIL": "api@loket.example", "EENLOKET_CONTACT_URL": "https://loket.example",
        ])
        #expect(config.contact == ServiceContact(name: "Loket", email: "api@loket.example", url: "https://loket.example"))
        #expect(AppConfiguration().contact == OpenAPIDocument.defaultContact)
        #expect(throws: AppConfiguration.Invalid.self) { try AppConfiguration.fromEnvironment(["EENLOKET_CONTACT_EMAIL": "geen adres"]) }
        #expect(throws: AppConfiguration.Invalid.self) { try AppConfiguration.fromEnvironment(["EENLOKET_CONTACT_URL": "loket.example"]) }
    }
}
