import EenloketDomain
@testable import EenloketHTTP
import Foundation
import HTTPTypes
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The low findings of the security test: CSV formulas, `/metrics` from
/// outside, slow clients, look-alike staff addresses, and what the employer's
/// history reveals (spooled mail's file mode is checked with finding H1).
@Suite("Security: the low findings")
struct LowFindingsTests {
    @Test func csvCellsCannotRunAsFormulas() {
        for risky in ["=1+1", "+31 20", "-cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1", "\r\n=1", "  =HYPERLINK(\"x\")", " \t+1"] {
            #expect(WebController.csvField(risky).drop { $0 == "\"" }.hasPrefix("'"), "\(risky.debugDescription) → \(WebController.csvField(risky))")
        }
        for plain in ["12", "-5", "0.25", "Bakkerij Jansen", "Werkgever - Noord"] {
            #expect(!WebController.csvField(plain).hasPrefix("'"), "\(plain)")
        }
    }

    @Test func metricsAreForThisMachineOrTheTokenHolder() async throws {
        let token = "meet-token-" + String(repeating: "x", count: 20)
        try await withApp(configure: { $0.metricsToken = token }) { t in
            // The router test client has no loopback peer: like a caller from outside.
            expectProblem(try await t.api.get("/metrics"), 403)
            expectProblem(try await t.api.get("/metrics", token: "meet-token-verkeerd-xxxxxxxxx"), 403)
            #expect(try await t.api.get("/metrics", token: token).status == 200)
        }
        try await withTrustApp(logger: testLogger) { t in
            // Over a real socket from 127.0.0.1: allowed; passed on by a proxy: not.
            #expect(try await t.api.get("/metrics").status == 200)
            let proxied = try await t.api.request(.get, "/metrics", headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.9"])
            expectProblem(proxied, 403)
        }
    }

    @Test func staffAddressesWithInvisibleOrLookAlikeLettersAreRefused() async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            for address in ["ingrid\u{200B}@eenloket.test", "ingr\u{0456}d@eenloket.test", "ingrid@eenl\u{043E}ket.test", "ingrid @eenloket.test"] {
                let reply = try await t.api.post(
                    "/api/v1/staff", object: ["email": address, "name": "Ingrid", "password": "sterk-wachtwoord-12", "role": "inspector"],
                    token: admin)
                expectProblem(reply, 422)
                #expect(reply["errors"][0]["field"].string == "email", "\(address.unicodeScalars.map { String($0.value, radix: 16) })")
            }
            let ok = try await t.api.post(
                "/api/v1/staff", object: ["email": "ingrid@eenloket.test", "name": "Ingrid", "password": "sterk-wachtwoord-12", "role": "inspector"],
                token: admin)
            #expect(ok.status == 201)
            expectProblem(try await t.api.patch("/api/v1/staff/\(ok["id"].string!)", object: ["email": "ingr\u{0456}d@eenloket.test"], token: admin), 422)
        }
    }

    @Test func theEmployersHistoryDoesNotRevealMedicalViews() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            let c = try await t.file(["employer": ["name": "Bakkerij Jansen B.V.", "kvk_number": "12345678", "email": "hr@jansen.example"]])
            let intake = try await t.staff(.intakeOfficer).token
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts], intake: intake).status == 200)
            _ = try await t.view(c.id, token: intake)  // a staff view of the medical fields
            let employer = try await HearingTests().deliverInvitation(t, caseId: c.id)
            func types(_ token: String) async throws -> [String] {
                try await t.api.get("/api/v1/cases/\(c.id)/events", token: token)["items"].array.compactMap { $0["type"].string }
            }
            #expect(try await types(intake).contains("medical_data_viewed"))
            #expect(try await types(c.token).contains("medical_data_viewed"), "the employee sees who read their medical data")
            let employersView = try await types(employer)
            #expect(!employersView.contains("medical_data_viewed") && employersView.contains("case_triaged"), "\(employersView)")
        }
    }

    @Test func aBodyShorterThanItsLengthGets408AndSlowClientsAreCutOff() async throws {
        try await withTrustApp(logger: testLogger, configure: {
            // The body deadline is then 7 s, against 503 at 9 s and a closed connection at 14 s (margins
            // of two seconds and more, so a loaded machine still tells the three apart).
            $0.requestTimeout = .seconds(9)
            $0.connectionTimeout = .seconds(14)
        }) { t in
            let port = try #require(t.api.client.port)
            // Announces 100 bytes, sends 10, then waits.
            let short = try RawClient(port: port)
            try short.send("POST /api/v1/cases HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"filer\":1")
            let started = ContinuousClock.now
            let answer = try short.receive(timeout: 16)
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer.prefix(200))")
            #expect(answer.contains("application/problem+json"))
            #expect(ContinuousClock.now - started < .seconds(14), "the body deadline, not the connection timeout")
            // Headers trickled one byte at a time never hold the connection past the timeout: the head
            // never ends, so only the server can end this loop early.
            let trickle = try RawClient(port: port)
            let begun = ContinuousClock.now
            var closed = false
            for byte in "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".utf8 + Array(repeating: UInt8(ascii: "a"), count: 400) {
                if (try? trickle.send([byte])) == nil || trickle.isClosed() { closed = true; break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(closed, "a request head that never ends is cut off (after \(ContinuousClock.now - begun))")
            // Meanwhile the service answers as ever (on a new connection: the test client's idle one was closed too).
            let fresh = try RawClient(port: port)
            try fresh.send("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(try fresh.receive(timeout: 3).hasPrefix("HTTP/1.1 200"))
        }
    }
}

/// A plain TCP client, for requests no HTTP library would send.
final class RawClient {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXFailure(call: "connect") }
    }

    deinit { close(fd) }

    struct POSIXFailure: Error { let call: String }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw POSIXFailure(call: "send") }
    }

    /// Whatever arrives within `timeout` seconds (until the peer closes or goes quiet).
    func receive(timeout: Double) throws -> String {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else {
                if !received.isEmpty { break }
                continue
            }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Whether the peer closed the connection.
    func isClosed() -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 0) > 0 else { return false }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK)) <= 0
    }
}
