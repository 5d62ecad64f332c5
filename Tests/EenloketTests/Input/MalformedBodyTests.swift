import EenloketDomain
import Foundation
import HTTPTypes
import PostgresNIO
import Testing

/// The JSON endpoints whose request bodies are exercised here.
enum BodyEndpoint: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case fileCase = "POST /api/v1/cases"
    case login = "POST /api/v1/sessions"
    case createStaff = "POST /api/v1/staff"
    case updateStaff = "PATCH /api/v1/staff/{id}"
    case triage = "POST /api/v1/cases/{id}/triage"
    case ruling = "POST /api/v1/cases/{id}/ruling"
    case appeal = "POST /api/v1/cases/{id}/appeal"

    var testDescription: String { rawValue }
}

/// A real request target: a case in the right status, a caller allowed to call it,
/// and a body that would succeed.
private struct BodyTarget {
    let method: HTTPRequest.Method
    let path: String
    let token: String?
    let valid: [String: Any]
    /// The status the valid body gets.
    let success: Int
    /// A free-text field of the body (dotted path) and the field a 422 names for it.
    let textField: String
    /// Where the stored case can be read back (for the verbatim checks), and with which token.
    let caseId: String?
    let readToken: String?

    /// The valid body as JSON text with `field` holding the placeholder string `marker`.
    func text(with field: String, marker: String) -> String {
        jsonText(InputKit.setting(field, to: marker, in: valid))
    }
}

private var intakeBody: [String: Any] { [
    "decision": "accept", "case_type": "second_opinion", "other_options_exhausted": true,
    "disciplines": ["bedrijfsarts", "verzekeringsarts"], "motivation": "Bedrijfsarts heeft heroverweging geweigerd.",
] }

private func physicianPanel(_ discipline: String = "bedrijfsarts") -> [String: Any] {
    [
        "discipline": discipline, "big_number": "49012345601", "registered_since": "2012-03-01",
        "affiliations": ["ArboNed", "12345678"], "max_open_cases": 5,
    ]
}

/// Builds the target of an endpoint on a fresh database.
private func makeTarget(_ endpoint: BodyEndpoint, _ t: TestContext) async throws -> BodyTarget {
    switch endpoint {
    case .fileCase:
        return BodyTarget(
            method: .post, path: "/api/v1/cases", token: nil, valid: t.filing(), success: 201, textField: "question",
            caseId: nil, readToken: nil)
    case .login:
        return BodyTarget(
            method: .post, path: "/api/v1/sessions", token: nil, valid: ["email": t.adminEmail, "password": t.adminPassword],
            success: 201, textField: "password", caseId: nil, readToken: nil)
    case .createStaff:
        let admin = try await t.adminToken()
        return BodyTarget(
            method: .post, path: "/api/v1/staff", token: admin,
            valid: ["email": "nieuw@eenloket.test", "name": "Nieuwe Medewerker", "password": "sterk-wachtwoord-12", "role": "intake_officer"],
            success: 201, textField: "name", caseId: nil, readToken: admin)
    case .updateStaff:
        let admin = try await t.adminToken()
        let member = try await t.member(.bedrijfsarts, name: "Dr. Bas Smit")
        return BodyTarget(
            method: .patch, path: "/api/v1/staff/\(member.id)", token: admin, valid: ["name": "Dr. Bas Smit-de Wit"], success: 200,
            textField: "name", caseId: nil, readToken: admin)
    case .triage:
        let intake = try await t.staff(.intakeOfficer)
        let filed = try await t.file()
        return BodyTarget(
            method: .post, path: "/api/v1/cases/\(filed.id)/triage", token: intake.token, valid: intakeBody, success: 200,
            textField: "motivation", caseId: filed.id, readToken: intake.token)
    case .ruling, .appeal:
        let chair = try await t.member(.bedrijfsarts)
        _ = try await t.member(.verzekeringsarts)
        let filed = try await t.file()
        let triaged = try await t.accept(filed.id)
        #expect(triaged["status"].string == "in_review", "set-up: \(triaged.text.prefix(300))")
        if endpoint == .ruling {
            return BodyTarget(
                method: .post, path: "/api/v1/cases/\(filed.id)/ruling", token: chair.token, valid: t.rulingBody(), success: 201,
                textField: "decision", caseId: filed.id, readToken: chair.token)
        }
        let ruled = try await t.api.post("/api/v1/cases/\(filed.id)/ruling", object: t.rulingBody(), token: chair.token)
        #expect(ruled.status == 201, "set-up: \(ruled.text.prefix(300))")
        return BodyTarget(
            method: .post, path: "/api/v1/cases/\(filed.id)/appeal", token: filed.token,
            valid: ["court": "Rechtbank Amsterdam", "lodged_on": "2026-11-23"], success: 201, textField: "court", caseId: filed.id,
            readToken: filed.token)
    }
}

