import EenloketDomain
import Foundation
import Testing

@Suite("Staff accounts and admission")
struct StaffTests {
    func panel(_ changes: [String: Any] = [:]) -> [String: Any] {
        var p: [String: Any] = [
            "discipline": "bedrijfsarts", "big_number": "49012345601", "registered_since": "2012-03-01",
            "affiliations": ["ArboNed", "12345678"], "max_open_cases": 5,
        ]
        for (k, v) in changes { p[k] = v }
        return p
    }

    func account(_ role: String, panel: [String: Any]? = nil, email: String? = nil) -> [String: Any] {
        var body: [String: Any] = [
            "email": email ?? "\(UUID().uuidString.prefix(8))@eenloket.test", "name": "Dr. Test", "password": "sterk-wachtwoord-12",
            "role": role,
        ]
        if let panel { body["panel"] = panel }
        return body
    }

    @Test func createReturnsTheAccountWithoutPassword() async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            let reply = try await t.api.post("/api/v1/staff", object: account("panel_member", panel: panel()), token: admin)
            #expect(reply.status == 201, "\(reply.text)")
            #expect(reply["role"].string == "panel_member")
            #expect(reply["active"].bool == true)
            #expect(reply["panel"]["discipline"].string == "bedrijfsarts")
            #expect(reply["panel"]["max_open_cases"].int == 5)
            #expect(!reply.text.contains("sterk-wachtwoord"))
            #expect(!reply.json.has("password") && !reply.json.has("password_hash"))
            let id = try #require(reply["id"].string)
            let shown = try await t.api.get("/api/v1/staff/\(id)", token: admin)
            #expect(shown.json == reply.json)
        }
    }

    @Test func admissionRules() async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            func expectField(_ body: [String: Any], _ field: String) async throws {
                let reply = try await t.api.post("/api/v1/staff", object: body, token: admin)
                expectProblem(reply, 422)
                #expect(reply["errors"].array.contains { $0["field"].string == field }, "\(field): \(reply.text)")
            }
            // Five full years: 2021-11-23 is exactly five years before the test day.
            #expect(try await t.api.post("/api/v1/staff", object: account("panel_member", panel: panel(["registered_since": "2021-11-23"])), token: admin).status == 201)
            try await expectField(account("panel_member", panel: panel(["registered_since": "2021-11-24"])), "panel.registered_since")
            try await expectField(account("panel_member", panel: panel(["big_number": "1234567890"])), "panel.big_number")
            try await expectField(account("panel_member", panel: panel(["big_number": NSNull()])), "panel.big_number")
            try await expectField(account("panel_member", panel: panel(["max_open_cases": 0])), "panel.max_open_cases")
            try await expectField(account("panel_member", panel: panel(["max_open_cases": 51])), "panel.max_open_cases")
            try await expectField(account("panel_member", panel: panel(["discipline": "tandarts"])), "panel.discipline")
            try await expectField(account("panel_member"), "panel")
            try await expectField(account("intake_officer", panel: panel()), "panel")
            var shortPassword = account("intake_officer")
            shortPassword["password"] = "elf-tekens!"
            try await expectField(shortPassword, "password")
            // An arbeidsdeskundige needs no BIG number and no five years.
            #expect(try await t.api.post(
                "/api/v1/staff",
                object: account("panel_member", panel: ["discipline": "arbeidsdeskundige", "registered_since": "2025-01-01", "max_open_cases": 50]),
                token: admin
            ).status == 201)
        }
    }

    @Test func emailInUseIgnoringCaseIsAConflict() async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            #expect(try await t.api.post("/api/v1/staff", object: account("intake_officer", email: "Dubbel@Eenloket.test"), token: admin).status == 201)
            expectProblem(try await t.api.post("/api/v1/staff", object: account("coordinator", email: "dubbel@eenloket.TEST"), token: admin), 409)
            let count = try await t.sql("SELECT count(*)::int FROM staff WHERE lower(email) = 'dubbel@eenloket.test'")
            #expect(try count[0].decode(Int.self) == 1)
        }
    }

    @Test func whoMayManageWhichAccounts() async throws {
        try await withApp { t in
            let coordinator = try await t.staff(.coordinator).token
            #expect(try await t.api.post("/api/v1/staff", object: account("intake_officer"), token: coordinator).status == 201)
            #expect(try await t.api.post("/api/v1/staff", object: account("panel_member", panel: panel()), token: coordinator).status == 201)
            for role in ["admin", "coordinator", "inspector"] {
                expectProblem(try await t.api.post("/api/v1/staff", object: account(role), token: coordinator), 403)
            }
            for role in [StaffRole.intakeOfficer, .panelMember, .inspector] {
                let token = role == .panelMember ? try await t.member(.bedrijfsarts).token : try await t.staff(role).token
                expectProblem(try await t.api.post("/api/v1/staff", object: account("intake_officer"), token: token), 403)
            }
            let filer = try await t.file()
            expectProblem(try await t.api.post("/api/v1/staff", object: account("intake_officer"), token: filer.token), 403)
            expectProblem(try await t.api.post("/api/v1/staff", object: account("intake_officer")), 401)
            // A coordinator cannot change an admin account.
            let me = try await t.api.post("/api/v1/sessions", object: ["email": t.adminEmail, "password": t.adminPassword])
            expectProblem(try await t.api.patch("/api/v1/staff/\(me["staff_id"].string!)", object: ["active": false], token: coordinator), 403)
            #expect(try await t.api.get("/api/v1/staff/\(me["staff_id"].string!)", token: coordinator).status == 200)
            expectProblem(try await t.api.get("/api/v1/staff/\(UUID().uuidString)", token: coordinator), 404)
        }
    }

    @Test func patchRules() async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            let member = try await t.member(.bedrijfsarts)
            let reply = try await t.api.patch(
                "/api/v1/staff/\(member.id)", object: ["name": "Dr. Nieuwe Naam", "panel": ["affiliations": ["Zilveren Kruis"]]], token: admin)
            #expect(reply.status == 200)
            #expect(reply["name"].string == "Dr. Nieuwe Naam")
            #expect(reply["panel"]["affiliations"].array == [.string("Zilveren Kruis")])
            #expect(reply["panel"]["discipline"].string == "bedrijfsarts")
            let role = try await t.api.patch("/api/v1/staff/\(member.id)", object: ["role": "admin"], token: admin)
            expectProblem(role, 422)
            let discipline = try await t.api.patch("/api/v1/staff/\(member.id)", object: ["panel": ["discipline": "verzekeringsarts"]], token: admin)
            expectProblem(discipline, 422)
            let intake = try await t.staff(.intakeOfficer)
            expectProblem(try await t.api.patch("/api/v1/staff/\(intake.id)", object: ["panel": ["max_open_cases": 3]], token: admin), 422)
            expectProblem(try await t.api.patch("/api/v1/staff/\(intake.id)", object: ["active": "nee"], token: admin), 400)
        }
    }
}
