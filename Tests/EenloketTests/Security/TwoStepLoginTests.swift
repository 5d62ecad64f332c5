import Crypto
import EenloketDomain
@testable import EenloketStore
import Foundation
import HTTPTypes
import Testing

/// Security finding M4: staff who reach medical data log in with a password
/// and a TOTP code (RFC 6238), sessions end when unused, passwords are not common.
@Suite("Security M4: two-step login for staff who see medical data")
struct TwoStepLoginTests {
    /// RFC 4648 base32, as authenticator apps read the secret.
    static func base32Decode(_ text: String) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0, value = 0
        var bytes: [UInt8] = []
        for character in text.uppercased() where character != "=" {
            guard let index = alphabet.firstIndex(of: character) else { continue }
            value = (value << 5) | index
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((value >> (bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return bytes
    }

    /// An authenticator app's code (RFC 6238: HMAC-SHA1, 30 s, 6 digits), written independently of the service.
    static func code(_ base32: String, at date: Date) -> String {
        var counter = UInt64(date.timeIntervalSince1970 / 30).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: base32Decode(base32))))
        let offset = Int(mac[19] & 0x0f)
        let number = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let text = String(number % 1_000_000)
        return String(repeating: "0", count: 6 - text.count) + text
    }

    func password(_ t: TestContext, _ email: String, _ password: String) async throws -> Reply {
        try await t.api.post("/api/v1/sessions", object: ["email": email, "password": password])
    }

    func code(_ t: TestContext, _ challenge: String, _ code: String) async throws -> Reply {
        try await t.api.post("/api/v1/sessions", object: ["challenge": challenge, "code": code])
    }

    /// An account made by the admin (whose own login is then two-step as well).
    func account(_ t: TestContext, _ role: StaffRole, panel: [String: Any]? = nil) async throws -> String {
        let email = "\(role.rawValue)-\(UUID().uuidString.prefix(6).lowercased())@eenloket.test"
        var body: [String: Any] = ["email": email, "name": "Twee Stap", "password": "twee-stappen-ww-12", "role": role.rawValue]
        if let panel { body["panel"] = panel }
        let created = try await t.api.post("/api/v1/staff", object: body, token: try await adminSession(t))
        #expect(created.status == 201, "\(created.text)")
        return email
    }

    /// A session of the admin: enrolling the first time, afterwards with a code
    /// from the stored secret (standing in for the admin's app).
    func adminSession(_ t: TestContext) async throws -> String {
        try await enrolledLogin(t, t.adminEmail, t.adminPassword, secret: try await storedSecret(t, t.adminEmail)).token
    }

