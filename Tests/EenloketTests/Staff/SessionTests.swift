import EenloketDomain
import Foundation
import Testing

@Suite("Sessions and login throttling")
struct SessionTests {
    @Test func loginReturnsATokenThatWorksUntilLogout() async throws {
        try await withApp { t in
            let reply = try await t.api.post("/api/v1/sessions", object: ["email": "ADMIN@eenloket.test", "password": t.adminPassword])
            #expect(reply.status == 201, "\(reply.text)")
            #expect(reply["role"].string == "admin")
            let token = try #require(reply["token"].string)
            #expect(token.count == 47)
            #expect(reply["expires_at"].string == Timestamp.format(t.clock.now().addingTimeInterval(8 * 3600)))
            // Stored only as a hash.
            let stored = try await t.sql("SELECT count(*)::int FROM staff_sessions WHERE token_hash = \(AccessToken.hash(token))")
            #expect(try stored[0].decode(Int.self) == 1)
            #expect(try await t.api.get("/api/v1/staff/\(reply["staff_id"].string!)", token: token).status == 200)
            #expect(try await t.api.delete("/api/v1/sessions/current", token: token).status == 204)
            expectProblem(try await t.api.get("/api/v1/staff/\(reply["staff_id"].string!)", token: token), 401)
            expectProblem(try await t.api.delete("/api/v1/sessions/current", token: token), 401)
        }
    }

    @Test func unknownAddressAndWrongPasswordLookTheSame() async throws {
        try await withApp { t in
            let unknown = try await t.api.post("/api/v1/sessions", object: ["email": "niemand@eenloket.test", "password": "wat-dan-ook-12"])
            let wrong = try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": "fout-wachtwoord-1"])
            expectProblem(unknown, 401)
            expectProblem(wrong, 401)
            #expect(unknown.text == wrong.text)
        }
    }

    @Test func tokensExpire() async throws {
        try await withApp { t in
            let token = try await t.adminToken()
            let me = try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": t.adminPassword])
            let id = try #require(me["staff_id"].string)
            t.clock.advance(by: 8 * 3600 - 1)
            #expect(try await t.api.get("/api/v1/staff/\(id)", token: token).status == 200)
            t.clock.advance(by: 2)
            expectProblem(try await t.api.get("/api/v1/staff/\(id)", token: token), 401)
        }
    }

    @Test func tenFailuresThrottleTheAddressUntilTheWindowPasses() async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            let other = try await t.api.post(
                "/api/v1/staff", object: ["email": "ander@eenloket.test", "name": "Ander", "password": "sterk-wachtwoord-12", "role": "inspector"],
                token: admin)
            #expect(other.status == 201)
            for _ in 0..<10 {
                expectProblem(try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": "fout-wachtwoord-1"]), 401)
            }
            let blocked = try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": t.adminPassword])
            expectProblem(blocked, 429)
            let retry = try #require(blocked.headers[.retryAfter].flatMap(Int.init))
            #expect(retry > 0 && retry <= 15 * 60)
            // Other addresses are not affected.
            #expect(try await t.api.post("/api/v1/sessions", object: ["email": "ander@eenloket.test", "password": "sterk-wachtwoord-12"]).status == 201)
            t.clock.advance(by: 15 * 60 + 1)
            #expect(try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": t.adminPassword]).status == 201)
        }
    }

    @Test func concurrentGuessesCannotSlipPastTheLimit() async throws {
        try await withApp { t in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<25 {
                    group.addTask {
                        try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": "fout-wachtwoord-1"]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 401 }.count == 10, "\(statuses.sorted())")
            #expect(statuses.filter { $0 == 429 }.count == 15, "\(statuses.sorted())")
        }
    }

    @Test func deactivatedAccountsCannotLogInAndTheirTokensStop() async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer)
            let admin = try await t.adminToken()
            let email = try #require(try await t.api.get("/api/v1/staff/\(intake.id)", token: admin)["email"].string)
            #expect(try await t.api.get("/api/v1/cases", token: intake.token).status == 200)
            #expect(try await t.api.patch("/api/v1/staff/\(intake.id)", object: ["active": false], token: admin).status == 200)
            expectProblem(try await t.api.get("/api/v1/cases", token: intake.token), 401)
            expectProblem(try await t.api.post("/api/v1/sessions", object: ["email": email, "password": "sterk-wachtwoord-12"]), 401)
        }
    }

    @Test func adminFromTheEnvironmentIsResetAtStart() async throws {
        let database = try await TestDatabase.shared.freshDatabase()
        try await withApp(database: database) { t in
            let token = try await t.adminToken()
            let me = try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": t.adminPassword])
            // Not through the account API: one's own password needs the current one (a stolen session cannot lock the admin out).
            expectProblem(try await t.api.patch("/api/v1/staff/\(me["staff_id"].string!)", object: ["password": "ander-wachtwoord-99"], token: token), 403)
            let changed = try await t.api.post(
                "/api/v1/account/password", object: ["current_password": t.adminPassword, "new_password": "ander-wachtwoord-99"], token: token)
            #expect(changed.status == 204, "\(changed.text)")
            expectProblem(try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": t.adminPassword]), 401)
        }
        // A restart with the configured password makes it work again.
        try await withApp(database: database) { t in
            let login = try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": t.adminPassword])
            #expect(login.status == 201)
        }
    }
}