/// Sends a bad request; checks the status (or any 4xx), that the service still
/// answers, and that nothing at all was written.
private func expectRefused(
    _ t: TestContext, _ target: BodyTarget, bytes: [UInt8]?, contentType: String? = "application/json", status: Int?,
    _ comment: String, sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let before = try await InputKit.snapshot(t)
    let reply = try await InputKit.raw(
        t, target.method, target.path, bytes: bytes, contentType: contentType, token: target.token)
    if let status {
        #expect(reply.status == status, "\(comment): expected \(status), got \(reply.status): \(reply.text.prefix(300))", sourceLocation: sourceLocation)
        #expect(reply.contentType.hasPrefix("application/problem+json"), "\(comment): content type \(reply.contentType)", sourceLocation: sourceLocation)
        #expect(reply["status"].int == status, "\(comment): problem status member", sourceLocation: sourceLocation)
        #expect(reply["type"].string != nil && reply["title"].string != nil && reply["detail"].string != nil, "\(comment)", sourceLocation: sourceLocation)
    } else {
        InputKit.expectClientError(reply, comment, sourceLocation: sourceLocation)
    }
    try await InputKit.expectAlive(t, sourceLocation: sourceLocation)
    let after = try await InputKit.snapshot(t)
    #expect(after == before, "\(comment): the refused request changed the database\nbefore: \(before)\nafter:  \(after)", sourceLocation: sourceLocation)
}

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