    /// Logs in, enrolling first when needed; returns the session token and the secret.
    func enrolledLogin(_ t: TestContext, _ email: String, _ pass: String, secret: String? = nil) async throws -> (token: String, secret: String) {
        let first = try await password(t, email, pass)
        #expect(first.status == 200, "\(first.text)")
        let challenge = try #require(first["challenge"].string)
        let base32 = try #require(first["secret"].string ?? secret, "no secret to compute a code with")
        let done = try await code(t, challenge, Self.code(base32, at: t.clock.now()))
        #expect(done.status == 201, "\(done.text)")
        t.clock.advance(by: 30)  // a code works once: the next login is a step later
        return (try #require(done["token"].string), base32)
    }

    /// An enrolled account's secret in base32, read from the database.
    func storedSecret(_ t: TestContext, _ email: String) async throws -> String? {
        let rows = try await t.sql("SELECT id FROM staff WHERE email = \(email)")
        guard let id = try rows.first?.decode(UUID.self), let raw = try await t.deps.twoStep.enrolledSecret(of: id) else { return nil }
        return Self.base32Encode(Array(raw.utf8))
    }

    @Test func staffWhoSeeMedicalDataEnrolAndThenLogInWithACode() async throws {
        try await withApp(configure: { $0.staffOTP = true }) { t in
            // Enrolment: the secret and its otpauth URI, then a code from the app finishes it.
            let first = try await password(t, t.adminEmail, t.adminPassword)
            #expect(first.status == 200 && first["otp"].string == "enrol", "\(first.text)")
            #expect(first.json.has("token") == false)
            let secret = try #require(first["secret"].string)
            let uri = try #require(first["otpauth_uri"].string)
            #expect(uri.hasPrefix("otpauth://totp/") && uri.contains("secret=\(secret)") && uri.contains("issuer=Eenloket"))
            #expect(first["expires_at"].string == Timestamp.format(t.clock.now().addingTimeInterval(300)))
            let challenge = try #require(first["challenge"].string)
            expectProblem(try await code(t, challenge, "000000" == Self.code(secret, at: t.clock.now()) ? "111111" : "000000"), 401)
            let enrolled = try await code(t, challenge, Self.code(secret, at: t.clock.now()))
            #expect(enrolled.status == 201, "\(enrolled.text)")
            let recovery = enrolled["recovery_codes"].array.compactMap(\.string)
            #expect(recovery.count == 10 && Set(recovery).count == 10)
            #expect(try await t.api.get("/api/v1/cases", token: try #require(enrolled["token"].string)).status == 200)
            // The challenge was single-use.
            expectProblem(try await code(t, challenge, Self.code(secret, at: t.clock.now())), 401)

            // Later: the code only, no secret; one step of clock difference is fine.
            t.clock.advance(by: 60)
            let again = try await password(t, t.adminEmail, t.adminPassword)
            #expect(again["otp"].string == "required" && !again.json.has("secret"))
            let late = Self.code(secret, at: t.clock.now().addingTimeInterval(-30))
            let loggedIn = try await code(t, try #require(again["challenge"].string), late)
            #expect(loggedIn.status == 201 && !loggedIn.json.has("recovery_codes"), "\(loggedIn.text)")
            // The same code cannot be used twice, even on a new challenge.
            let replay = try await password(t, t.adminEmail, t.adminPassword)
            expectProblem(try await code(t, try #require(replay["challenge"].string), late), 401)
            // A recovery code works in place of the code, once.
            let lost = try await password(t, t.adminEmail, t.adminPassword)
            #expect(try await code(t, try #require(lost["challenge"].string), recovery[3].uppercased()).status == 201)
            let lostAgain = try await password(t, t.adminEmail, t.adminPassword)
            expectProblem(try await code(t, try #require(lostAgain["challenge"].string), recovery[3]), 401)
        }
    }

    @Test func onlyTheRolesThatSeeMedicalDataNeedACode() async throws {
        try await withApp(configure: { $0.staffOTP = true }) { t in
            let physician: [String: Any] = [
                "discipline": "bedrijfsarts", "big_number": "49012345601", "registered_since": "2012-03-01", "affiliations": [], "max_open_cases": 5,
            ]
            let deskundige: [String: Any] = ["discipline": "arbeidsdeskundige", "affiliations": [], "max_open_cases": 5]
            for (role, panel, twoStep) in [
                (StaffRole.intakeOfficer, nil, true), (.panelMember, physician, true), (.panelMember, deskundige, false),
                (.coordinator, nil, false), (.inspector, nil, false),
            ] as [(StaffRole, [String: Any]?, Bool)] {
                let email = try await account(t, role, panel: panel)
                let reply = try await password(t, email, "twee-stappen-ww-12")
                #expect(reply.status == (twoStep ? 200 : 201), "\(role) \(panel?["discipline"] ?? ""): \(reply.text)")
            }
            // Wrong credentials stay 401, the same for an unknown address.
            let wrong = try await password(t, t.adminEmail, "fout-wachtwoord-12")
            let unknown = try await password(t, "niemand@eenloket.test", "fout-wachtwoord-12")
            expectProblem(wrong, 401)
            #expect(wrong.text == unknown.text)
        }
    }

    @Test func fiveWrongCodesOrFiveMinutesEndAChallenge() async throws {
        try await withApp(configure: { $0.staffOTP = true }) { t in
            let first = try await password(t, t.adminEmail, t.adminPassword)
            let secret = try #require(first["secret"].string)
            let challenge = try #require(first["challenge"].string)
            let right = Self.code(secret, at: t.clock.now())
            let wrong = right == "123456" ? "654321" : "123456"
            for _ in 0..<5 { expectProblem(try await code(t, challenge, wrong), 401) }
            expectProblem(try await code(t, challenge, right), 401)

            let second = try await password(t, t.adminEmail, t.adminPassword)
            t.clock.advance(by: 5 * 60 + 1)
            expectProblem(try await code(t, try #require(second["challenge"].string), Self.code(try #require(second["secret"].string), at: t.clock.now())), 401)
        }
    }

    @Test func anAdminUnlinksALostAppAndTheHolderEnrolsAgain() async throws {
        try await withApp(configure: { $0.staffOTP = true }) { t in
            let email = try await account(t, .intakeOfficer)
            let holder = try await enrolledLogin(t, email, "twee-stappen-ww-12")
            // The holder's stored secret is what its app computes from.
            #expect(try await storedSecret(t, email) == holder.secret)
            let intakeId = try await t.sql("SELECT id FROM staff WHERE email = \(email)")[0].decode(UUID.self).uuidString.lowercased()
            let admin = try await adminSession(t)
            expectProblem(try await t.api.delete("/api/v1/staff/\(intakeId)/otp", token: holder.token), 403)
            #expect(try await t.api.delete("/api/v1/staff/\(intakeId)/otp", token: admin).status == 204)
            expectProblem(try await t.api.get("/api/v1/cases", token: holder.token), 401)
            let next = try await password(t, email, "twee-stappen-ww-12")
            #expect(next["otp"].string == "enrol" && next["secret"].string != holder.secret)
            let events = try await t.api.get("/api/v1/staff/\(intakeId)/events", token: admin)["items"].array
            #expect(events.contains { $0["change"].string == "otp_reset" }, "\(events)")
            let told = try await t.sql("SELECT count(*)::int FROM notifications WHERE recipient_email = \(email) AND kind = 'account_otp_reset'")
            #expect(try told[0].decode(Int.self) == 1)
        }
    }

    static func base32Encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var out = "", value = 0, bits = 0
        for byte in bytes {
            value = (value << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[(value >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[(value << (5 - bits)) & 31]) }
        return out
    }

    @Test func thePagesTakeTheSameTwoSteps() async throws {
        try await withApp(configure: { $0.staffOTP = true }) { t in
            let form = String(repeating: "5", count: 32)
            let cookie = "eenloket_formulier=\(form)"
            func post(_ path: String, _ fields: [(String, String)]) async throws -> Reply {
                try await WebPageTests().postForm(t, path, fields + [("csrf", form), ("terug", "/medewerkers/zaken")], cookie: cookie)
            }
            func hidden(_ name: String, in page: Reply) throws -> String {
                let pattern = try Regex("name=\"\(name)\" value=\"([^\"]+)\"")
                return try #require(page.text.firstMatch(of: pattern)?.output[1].substring.map(String.init))
            }
            let enrol = try await post("/medewerkers/inloggen", [("email", t.adminEmail), ("password", t.adminPassword)])
            #expect(enrol.status == 200 && enrol.text.contains("Inlogcode-app koppelen"), "\(enrol.text.prefix(300))")
            #expect(enrol.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("eenloket_sessie=") }, "no session before the code")
            let secret = try hidden("secret", in: enrol)
            let challenge = try hidden("challenge", in: enrol)
            let right = Self.code(secret, at: t.clock.now())
            let wrong = try await post(
                "/medewerkers/inloggen/code",
                [("challenge", challenge), ("code", right == "000000" ? "111111" : "000000"), ("secret", secret), ("otpauth_uri", "x")])
            #expect(wrong.status == 401 && wrong.text.contains("Deze code klopt niet") && wrong.text.contains(Self.groupsOf(secret)))
            let done = try await post("/medewerkers/inloggen/code", [("challenge", challenge), ("code", right)])
            #expect(done.status == 200 && done.text.contains("Bewaar uw herstelcodes"))
            let codes = done.text.matches(of: /<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/code>/).map { String($0.output.1) }
            #expect(codes.count == 10)
            let session = try #require(done.headers[values: .setCookie].first { $0.hasPrefix("eenloket_sessie=") })
            let queue = try await t.api.request(.get, "/medewerkers/zaken", headers: [.cookie: String(session.prefix { $0 != ";" })])
            #expect(queue.status == 200)
            // Next time: the code page without a secret; a recovery code logs in.
            let next = try await post("/medewerkers/inloggen", [("email", t.adminEmail), ("password", t.adminPassword)])
            #expect(next.text.contains("Inlogcode") && !next.text.contains("name=\"secret\""))
            let recovered = try await post("/medewerkers/inloggen/code", [("challenge", try hidden("challenge", in: next)), ("code", codes[0])])
            #expect(recovered.status == 303 && recovered.headers[.location] == "/medewerkers/zaken")
        }
    }

    static func groupsOf(_ secret: String) -> String {
        stride(from: 0, to: secret.count, by: 4).map { String(secret.dropFirst($0).prefix(4)) }.joined(separator: " ")
    }

    @Test func unusedSessionsEndAfterTheIdleTimeout() async throws {
        try await withApp(configure: { $0.sessionIdleTimeout = 30 * 60 }) { t in
            let token = try await t.adminToken()
            for _ in 0..<3 {
                t.clock.advance(by: 25 * 60)
                #expect(try await t.api.get("/api/v1/cases", token: token).status == 200, "used within the idle time, it lasts")
            }
            t.clock.advance(by: 31 * 60)
            expectProblem(try await t.api.get("/api/v1/cases", token: token), 401)
        }
    }

    @Test func commonAndEmptyPasswordsAreRefused() async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            for weak in ["aaaaaaaaaaaaaa", "              ", "qwerty123456", "welkom123456!", "Wachtwoord2026"] {
                let reply = try await t.api.post(
                    "/api/v1/staff", object: ["email": "zwak@eenloket.test", "name": "Zwak", "password": weak, "role": "inspector"], token: admin)
                expectProblem(reply, 422)
                #expect(reply["errors"][0]["field"].string == "password", "\(weak): \(reply.text)")
            }
            #expect(PasswordPolicy.blocklistLoaded)
            #expect(PasswordPolicy.problem("een zin van een paar woorden") == nil)
        }
    }
}
