import EenloketDomain
import EenloketHTTP
import Foundation
import HTTPTypes
import Logging
import Testing

/// What must never appear in a log line, with a name for the failure message.
struct LogSecret: Sendable {
    let name: String
    let value: String
    /// Also look for any 16-character piece of it (a token cut short is still a leak).
    let pieces: Bool

    /// The pieces searched for: the whole value, and for tokens every 16-character window of its random part.
    var needles: [String] {
        guard pieces else { return [value] }
        let random = Array(value.drop { $0 != "_" }.dropFirst())
        guard random.count > 16 else { return [value] }
        return [value] + (0...(random.count - 16)).map { String(random[$0..<($0 + 16)]) }
    }
}

enum LogScanner {
    /// Every (line, secret) pair where the rendered line holds the secret or a piece of it.
    static func leaks(in lines: [TrustLogCapture.Line], of secrets: [LogSecret]) -> [(line: Int, text: String, secret: String)] {
        var found: [(Int, String, String)] = []
        let needles = secrets.flatMap { secret in secret.needles.map { (secret.name, $0) } }
        for (index, line) in lines.enumerated() {
            let text = line.rendered
            for (name, needle) in needles where text.contains(needle) {
                found.append((index, text, name))
                break
            }
        }
        return found
    }
}

@Suite("Trust: no secrets or medical text in the logs")
struct LogPrivacyTests {
    /// The scanner itself finds a token, a piece of a token, a password and medical text,
    /// in the message, in metadata and in an attached error.
    @Test func theScannerFindsWhatItLooksFor() {
        let token = AccessToken.generate(.party)
        let secrets = [
            LogSecret(name: "token", value: token, pieces: true), LogSecret(name: "password", value: "LOGPRIV-PW-zelftest", pieces: false),
            LogSecret(name: "medical", value: "LOGPRIV-MEDISCH-zelftest", pieces: false),
        ]
        func line(_ message: String, _ metadata: [String: String] = [:], error: String? = nil) -> TrustLogCapture.Line {
            TrustLogCapture.Line(level: .info, label: "x", message: message, metadata: metadata, error: error, source: "x")
        }
        let lines = [
            line("request", ["route": "/zaak/{token}"]), line("token \(token)"), line("x", ["path": "/zaak/\(token.prefix(30))"]),
            line("login", ["body": "{\"password\":\"LOGPRIV-PW-zelftest\"}"]), line("failed", error: "row: LOGPRIV-MEDISCH-zelftest"),
        ]
        let found = LogScanner.leaks(in: lines, of: secrets)
        #expect(found.map(\.line) == [1, 2, 3, 4], "\(found)")
    }