@Suite("Input: malformed request bodies")
struct InputMalformedBodyTests {
    /// Sanity: each target's valid body succeeds, also with a charset parameter, so the
    /// refusals below are caused by the malformation alone.
    @Test(arguments: BodyEndpoint.allCases)
    func validBodyIsAccepted(_ endpoint: BodyEndpoint) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            let reply = try await InputKit.text(
                t, target.method, target.path, jsonText(target.valid), contentType: "application/json; charset=utf-8", token: target.token)
            #expect(reply.status == target.success, "\(endpoint): \(reply.text.prefix(400))")
            #expect(reply.contentType.hasPrefix("application/json"))
        }
    }

    @Test(arguments: BodyEndpoint.allCases)
    func bodyThatIsNotJSONIs400(_ endpoint: BodyEndpoint) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            let valid = jsonText(target.valid)
            let bodies = [
                "hello", "{", "}", "{\"a\":}", "{'a': 1}", "{\"a\": 1,}", "{a: 1}", "NaN", "<xml/>", "{\"a\": 1} {\"b\": 2}",
                "{\"a\": 1 /* c */}", "{\"a\": 01}", "{\"a\": Infinity}", "{\"a\": \"unterminated}", "{\"a\": \"\\x41\"}",
                "{\"a\": undefined}", String(valid.dropLast()), valid + ",", valid + "x", "\u{FEFF}\u{FEFF}" + valid,
                // Trailing commas are not JSON (RFC 8259), even around an otherwise valid body.
                String(valid.dropLast()) + ",}", "{\"a\": [1, 2,]}",
            ]
            for body in bodies {
                try await expectRefused(t, target, bytes: bytes(body), status: 400, "\(endpoint) body \(body.prefix(60).debugDescription)")
            }
        }
    }

    /// RFC 8259: control characters inside strings must be escaped.
    @Test(arguments: BodyEndpoint.allCases)
    func unescapedControlCharacterInsideStringIs400(_ endpoint: BodyEndpoint) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            let marker = "__RAW_CONTROL__"
            let text = target.text(with: target.textField, marker: marker)
            for control: UInt8 in [0x0A, 0x09, 0x01, 0x00] {
                let raw = InputKit.replacing(marker, in: bytes(text), with: bytes("twintig tekens en meer") + [control] + bytes(" daarna nog meer tekst"))
                try await expectRefused(t, target, bytes: raw, status: 400, "\(endpoint) raw 0x\(String(control, radix: 16)) in a string")
            }
        }
    }

    @Test(arguments: BodyEndpoint.allCases)
    func invalidUTF8Is400(_ endpoint: BodyEndpoint) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            try await expectRefused(t, target, bytes: [0x7b, 0x22, 0xff, 0x22, 0x7d], status: 400, "\(endpoint) {\"\\xff\"}")
            try await expectRefused(t, target, bytes: [0xff, 0xfe, 0xfd], status: 400, "\(endpoint) bare invalid bytes")
            // Otherwise valid bodies with invalid UTF-8 inside a string value.
            let marker = "__INVALID_UTF8__"
            let text = target.text(with: target.textField, marker: marker)
            let sequences: [(String, [UInt8])] = [
                ("0xFF", [0xff]), ("0xC3 alone", [0xc3]), ("overlong '/'", [0xc0, 0xaf]), ("UTF-8 encoded surrogate", [0xed, 0xa0, 0x80]),
                ("truncated 3-byte", [0xe2, 0x82]), ("5-byte form", [0xf8, 0x88, 0x80, 0x80, 0x80]), ("above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]),
                ("Latin-1 ë", [0xeb]),
            ]
            for (name, sequence) in sequences {
                let raw = InputKit.replacing(
                    marker, in: bytes(text), with: bytes("Een tekst van ruim twintig tekens ") + sequence + bytes(" en verder"))
                try await expectRefused(t, target, bytes: raw, status: 400, "\(endpoint) invalid UTF-8 (\(name)) in \(target.textField)")
            }
            // The same in a key.
            let keyed = InputKit.replacing("{", in: bytes(jsonText(target.valid)), with: bytes("{\"k") + [0xff] + bytes("\": 1, "))
            try await expectRefused(t, target, bytes: keyed, status: 400, "\(endpoint) invalid UTF-8 in a key")
        }
    }

    /// "JSON in and out, UTF-8": a body in another encoding is not accepted as JSON.
    @Test(arguments: BodyEndpoint.allCases)
    func utf16EncodedBodyIs400(_ endpoint: BodyEndpoint) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            let text = jsonText(target.valid)
            let utf16le = Array(text.data(using: .utf16LittleEndian)!)
            try await expectRefused(t, target, bytes: utf16le, status: 400, "\(endpoint) UTF-16LE without BOM")
            let utf16WithBOM = Array(text.data(using: .utf16)!)
            try await expectRefused(t, target, bytes: utf16WithBOM, status: 400, "\(endpoint) UTF-16 with BOM")
        }
    }

    @Test(arguments: BodyEndpoint.allCases)
    func jsonThatIsNotAnObjectIs400(_ endpoint: BodyEndpoint) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            let valid = jsonText(target.valid)
            for body in ["[]", "[\(valid)]", "\"text\"", "\"\(valid.replacingOccurrences(of: "\"", with: "\\\""))\"", "42", "-1.5e3", "null", "true", "false"] {
                try await expectRefused(t, target, bytes: bytes(body), status: 400, "\(endpoint) body \(body.prefix(40))")
            }
        }
    }

    @Test(arguments: BodyEndpoint.allCases)
    func emptyBodyIs400(_ endpoint: BodyEndpoint) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            try await expectRefused(t, target, bytes: [], status: 400, "\(endpoint) empty body")
            try await expectRefused(t, target, bytes: nil, status: 400, "\(endpoint) no body at all, Content-Type application/json")
            try await expectRefused(t, target, bytes: bytes("  \r\n\t "), status: 400, "\(endpoint) white space only")
        }
    }

    @Test(arguments: BodyEndpoint.allCases)
    func bodyThatIsNotDeclaredJSONIs415(_ endpoint: BodyEndpoint) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            let valid = bytes(jsonText(target.valid))
            for contentType in [
                "text/plain", nil, "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/xml", "text/json", "application/jsonp", "application", "json",
            ] as [String?] {
                try await expectRefused(
                    t, target, bytes: valid, contentType: contentType, status: 415,
                    "\(endpoint) Content-Type \(contentType.map { "'\($0)'" } ?? "missing")")
            }
        }
    }

    @Test(arguments: BodyEndpoint.allCases)
    func bodyOverOneMebibyteIs413(_ endpoint: BodyEndpoint) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            let marker = "__PADDING__"
            let text = target.text(with: target.textField, marker: marker)
            let base = text.utf8.count - marker.utf8.count
            for size in [(1 << 20) + 1, 3 << 20] {
                let body = text.replacingOccurrences(of: marker, with: InputKit.long(size - base))
                #expect(body.utf8.count == size)
                try await expectRefused(t, target, bytes: bytes(body), status: 413, "\(endpoint) \(size) bytes")
            }
            // A huge body that is not even JSON is still refused for its size, without a 5xx.
            try await expectRefused(t, target, bytes: Array(repeating: 0x7b, count: (1 << 20) + 10), status: 413, "\(endpoint) 1 MiB of '{'")
        }
    }

    /// Control for the exit tests: a valid filing in a child process answers 201 and exits
    /// normally, so a crash in the probes below is the service's, not the harness's.
    @Test func childProcessHarnessWorks() async throws {
        let db = try await InputKit.childDatabase()
        let result = await #expect(processExitsWith: .exitCode(0), observing: [\.standardOutputContent, \.standardErrorContent]) { [db = db as InputKit.ChildDatabase] in
            let status = try await InputKit.inChild(db) { t in
                try await InputKit.text(t, .post, "/api/v1/cases", jsonText(t.filing())).status
            }
            print("control filing: \(status)")
            exit(status == 201 ? 0 : 3)
        }
        InputKit.reportChild(result)
    }

    /// An empty Content-Type header, or one with nothing before ";", is not application/json: 415.
    /// Run in a child process (exit test): a crash there fails this test, not the whole run.
    @Test(arguments: ["", ";", " ", ";;"])
    func emptyContentTypeHeaderIs415(_ contentType: String) async throws {
        let db = try await InputKit.childDatabase()
        let result = await #expect(processExitsWith: .exitCode(0), observing: [\.standardOutputContent, \.standardErrorContent], "Content-Type '\(contentType)'") { [db = db as InputKit.ChildDatabase, contentType = contentType as String] in
            let status = try await InputKit.inChild(db) { t in
                try await InputKit.text(t, .post, "/api/v1/cases", jsonText(t.filing()), contentType: contentType).status
            }
            print("Content-Type '\(contentType)': \(status)")
            exit(status == 415 ? 0 : 3)
        }
        InputKit.reportChild(result)
    }

    /// Exactly 1 MiB is not "over 1 MiB": the body is read and its field judged (422).
    @Test(arguments: BodyEndpoint.allCases)
    func bodyOfExactlyOneMebibyteIsNot413(_ endpoint: BodyEndpoint) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            let marker = "__PADDING__"
            let text = target.text(with: target.textField, marker: marker)
            let base = text.utf8.count - marker.utf8.count
            let body = text.replacingOccurrences(of: marker, with: InputKit.long((1 << 20) - base))
            #expect(body.utf8.count == 1 << 20)
            let before = try await InputKit.snapshot(t)
            let reply = try await InputKit.text(t, target.method, target.path, body, token: target.token)
            InputKit.expectInvalid(reply, fields: [target.textField], "\(endpoint) exactly 1 MiB")
            #expect(try await InputKit.snapshot(t) == before)
        }
    }

    @Test(arguments: BodyEndpoint.allCases)
    func deeplyNestedJSONIsRefusedWithout5xx(_ endpoint: BodyEndpoint) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            try await expectRefused(t, target, bytes: bytes(InputKit.long(10_000, "[")), status: nil, "\(endpoint) 10,000 × '['")
            try await expectRefused(t, target, bytes: bytes(InputKit.long(10_000, "{\"a\":")), status: nil, "\(endpoint) 10,000 × '{\"a\":'")
            let closed = InputKit.long(10_000, "[") + InputKit.long(10_000, "]")
            try await expectRefused(t, target, bytes: bytes(closed), status: nil, "\(endpoint) 10,000 closed arrays")
            let deep = InputKit.long(100_000, "[") + InputKit.long(100_000, "]")
            try await expectRefused(t, target, bytes: bytes(deep), status: nil, "\(endpoint) 100,000 closed arrays")
            let marker = "__NESTED__"
            let nestedField = target.text(with: target.textField, marker: marker)
                .replacingOccurrences(of: "\"\(marker)\"", with: closed)
            try await expectRefused(t, target, bytes: bytes(nestedField), status: nil, "\(endpoint) 10,000 arrays in \(target.textField)")
            let nestedObjects = InputKit.long(5_000, "{\"a\":") + "1" + InputKit.long(5_000, "}")
            let nestedObjectField = target.text(with: target.textField, marker: marker)
                .replacingOccurrences(of: "\"\(marker)\"", with: nestedObjects)
            try await expectRefused(t, target, bytes: bytes(nestedObjectField), status: nil, "\(endpoint) 5,000 objects in \(target.textField)")
        }
    }

    /// A NUL character cannot be stored as text: refused with a 4xx, never a 5xx.
    @Test(arguments: BodyEndpoint.allCases)
    func escapedNULCharacterIsRefusedWithout5xx(_ endpoint: BodyEndpoint) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            let value = "Een tekst van ruim twintig tekens \u{0} met een NUL"
            let body = jsonText(InputKit.setting(target.textField, to: value, in: target.valid))
            #expect(body.contains("\\u0000"))
            if endpoint == .login {
                // A password with a NUL is just a wrong password: 4xx, and the failed attempt may count.
                let reply = try await InputKit.text(t, target.method, target.path, body, token: target.token)
                InputKit.expectClientError(reply, "login with \\u0000 in the password")
                try await InputKit.expectAlive(t)
            } else {
                try await expectRefused(t, target, bytes: bytes(body), status: nil, "\(endpoint) \\u0000 in \(target.textField)")
            }
        }
    }

    /// An escaped lone surrogate is not a Unicode scalar: a 4xx (or the text stored as it
    /// was decoded), never a 5xx.
    @Test(arguments: BodyEndpoint.allCases)
    func loneSurrogateEscapeDoesNotCause5xx(_ endpoint: BodyEndpoint) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            let marker = "__SURROGATE__"
            for escape in ["\\ud800", "\\udfff", "\\ud83d\\u0041", "\\udc00\\ud800"] {
                let body = target.text(with: target.textField, marker: marker)
                    .replacingOccurrences(of: marker, with: "Een tekst van ruim twintig tekens \(escape) einde")
                let reply = try await InputKit.text(t, target.method, target.path, body, token: target.token)
                #expect(reply.status < 500, "\(endpoint) \(escape): \(reply.status) \(reply.text.prefix(300))")
                if reply.status >= 400 { InputKit.expectClientError(reply, "\(endpoint) \(escape)") }
                try await InputKit.expectAlive(t)
            }
        }
    }

    // MARK: Unknown enum values

    static let enumCases: [(BodyEndpoint, String, String, Set<String>)] = [
        (.fileCase, "filer_role", "manager", ["filer_role"]),
        (.fileCase, "filer_role", "EMPLOYEE", ["filer_role"]),
        (.createStaff, "role", "superuser", ["role"]),
        (.createStaff, "role", "Admin", ["role"]),
        (.createStaff, "role", "panel-member", ["role"]),
        (.updateStaff, "role", "superuser", ["role"]),
        (.updateStaff, "panel.discipline", "tandarts", ["panel.discipline"]),
        (.triage, "decision", "maybe", ["decision"]),
        (.triage, "decision", "Accept", ["decision"]),
        (.triage, "case_type", "divorce", ["case_type"]),
        (.ruling, "outcome", "dismissed", ["outcome"]),
        (.ruling, "outcome", "UPHELD", ["outcome"]),
    ]

    @Test(arguments: enumCases)
    func unknownEnumValueIs422(_ endpoint: BodyEndpoint, _ field: String, _ value: String, _ expected: Set<String>) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            let before = try await InputKit.snapshot(t)
            let body = InputKit.setting(field, to: value, in: target.valid)
            let reply = try await InputKit.text(t, target.method, target.path, jsonText(body), token: target.token)
            InputKit.expectInvalid(reply, fields: expected, "\(endpoint) \(field)=\(value)")
            try await InputKit.expectAlive(t)
            #expect(try await InputKit.snapshot(t) == before)
        }
    }

    @Test func unknownDisciplineOfNewPanelMemberIs422() async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            let before = try await InputKit.snapshot(t)
            let body: [String: Any] = [
                "email": "tandarts@eenloket.test", "name": "T. Andarts", "password": "sterk-wachtwoord-12", "role": "panel_member",
                "panel": physicianPanel("tandarts"),
            ]
            let reply = try await t.api.post("/api/v1/staff", object: body, token: admin)
            InputKit.expectInvalid(reply, fields: ["panel.discipline"])
            #expect(try await InputKit.snapshot(t) == before)
        }
    }

    @Test func unknownDisciplineInTriageIs422() async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer)
            let filed = try await t.file()
            let before = try await InputKit.snapshot(t)
            for disciplines in [["tandarts"], ["bedrijfsarts", "tandarts"], ["Bedrijfsarts"]] {
                var body = intakeBody
                body["disciplines"] = disciplines
                let reply = try await t.api.post("/api/v1/cases/\(filed.id)/triage", object: body, token: intake.token)
                expectProblem(reply, 422)
                let fields = InputKit.fields(reply)
                // The contract names fields by dotted path; an element may be named with its index.
                #expect(
                    !fields.isEmpty && fields.allSatisfy { $0 == "disciplines" || $0.hasPrefix("disciplines[") || $0.hasPrefix("disciplines.") },
                    "disciplines \(disciplines): \(fields)")
            }
            #expect(try await InputKit.snapshot(t) == before)
            #expect(try await t.view(filed.id, token: filed.token)["status"].string == "submitted")
        }
    }

    // MARK: Huge strings

    static let hugeFields: [(BodyEndpoint, String)] = [
        (.fileCase, "filer_role"), (.fileCase, "filer.name"), (.fileCase, "filer.email"), (.fileCase, "employee.name"),
        (.fileCase, "employer.name"), (.fileCase, "employer.kvk_number"), (.fileCase, "sick_since"), (.fileCase, "question"),
        (.fileCase, "occupational_physician.name"), (.fileCase, "occupational_physician.organisation"), (.fileCase, "medical_information"),
        (.login, "email"), (.login, "password"),
        (.createStaff, "email"), (.createStaff, "name"), (.createStaff, "password"), (.createStaff, "role"),
        (.updateStaff, "email"), (.updateStaff, "name"), (.updateStaff, "password"), (.updateStaff, "panel.big_number"),
        (.updateStaff, "panel.registered_since"),
        (.triage, "decision"), (.triage, "case_type"), (.triage, "motivation"),
        (.ruling, "outcome"), (.ruling, "decision"), (.ruling, "motivation"), (.ruling, "medical_considerations"),
        (.appeal, "court"), (.appeal, "lodged_on"),
    ]

    @Test(arguments: hugeFields)
    func hugeStringInTextFieldIs422(_ endpoint: BodyEndpoint, _ field: String) async throws {
        try await withApp { t in
            let target = try await makeTarget(endpoint, t)
            let before = try await InputKit.snapshot(t)
            let body = InputKit.setting(field, to: InputKit.long(500_000, "x"), in: target.valid)
            let reply = try await InputKit.text(t, target.method, target.path, jsonText(body), token: target.token)
            InputKit.expectInvalid(reply, fields: [field], "\(endpoint) 500,000 characters in \(field)")
            try await InputKit.expectAlive(t)
            #expect(try await InputKit.snapshot(t) == before, "\(endpoint) \(field): nothing written")
        }
    }

    @Test func hugeStringsInPanelFieldsOfNewMemberAre422() async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            let before = try await InputKit.snapshot(t)
            let huge = InputKit.long(300_000, "9")
            for (key, value) in [("big_number", huge as Any), ("registered_since", huge as Any), ("discipline", huge as Any)] {
                var panel = physicianPanel()
                panel[key] = value
                let body: [String: Any] = [
                    "email": "arts@eenloket.test", "name": "Dr. Arts", "password": "sterk-wachtwoord-12", "role": "panel_member", "panel": panel,
                ]
                let reply = try await t.api.post("/api/v1/staff", object: body, token: admin)
                InputKit.expectInvalid(reply, fields: ["panel.\(key)"], "panel.\(key)")
            }
            var panel = physicianPanel()
            panel["affiliations"] = ["ArboNed", huge]
            let reply = try await t.api.post(
                "/api/v1/staff",
                object: ["email": "arts@eenloket.test", "name": "Dr. Arts", "password": "sterk-wachtwoord-12", "role": "panel_member", "panel": panel],
                token: admin)
            expectProblem(reply, 422)
            let fields = InputKit.fields(reply)
            #expect(!fields.isEmpty && fields.allSatisfy { $0.hasPrefix("panel.affiliations") }, "affiliations: \(fields)")
            #expect(try await InputKit.snapshot(t) == before)
            try await InputKit.expectAlive(t)
        }
    }

    // MARK: Control characters and injection strings are data

    static let awkward =
        "Regel 1\nRegel 2\r\n\tingesprongen \u{01}\u{07}\u{08}\u{0B}\u{0C}\u{1B}[31m\u{1F}\u{7F}\u{85}\u{2028}\u{2029}\u{200B}\u{202E}\u{FEFF} 😷 einde"
    static let injection =
        "Robert'); DROP TABLE cases; -- ' OR '1'='1 \"; DELETE FROM staff WHERE ''=' <script>alert(\"xss\")</script> <img src=x onerror=alert(1)> {{7*7}} ${7*7} %s%n%x \\u0000 \\\\ \\\" $1 :name ?"

    /// The body contains no raw control characters: they are JSON-escaped.
    private func expectEscaped(_ reply: Reply, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let raw = Array(reply.response.body.readableBytesView)
        #expect(!raw.contains(where: { $0 < 0x20 }), "\(comment): raw control bytes in the response body", sourceLocation: sourceLocation)
        #expect(reply.json != .null, "\(comment): the response is valid JSON", sourceLocation: sourceLocation)
    }

    @Test(arguments: [awkward, injection])
    func textInFilingIsStoredVerbatimAndEscaped(_ text: String) async throws {
        try await withApp { t in
            var body = t.filing(role: .employee)
            let short = String(text.prefix(150))
            body["question"] = text
            body["medical_information"] = text
            body["filer"] = ["name": short, "email": "sanne@example.nl"]
            body["employee"] = ["name": short]
            body["employer"] = ["name": short, "kvk_number": "12345678"]
            body["occupational_physician"] = ["name": short, "organisation": short]
            let reply = try await t.api.post("/api/v1/cases", object: body)
            #expect(reply.status == 201, "\(reply.text.prefix(400))")
            expectEscaped(reply, "filing response")
            let id = try #require(reply["id"].string)
            let seen = try await t.view(id, token: try #require(reply["access_token"].string))
            expectEscaped(seen, "case")
            for r in [reply, seen] {
                #expect(r["question"].string == text)
                #expect(r["medical_information"].string == text)
                #expect(r["employee"]["name"].string == short)
                #expect(r["employer"]["name"].string == short)
                #expect(r["occupational_physician"]["name"].string == short)
                #expect(r["occupational_physician"]["organisation"].string == short)
            }
            // The tables are intact and the stored text is byte for byte the same.
            #expect(try await InputKit.count(t, "cases") == 1)
            #expect(try await InputKit.count(t, "staff") >= 1)
            let rows = try await t.sql("SELECT question FROM cases")
            #expect(try rows[0].decode(String.self) == text)
            let intake = try await t.staff(.intakeOfficer)
            let asStaff = try await t.view(id, token: intake.token)
            #expect(asStaff["question"].string == text)
            expectEscaped(asStaff, "case as intake")
            let list = try await t.api.get("/api/v1/cases", token: intake.token)
            #expect(list.status == 200)
            #expect(list["items"].array.count == 1)
            let ready = try await t.api.get("/health/ready")
            #expect(ready.status == 200)
        }
    }

    @Test(arguments: [awkward, injection])
    func textInStaffAccountIsStoredVerbatimAndEscaped(_ text: String) async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            let name = String(text.prefix(150))
            let created = try await t.api.post(
                "/api/v1/staff",
                object: ["email": "nieuw@eenloket.test", "name": name, "password": text, "role": "intake_officer"], token: admin)
            #expect(created.status == 201, "\(created.text.prefix(400))")
            expectEscaped(created, "created account")
            #expect(created["name"].string == name)
            let id = try #require(created["id"].string)
            // The password with the same characters logs in.
            let login = try await t.api.post("/api/v1/sessions", object: ["email": "nieuw@eenloket.test", "password": text])
            #expect(login.status == 201, "login with an awkward password: \(login.text.prefix(300))")
            let patched = try await t.api.patch("/api/v1/staff/\(id)", object: ["name": String(name.reversed())], token: admin)
            #expect(patched.status == 200, "\(patched.text.prefix(300))")
            #expect(patched["name"].string == String(name.reversed()))
            let shown = try await t.api.get("/api/v1/staff/\(id)", token: admin)
            #expect(shown["name"].string == String(name.reversed()))
            expectEscaped(shown, "account")
        }
    }

    @Test(arguments: [awkward, injection])
    func textInLoginIsJustAWrongCredential(_ text: String) async throws {
        try await withApp { t in
            let staffBefore = try await InputKit.count(t, "staff")
            for (field, body) in [("email", ["email": text, "password": "wachtwoord-123"]), ("password", ["email": t.adminEmail, "password": text])] {
                let reply = try await t.api.post("/api/v1/sessions", object: body)
                // A wrong credential (401), or refused as unusable input naming the field (422); never a 5xx.
                if reply.status == 422 {
                    InputKit.expectInvalid(reply, fields: [field], "login with awkward \(field)")
                } else {
                    expectProblem(reply, 401)
                }
                try await InputKit.expectAlive(t)
            }
            #expect(try await InputKit.count(t, "staff") == staffBefore)
        }
    }

    @Test(arguments: [awkward, injection])
    func textInTriageRulingAndAppealIsStoredVerbatimAndEscaped(_ text: String) async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            _ = try await t.member(.verzekeringsarts)
            let intake = try await t.staff(.intakeOfficer)
            let filed = try await t.file()
            var triage = intakeBody
            triage["motivation"] = text
            let triaged = try await t.api.post("/api/v1/cases/\(filed.id)/triage", object: triage, token: intake.token)
            #expect(triaged.status == 200, "\(triaged.text.prefix(400))")
            expectEscaped(triaged, "triage")
            #expect(triaged["triage"]["motivation"].string == text)

            let ruling = try await t.api.post(
                "/api/v1/cases/\(filed.id)/ruling",
                object: ["outcome": "upheld", "decision": text, "motivation": text, "medical_considerations": text], token: chair.token)
            #expect(ruling.status == 201, "\(ruling.text.prefix(400))")
            expectEscaped(ruling, "ruling")
            #expect(ruling["decision"].string == text)
            #expect(ruling["motivation"].string == text)
            #expect(ruling["medical_considerations"].string == text)

            let court = String(text.prefix(150))
            let appeal = try await t.api.post(
                "/api/v1/cases/\(filed.id)/appeal", object: ["court": court, "lodged_on": "2026-11-23"], token: filed.token)
            #expect(appeal.status == 201, "\(appeal.text.prefix(400))")
            expectEscaped(appeal, "appeal")
            #expect(appeal["appeal"]["court"].string == court)

            let seen = try await t.view(filed.id, token: filed.token)
            expectEscaped(seen, "case")
            #expect(seen["triage"]["motivation"].string == text)
            #expect(seen["ruling"]["decision"].string == text)
            #expect(seen["ruling"]["medical_considerations"].string == text)
            #expect(seen["appeal"]["court"].string == court)
        }
    }
}
