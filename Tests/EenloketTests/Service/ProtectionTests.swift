import EenloketDomain
@testable import EenloketHTTP
import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@Suite("Protection against floods and hangs")
struct ProtectionTests {
    @Test func anonymousFilingsAreLimitedPerAddressPerHour() async throws {
        try await withApp(configure: { $0.filingsPerHourPerAddress = 3; $0.trustForwardedFor = true }) { t in
            // The proxy appends the address it saw; what the client wrote before it does not count.
            let from = { (address: String) -> HTTPFields in [HTTPField.Name("X-Forwarded-For")!: "203.0.113.\(Int.random(in: 1...254)), \(address)"] }
            for _ in 0..<3 {
                #expect(try await t.api.post("/api/v1/cases", object: t.filing(), headers: from("192.0.2.7")).status == 201)
            }
            let refused = try await t.api.post("/api/v1/cases", object: t.filing(), headers: from("192.0.2.7"))
            expectProblem(refused, 429)
            let retry = try #require(refused.headers[.retryAfter].flatMap(Int.init))
            #expect(retry > 0 && retry <= 3600)
            // Another address files as usual, and the first may file again once the hour has passed.
            #expect(try await t.api.post("/api/v1/cases", object: t.filing(), headers: from("198.51.100.9")).status == 201)
            t.clock.advance(by: 3601)
            #expect(try await t.api.post("/api/v1/cases", object: t.filing(), headers: from("192.0.2.7")).status == 201)
        }
    }

    @Test func retriesAndRefusedBodiesDoNotCountAgainstTheLimit() async throws {
        try await withApp(configure: { $0.filingsPerHourPerAddress = 2 }) { t in
            // A client that retries with its Idempotency-Key files once and is counted once.
            let keyed: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "poging-1"]
            let body = t.filing()
            let first = try await t.api.post("/api/v1/cases", object: body, headers: keyed)
            #expect(first.status == 201)
            for _ in 0..<3 {
                #expect(try await t.api.post("/api/v1/cases", object: body, headers: keyed)["id"] == first["id"])
            }
            // Bodies that are refused file nothing and are not counted either.
            for _ in 0..<4 {
                expectProblem(try await t.api.post("/api/v1/cases", object: ["filer_role": "niemand"]), 422)
            }
            #expect(try await t.api.post("/api/v1/cases", object: t.filing()).status == 201)
            // That was the second new case: the third is refused.
            expectProblem(try await t.api.post("/api/v1/cases", object: t.filing()), 429)
            // Over the limit, a retry of a filed key still gets its answer (and its access token);
            // an unknown key does not get past the limit.
            let retry = try await t.api.post("/api/v1/cases", object: body, headers: keyed)
            #expect(retry.status == 201 && retry["id"] == first["id"] && retry["access_token"] == first["access_token"])
            let unknown: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "poging-2"]
            expectProblem(try await t.api.post("/api/v1/cases", object: t.filing(), headers: unknown), 429)
        }
    }

    /// Parallel requests reserve their slots before they are read: no burst gets past the limit.
    @Test func aBurstOfParallelFilingsStaysWithinTheLimit() async throws {
        try await withApp(configure: { $0.filingsPerHourPerAddress = 5 }) { t in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 { group.addTask { try await t.api.post("/api/v1/cases", object: t.filing()).status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 5, "\(statuses.sorted())")
            #expect(statuses.filter { $0 == 429 }.count == 15)
        }
    }

    @Test func forwardedForIsIgnoredUnlessTheProxyIsTrusted() async throws {
        try await withApp(configure: { $0.filingsPerHourPerAddress = 2 }) { t in
            // Without trust every request counts for the peer, whatever header a client makes up.
            for address in ["192.0.2.1", "192.0.2.2"] {
                let headers: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: address]
                #expect(try await t.api.post("/api/v1/cases", object: t.filing(), headers: headers).status == 201)
            }
            let headers: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: "192.0.2.3"]
            expectProblem(try await t.api.post("/api/v1/cases", object: t.filing(), headers: headers), 429)
        }
    }

    @Test func loginFailuresAreLimitedPerAddressAcrossAccounts() async throws {
        try await withApp(configure: { $0.loginFailuresPerAddress = 5 }) { t in
            // One address guessing many accounts (password spraying) is stopped, not only one account.
            for n in 0..<5 {
                expectProblem(try await t.api.post("/api/v1/sessions", object: ["email": "gok\(n)@example.nl", "password": "fout-wachtwoord-1"]), 401)
            }
            let blocked = try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": t.adminPassword])
            expectProblem(blocked, 429)
            #expect(blocked.headers[.retryAfter] != nil)
        }
    }

    @Test func aHangingRequestIsAnswered503AndItsWorkCancelled() async throws {
        let cancelled = Mutex(false)
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.get("/api/v1/slow") { _, _ -> String in
            do {
                try await Task.sleep(for: .seconds(30))
            } catch {
                cancelled.withLock { $0 = true }
                throw error
            }
            return "too late"
        }
        // Work that ignores cancellation (as a query on a connection the database cut can) must not hold the answer.
        router.get("/stuck") { _, _ -> String in
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().asyncAfter(deadline: .now() + 5) { done.resume() }
            }
            return "much too late"
        }
        router.get("/fast") { _, _ in "ok" }
        // An upload's body may take minutes: a multipart POST gets the upload timeout instead.
        router.post("/zaak/stukken") { _, _ -> String in
            try await Task.sleep(for: .milliseconds(600))
            return "stored"
        }
        let app = Application(responder: TimeoutResponder(base: router.buildResponder(), timeout: .milliseconds(200), uploadTimeout: .seconds(5)))
        try await app.test(.router) { client in
            let started = ContinuousClock.now
            let slow = try await client.executeRequest(uri: "/api/v1/slow", method: .get, headers: [:], body: nil)
            #expect(slow.status == .serviceUnavailable)
            #expect(slow.headers[.retryAfter] != nil)
            #expect(slow.headers[.contentType] == "application/problem+json")
            #expect(ContinuousClock.now - started < .seconds(10))
            // The cancelled handler runs its catch on its own task: give it a moment on a busy machine.
            for _ in 0..<100 where !cancelled.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
            #expect(cancelled.withLock { $0 }, "the handler kept running after its answer")
            let stuckStart = ContinuousClock.now
            let stuck = try await client.executeRequest(uri: "/stuck", method: .get, headers: [:], body: nil)
            #expect(stuck.status == .serviceUnavailable)
            #expect(ContinuousClock.now - stuckStart < .seconds(3), "the answer waited for work that ignores cancellation")
            #expect(stuck.headers[.contentType]?.hasPrefix("text/html") == true, "a page gets a page")
            let fast = try await client.executeRequest(uri: "/fast", method: .get, headers: [:], body: nil)
            #expect(fast.status == .ok)
            let upload = try await client.executeRequest(
                uri: "/zaak/stukken", method: .post, headers: [.contentType: "multipart/form-data; boundary=x"], body: nil)
            #expect(upload.status == .ok, "an upload is not cut off by the request timeout")
            let json = try await client.executeRequest(uri: "/zaak/stukken", method: .post, headers: [.contentType: "application/json"], body: nil)
            #expect(json.status == .serviceUnavailable, "any other request is")
        }
    }
}
