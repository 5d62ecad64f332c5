import EenloketDomain
import EenloketHTTP
import HummingbirdTesting
import Foundation
import Testing

/// Security finding H2: a coordinator must not be able to take over an account
/// that sees medical data; every staff change is on record and told to its holder.
@Suite("Security H2: staff accounts cannot be taken over")
struct StaffTakeoverTests {
    /// An intake officer (who sees medical data) with a known password; returns (id, email, token).
    func intakeOfficer(_ t: TestContext) async throws -> (id: String, email: String, token: String) {
        let email = "ingrid-\(UUID().uuidString.prefix(6).lowercased())@eenloket.test"
        let created = try await t.api.post(
            "/api/v1/staff",
            object: ["email": email, "name": "Ingrid de Wit", "password": "intake-wachtwoord-12", "role": "intake_officer"],
            token: try await t.adminToken())
        #expect(created.status == 201)
        return (try #require(created["id"].string), email, try await t.login(email, "intake-wachtwoord-12"))
    }

    func staffMail(_ t: TestContext, to address: String) async throws -> [String] {
        let rows = try await t.sql("SELECT subject FROM notifications WHERE recipient_email = \(address) AND case_id IS NULL ORDER BY id")
        return try rows.map { try $0.decode(String.self) }
    }

    @Test func aCoordinatorCannotSetAnotherAccountsPasswordOrEmail() async throws {
        try await withApp { t in
            let coordinator = try await t.staff(.coordinator).token
            let intake = try await intakeOfficer(t)
            let takeover = try await t.api.patch("/api/v1/staff/\(intake.id)", object: ["password": "overname-wachtwoord-1"], token: coordinator)
            expectProblem(takeover, 403)
            expectProblem(try await t.api.patch("/api/v1/staff/\(intake.id)", object: ["email": "coord@evil.example"], token: coordinator), 403)
            // Nothing changed: the attacker's password does not work, the officer's still does.
            let attempt = try await t.api.post("/api/v1/sessions", object: ["email": intake.email, "password": "overname-wachtwoord-1"])
            expectProblem(attempt, 401)
            #expect(try await t.view(try await t.file().id, token: intake.token).status == 200, "the officer's session still works")
            #expect(try await t.api.post("/api/v1/sessions", object: ["email": intake.email, "password": "intake-wachtwoord-12"]).status == 201)
            // A coordinator still manages what it may: the name and whether the account is active.
            #expect(try await t.api.patch("/api/v1/staff/\(intake.id)", object: ["name": "Ingrid de Wit-Jansen"], token: coordinator).status == 200)
        }
    }

    @Test func anAdminsPasswordChangeEndsEverySessionAndIsToldAndRecorded() async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            let adminId = try #require(try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": t.adminPassword])["staff_id"].string)
            let intake = try await intakeOfficer(t)
            let second = try await t.login(intake.email, "intake-wachtwoord-12")
            let changed = try await t.api.patch("/api/v1/staff/\(intake.id)", object: ["password": "nieuw-wachtwoord-voor-ingrid"], token: admin)
            #expect(changed.status == 200, "\(changed.text)")
            // Every session of the account ended at once.
            for token in [intake.token, second] {
                expectProblem(try await t.api.get("/api/v1/cases", token: token), 401)
            }
            #expect(try await t.api.post("/api/v1/sessions", object: ["email": intake.email, "password": "nieuw-wachtwoord-voor-ingrid"]).status == 201)
            // The holder is told by e-mail.
            #expect(try await staffMail(t, to: intake.email).contains("Uw wachtwoord voor Eenloket is gewijzigd"))
            // The change is on record, for admins only, without the password.
            let events = try await t.api.get("/api/v1/staff/\(intake.id)/events", token: admin)
            #expect(events.status == 200)
            let items = events["items"].array
            #expect(items.map { $0["change"].string } == ["created", "password_changed"], "\(events.text)")
            #expect(items[1]["actor_id"].string == adminId && items[1]["fields"].array == ["password"])
            #expect(!events.text.contains("nieuw-wachtwoord"))
            expectProblem(try await t.api.get("/api/v1/staff/\(intake.id)/events", token: try await t.staff(.coordinator).token), 403)
            expectProblem(try await t.api.get("/api/v1/staff/\(intake.id)/events", token: intake.token), 401)
        }
    }

    @Test func anEmailChangeEndsSessionsAndIsToldAtBothAddresses() async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            let intake = try await intakeOfficer(t)
            let newAddress = "ingrid.nieuw@eenloket.test"
            #expect(try await t.api.patch("/api/v1/staff/\(intake.id)", object: ["email": newAddress], token: admin).status == 200)
            expectProblem(try await t.api.get("/api/v1/cases", token: intake.token), 401)
            #expect(try await staffMail(t, to: intake.email).count == 1)
            #expect(try await staffMail(t, to: newAddress).count == 1)
            let events = try await t.api.get("/api/v1/staff/\(intake.id)/events", token: admin)["items"].array
            #expect(events.last?["change"].string == "updated" && events.last?["fields"].array == ["email"])
        }
    }

    @Test func anAccountHolderChangesTheirOwnPasswordWithTheCurrentOne() async throws {
        try await withApp { t in
            let intake = try await intakeOfficer(t)
            let path = "/api/v1/account/password"
            let wrong = try await t.api.post(path, object: ["current_password": "niet-mijn-wachtwoord", "new_password": "eigen-nieuw-wachtwoord"], token: intake.token)
            expectProblem(wrong, 422)
            #expect(wrong["errors"][0]["field"].string == "current_password")
            let done = try await t.api.post(path, object: ["current_password": "intake-wachtwoord-12", "new_password": "eigen-nieuw-wachtwoord"], token: intake.token)
            #expect(done.status == 204, "\(done.text)")
            expectProblem(try await t.api.get("/api/v1/cases", token: intake.token), 401)
            #expect(try await t.api.post("/api/v1/sessions", object: ["email": intake.email, "password": "eigen-nieuw-wachtwoord"]).status == 201)
            let events = try await t.api.get("/api/v1/staff/\(intake.id)/events", token: try await t.adminToken())["items"].array
            #expect(events.last?["change"].string == "password_changed" && events.last?["actor_id"].string == intake.id)
            #expect(try await staffMail(t, to: intake.email).contains("U heeft uw wachtwoord voor Eenloket gewijzigd"))
            expectProblem(try await t.api.post(path, object: ["current_password": "x", "new_password": "eigen-nieuw-wachtwoord"]), 401)
        }
    }

    @Test func theDatabaseEndsSessionsAndKeepsTheHistory() async throws {
        try await withApp { t in
            let intake = try await intakeOfficer(t)
            // Whatever changes a password, the sessions end.
            _ = try await t.sql("UPDATE staff SET password_hash = 'x' WHERE id = \(UUID(uuidString: intake.id)!)")
            expectProblem(try await t.api.get("/api/v1/cases", token: intake.token), 401)
            await expectSQLState("42501") { try await t.sql("UPDATE staff_events SET change = 'updated'") }
            await expectSQLState("42501") { try await t.sql("DELETE FROM staff_events") }
            await expectSQLState("23514") {
                try await t.sql(
                    "INSERT INTO staff_events (staff_id, at, change, fields) VALUES (\(UUID(uuidString: intake.id)!), now(), 'updated', '{password_hash}')")
            }
        }
    }

    @Test func restartingWithTheSameAdministratorEndsNoSession() async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            let config = testConfiguration()
            // A second instance starting with the same first administrator.
            let (second, _) = try makeApplication(config, postgres: t.postgres, clock: t.clock, logger: testLogger)
            try await second.test(.router) { _ in }
            #expect(try await t.api.get("/api/v1/cases", token: admin).status == 200)
            let adminId = try #require(try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": t.adminPassword])["staff_id"].string)
            let events = try await t.api.get("/api/v1/staff/\(adminId)/events", token: admin)["items"].array
            #expect(events.map { $0["change"].string } == ["created"])
        }
    }
}