    @Test func mainFlowsLogNoPasswordsTokensOrMedicalText() async throws {
        let capture = TrustLogCapture()
        let run = UUID().uuidString.prefix(8)
        let adminPassword = "LOGPRIV-PW-ADMIN-\(run)"
        let medicalFiling = "LOGPRIV-MEDISCH-DOSSIER-\(run)"
        let medicalStatement = "LOGPRIV-MEDISCH-VERKLARING-\(run)"
        let medicalPanel = "LOGPRIV-MEDISCH-PANEL-\(run)"
        let medicalRuling = "LOGPRIV-MEDISCH-UITSPRAAK-\(run)"
        let medicalWeb = "LOGPRIV-MEDISCH-WEB-\(run)"
        let spool = NSTemporaryDirectory() + "eenloket-logprivacy-\(UUID().uuidString)"
        let started = ContinuousClock.now

        let secrets = try await withTrustApp(logger: capture.logger(), configure: {
            $0.adminPassword = adminPassword
            $0.sessionLifetime = 90 * 24 * 3600
            // The real timer and delivery workers run (their lines are captured too).
            $0.runWorkers = true
            $0.workerPollInterval = .milliseconds(200)
            $0.mailSpoolDirectory = spool
        }) { t in
            var secrets: [LogSecret] = [
                LogSecret(name: "admin password", value: adminPassword, pieces: false),
                LogSecret(name: "medical information (API filing)", value: medicalFiling, pieces: false),
                LogSecret(name: "medical statement", value: medicalStatement, pieces: false),
                LogSecret(name: "medical statement of the panel", value: medicalPanel, pieces: false),
                LogSecret(name: "medical considerations", value: medicalRuling, pieces: false),
                LogSecret(name: "medical information (web filing)", value: medicalWeb, pieces: false),
            ]
            func remember(_ name: String, _ token: String) { secrets.append(LogSecret(name: name, value: token, pieces: true)) }
            func login(_ email: String, _ password: String, _ name: String) async throws -> String {
                let reply = try await t.api.post("/api/v1/sessions", object: ["email": email, "password": password])
                try #require(reply.status == 201, "login \(email): \(reply.text)")
                let token = try #require(reply["token"].string)
                remember("staff token of \(name)", token)
                return token
            }
            func ok(_ reply: Reply, _ status: Int, _ what: String) throws {
                try #require(reply.status == status, "\(what): \(reply.status) \(reply.text.prefix(400))")
            }

            // Logins, good and bad.
            let admin = try await login(t.adminEmail, adminPassword, "admin")
            let wrong = "LOGPRIV-PW-WRONG-\(run)"
            secrets.append(LogSecret(name: "a wrong password", value: wrong, pieces: false))
            try ok(try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": wrong]), 401, "wrong password")
            try ok(try await t.api.post("/api/v1/sessions", object: ["email": "niemand@eenloket.test", "password": wrong]), 401, "unknown account")

            // Staff accounts with recognisable passwords.
            var accounts: [String: (id: String, email: String, password: String)] = [:]
            for (name, role, panel) in [
                ("intake", "intake_officer", nil), ("coordinator", "coordinator", nil),
                ("chair", "panel_member", ["discipline": "bedrijfsarts", "big_number": "49012345601", "registered_since": "2012-03-01", "affiliations": [], "max_open_cases": 5] as [String: Any]),
                ("arbeidsdeskundige", "panel_member", ["discipline": "arbeidsdeskundige", "affiliations": [], "max_open_cases": 5] as [String: Any]),
            ] as [(String, String, [String: Any]?)] {
                let password = "LOGPRIV-PW-\(name.uppercased())-\(run)"
                secrets.append(LogSecret(name: "password of \(name)", value: password, pieces: false))
                var body: [String: Any] = ["email": "\(name)@logprivacy.test", "name": "Medewerker \(name)", "password": password, "role": role]
                if let panel { body["panel"] = panel }
                let created = try await t.api.post("/api/v1/staff", object: body, token: admin)
                try ok(created, 201, "create \(name)")
                accounts[name] = (try #require(created["id"].string), "\(name)@logprivacy.test", password)
            }
            // A refused account (its e-mail address is taken) goes through the database's unique constraint.
            let duplicatePassword = "LOGPRIV-PW-DUPLICATE-\(run)"
            secrets.append(LogSecret(name: "password of a refused account", value: duplicatePassword, pieces: false))
            let duplicate = try await t.api.post(
                "/api/v1/staff",
                object: ["email": "INTAKE@logprivacy.test", "name": "Dubbel", "password": duplicatePassword, "role": "intake_officer"], token: admin)
            try ok(duplicate, 409, "an e-mail address in use")
            let newPassword = "LOGPRIV-PW-CHANGED-\(run)"
            secrets.append(LogSecret(name: "changed password", value: newPassword, pieces: false))
            try ok(try await t.api.patch("/api/v1/staff/\(accounts["arbeidsdeskundige"]!.id)", object: ["password": newPassword], token: admin), 200, "password change")
            accounts["arbeidsdeskundige"]!.password = newPassword
            let intake = try await login(accounts["intake"]!.email, accounts["intake"]!.password, "intake")
            let coordinator = try await login(accounts["coordinator"]!.email, accounts["coordinator"]!.password, "coordinator")
            let chair = try await login(accounts["chair"]!.email, accounts["chair"]!.password, "chair")
            let deskundige = try await login(accounts["arbeidsdeskundige"]!.email, newPassword, "arbeidsdeskundige")

            // Filing with medical information (and its idempotent repeat).
            let filing = t.filing([
                "medical_information": medicalFiling,
                "employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "werkgever@logprivacy.example"],
            ])
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "logprivacy-\(run)"]
            let filed = try await t.api.post("/api/v1/cases", object: filing, headers: key)
            try ok(filed, 201, "filing")
            let caseId = try #require(filed["id"].string)
            let employee = try #require(filed["access_token"].string)
            remember("access token of the employee", employee)
            try ok(try await t.api.post("/api/v1/cases", object: filing, headers: key), 201, "repeated filing")
            try ok(try await t.view(caseId, token: employee), 200, "employee view")
            try ok(try await t.view(caseId, token: intake), 200, "intake view (medical)")

            // Triage; the delivery worker sends the employer's invitation.
            let triage = try await t.api.post(
                "/api/v1/cases/\(caseId)/triage",
                object: [
                    "decision": "accept", "case_type": "second_opinion", "other_options_exhausted": true,
                    "disciplines": ["bedrijfsarts", "arbeidsdeskundige"], "motivation": "Bedrijfsarts heeft heroverweging geweigerd.",
                ], token: intake)
            try ok(triage, 200, "triage")
            let employer = try await Self.waitForInvitation(in: spool, to: "werkgever@logprivacy.example")
            remember("access token of the invited employer", employer)

            // Statements, medical ones included.
            let statements = "/api/v1/cases/\(caseId)/statements"
            try ok(try await t.api.post(statements, object: ["text": medicalStatement, "medical": true], token: employee), 201, "medical statement")
            try ok(try await t.api.post(statements, object: ["text": "Wij bieden 12 uur aangepast werk aan."], token: employer), 201, "employer statement")
            try ok(try await t.api.post(statements, object: ["text": medicalPanel, "medical": true], token: chair), 201, "panel statement")
            try ok(try await t.api.get(statements, token: chair), 200, "statements (chair)")
            try ok(try await t.api.get(statements, token: deskundige), 200, "statements (arbeidsdeskundige)")
            try ok(try await t.view(caseId, token: employer), 200, "employer view")

            // The ruling with medical considerations, then reading and appealing it.
            try ok(try await t.api.post("/api/v1/cases/\(caseId)/ruling", object: t.rulingBody(medical: medicalRuling), token: chair), 201, "ruling")
            try ok(try await t.view(caseId, token: employee), 200, "employee reads the ruling")
            try ok(try await t.view(caseId, token: chair), 200, "chair reads the ruling")
            try ok(try await t.api.get("/api/v1/cases/\(caseId)/events", token: employee), 200, "history")
            try ok(try await t.api.get("/api/v1/cases?status=ruled", token: coordinator), 200, "case list")
            let served = Set(try TrustKit.servedAPIRoutes(t.deps))
            if served.contains("GET /api/v1/cases/{id}/export") {
                try ok(try await t.api.get("/api/v1/cases/\(caseId)/export", token: employee), 200, "export")
            }
            if served.contains("GET /api/v1/cases/{id}/access-log") {
                try ok(try await t.api.get("/api/v1/cases/\(caseId)/access-log", token: coordinator), 200, "access log")
            }
            try ok(
                try await t.api.post(
                    "/api/v1/cases/\(caseId)/appeal", object: ["court": "Rechtbank Amsterdam", "lodged_on": "2026-11-23"], token: employee),
                201, "appeal")

            // Two weeks on, the timer worker makes the first check-in due; the employee answers it.
            t.setClock("2026-12-07", hour: 9.5)
            var followUp: String?
            for _ in 0..<150 where followUp == nil {
                followUp = try await t.api.get("/api/v1/cases/\(caseId)/followups", token: employee)["items"][0]["id"].string
                if followUp == nil { try await Task.sleep(for: .milliseconds(200)) }
            }
            let due = try #require(followUp, "the timer worker did not make the check-in due")
            try ok(
                try await t.api.post(
                    "/api/v1/cases/\(caseId)/followups/\(due)",
                    object: ["ruling_carried_out": "partly", "return_to_work": "working_less", "needs_help": true, "remarks": "Gaat langzaam."],
                    token: employee), 200, "follow-up answer")

            // Staff log in on the web pages, and once with a wrong password.
            let formToken = String(repeating: "e", count: 32)
            func form(_ path: String, _ fields: [(String, String)], cookie: String) async throws -> Reply {
                let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
                return try await t.api.request(
                    .post, path, json: body, headers: [.cookie: cookie], contentType: "application/x-www-form-urlencoded")
            }
            let webWrong = "LOGPRIV-PW-WEBWRONG-\(run)"
            secrets.append(LogSecret(name: "a wrong password on the web", value: webWrong, pieces: false))
            let refused = try await form(
                "/medewerkers/inloggen", [("csrf", formToken), ("email", accounts["intake"]!.email), ("password", webWrong)],
                cookie: "eenloket_formulier=\(formToken)")
            try ok(refused, 401, "web login with a wrong password")
            let loggedIn = try await form(
                "/medewerkers/inloggen",
                [("csrf", formToken), ("email", accounts["intake"]!.email), ("password", accounts["intake"]!.password), ("terug", "/medewerkers/zaken")],
                cookie: "eenloket_formulier=\(formToken)")
            try ok(loggedIn, 303, "web login")
            let setCookie = loggedIn.headers[values: .setCookie].first { $0.hasPrefix("eenloket_sessie=") } ?? ""
            let session = String(setCookie.dropFirst("eenloket_sessie=".count).prefix { $0 != ";" })
            try #require(!session.isEmpty, "the web login sets a session cookie: \(loggedIn.headers)")
            remember("web session cookie", session)
            try ok(try await t.api.request(.get, "/medewerkers/zaken/\(caseId)", headers: [.cookie: "eenloket_sessie=\(session)"]), 200, "staff case page")
            try ok(try await t.api.request(.get, "/medewerkers/zaken", headers: [.cookie: "eenloket_sessie=\(session)"]), 200, "work queue")

            // A filing on the web page with medical information; the party page and a statement there.
            let webFiled = try await form(
                "/vraag/werknemer",
                [
                    ("csrf", formToken), ("filer.name", "Piet Post"), ("filer.email", "piet@example.nl"), ("employer.name", "Garage Post"),
                    ("employer.kvk_number", "87654321"), ("sick_since", "2026-06-01"),
                    ("question", "Kan ik mijn eigen werk weer doen, en zo ja vanaf wanneer?"), ("medical_information", medicalWeb),
                ], cookie: "eenloket_formulier=\(formToken)")
            try ok(webFiled, 200, "web filing")
            let webToken = try #require(TrustKit.partyToken(inMessage: webFiled.text), "the confirmation shows the private link")
            remember("access token of the web filer", webToken)
            let webPages = try await t.openLink(webToken)
            remember("page session of the web filer", String(webPages.dropFirst("eenloket_zaak=".count)))
            let partyPage = try await t.partyPage("/zaak", cookie: webPages)
            try ok(partyPage, 200, "party page")
            if let csrf = partyPage.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1 {
                let posted = try await form("/zaak/reactie", [("csrf", String(csrf)), ("text", "Nog een aanvulling.")], cookie: webPages)
                #expect(posted.status == 303, "party statement on the web: \(posted.status)")
            }
            try ok(try await t.partyPage("/zaak/uitspraak", cookie: try await t.openLink(employee)), 200, "printable ruling")

            // Secrets in places a careless log would print: a query string, an unknown token, an unknown link.
            try ok(try await t.api.get("/api/v1/cases?cursor=\(employee)", token: coordinator), 422, "token as a cursor")
            let unknown = AccessToken.generate(.staff)
            remember("an unknown staff token", unknown)
            try ok(try await t.api.get("/api/v1/cases", token: unknown), 401, "unknown token")
            let unknownLink = AccessToken.generate(.party)
            remember("an unknown private link", unknownLink)
            #expect(try await t.api.get("/zaak/\(unknownLink)").status == 404)
            #expect(try await t.api.get("/api/v1/nothing/\(employee)").status == 404)
            try ok(try await t.api.delete("/api/v1/sessions/current", token: intake), 204, "logout")
            try ok(try await t.api.get("/api/v1/cases", token: intake), 401, "revoked token")
            return secrets
        }

        // The server has stopped: every line it wrote is in.
        let lines = capture.lines
        let levels = Dictionary(grouping: lines, by: \.level).mapValues(\.count)
        print("LogPrivacy: \(lines.count) log lines captured (\(levels.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))), \(secrets.count) secrets, \(ContinuousClock.now - started)")
        if ProcessInfo.processInfo.environment["EENLOKET_PRINT_CAPTURED_LOG"] != nil {
            for (index, line) in lines.enumerated() { print("#\(index) \(line.rendered)") }
        }
        #expect(lines.count >= 50, "the capture recorded too few lines: \(lines.count)")
        let requests = lines.filter { $0.message == "request" }
        #expect(requests.contains { $0.metadata["route"] == "/api/v1/cases/{id}" }, "no request line for an API route was captured")
        #expect(requests.contains { $0.metadata["route"] == "/zaak/{token}" }, "no request line for a party page was captured")
        #expect(requests.contains { $0.metadata["route"] == "/medewerkers/inloggen" }, "no request line for the web login was captured")
        #expect(lines.contains { $0.message == "login" }, "no login line was captured")
        for leak in LogScanner.leaks(in: lines, of: secrets) {
            Issue.record("log line #\(leak.line) leaks \(leak.secret): \(leak.text.prefix(600))")
        }
    }

    @Test func twoStepLoginsLogNoSecretsCodesOrCookies() async throws {
        let capture = TrustLogCapture()
        let secrets = try await withTrustApp(logger: capture.logger(), configure: { $0.staffOTP = true }) { t in
            var secrets: [LogSecret] = []
            func remember(_ name: String, _ value: String, pieces: Bool = true) { secrets.append(LogSecret(name: name, value: value, pieces: pieces)) }
            let first = try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": t.adminPassword])
            let challenge = try #require(first["challenge"].string, "\(first.text)")
            let secret = try #require(first["secret"].string)
            remember("login challenge", challenge)
            remember("authenticator secret", secret, pieces: false)
            remember("otpauth URI", try #require(first["otpauth_uri"].string), pieces: false)
            let code = TwoStepLoginTests.code(secret, at: t.clock.now())
            let wrong = code == "000000" ? "111111" : "000000"
            #expect(try await t.api.post("/api/v1/sessions", object: ["challenge": challenge, "code": wrong]).status == 401)
            let done = try await t.api.post("/api/v1/sessions", object: ["challenge": challenge, "code": code])
            try #require(done.status == 201, "\(done.text)")
            remember("staff token after two steps", try #require(done["token"].string))
            for recovery in done["recovery_codes"].array.compactMap(\.string) { remember("recovery code", recovery, pieces: false) }
            let device = done.headers[values: .setCookie].first { $0.hasPrefix("eenloket_apparaat=") }
                .map { String($0.dropFirst("eenloket_apparaat=".count).prefix { $0 != ";" }) }
            remember("device cookie", try #require(device))
            // A party's page session.
            let filed = try await t.api.post("/api/v1/cases", object: t.filing())
            let link = try #require(filed["access_token"].string)
            remember("access token", link)
            let cookie = try await t.openLink(link)
            remember("party page session", String(cookie.dropFirst("eenloket_zaak=".count)))
            #expect(try await t.partyPage("/zaak", cookie: cookie).status == 200)
            return secrets
        }
        let lines = capture.lines
        #expect(lines.contains { $0.message == "login awaits a code" } && lines.contains { $0.message == "login code refused" })
        for leak in LogScanner.leaks(in: lines, of: secrets) {
            Issue.record("log line #\(leak.line) leaks \(leak.secret): \(leak.text.prefix(600))")
        }
    }

    /// The private link in the invitation the delivery worker spooled for `address`.
    static func waitForInvitation(in spool: String, to address: String) async throws -> String {
        for _ in 0..<150 {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []
            for file in files where file.hasSuffix(".eml") {
                guard let text = try? String(contentsOfFile: spool + "/" + file, encoding: .utf8), text.contains("<\(address)>"),
                    let token = TrustKit.partyToken(inMessage: text)
                else { continue }
                return token
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("no invitation to \(address) was spooled in \(spool)")
        throw CancellationError()
    }
}
