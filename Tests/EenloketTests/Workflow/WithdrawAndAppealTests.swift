import EenloketDomain
import Foundation
import Testing

@Suite("Withdrawal and appeal")
struct WithdrawAndAppealTests {
    @Test func filerWithdrawsAndThePanelLosesAccess() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            try await t.member(.verzekeringsarts)
            let c = try await t.file()
            #expect(try await t.accept(c.id)["status"].string == "in_review")
            #expect(try await t.view(c.id, token: chair.token).status == 200)
            let staffTry = try await t.api.post("/api/v1/cases/\(c.id)/withdraw", token: try await t.staff(.coordinator).token)
            expectProblem(staffTry, 403)
            let other = try await t.file()
            expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/withdraw", token: other.token), 404)
            expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/withdraw"), 401)
            let withdrawn = try await t.api.post("/api/v1/cases/\(c.id)/withdraw", token: c.token)
            #expect(withdrawn.status == 200)
            #expect(withdrawn["status"].string == "withdrawn")
            expectProblem(try await t.view(c.id, token: chair.token), 404)
            let load = try await t.sql("SELECT coalesce(sum(open_cases), 0)::int FROM panel_members")
            #expect(try load[0].decode(Int.self) == 0)
            expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/withdraw", token: c.token), 409)
        }
    }

    @Test func withdrawalIsNotPossibleAfterARuling() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file()
            try await t.accept(c.id, disciplines: [.bedrijfsarts])
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token).status == 201)
            expectProblem(try await t.api.post("/api/v1/cases/\(c.id)/withdraw", token: c.token), 409)
        }
    }

    @Test func appealRulesAndOnce() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file()
            try await t.accept(c.id, disciplines: [.bedrijfsarts])
            let path = "/api/v1/cases/\(c.id)/appeal"
            let appeal: [String: Any] = ["court": "Rechtbank Amsterdam", "lodged_on": "2026-11-23"]
            expectProblem(try await t.api.post(path, object: appeal, token: c.token), 409)  // not ruled yet
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token).status == 201)
            expectProblem(try await t.api.post(path, object: appeal, token: chair.token), 403)
            expectProblem(try await t.api.post(path, object: appeal, token: try await t.staff(.intakeOfficer).token), 403)
            expectProblem(try await t.api.post(path, object: appeal, token: try await t.adminToken()), 403)
            let future = try await t.api.post(path, object: ["court": "Rechtbank Amsterdam", "lodged_on": "2026-11-24"], token: c.token)
            expectProblem(future, 422)
            #expect(future["errors"][0]["field"].string == "lodged_on")
            let early = try await t.api.post(path, object: ["court": "Rechtbank Amsterdam", "lodged_on": "2026-11-22"], token: c.token)
            expectProblem(early, 422)
            t.clock.advance(by: 3 * 86_400)
            let lodged = try await t.api.post(path, object: appeal, token: c.token)
            #expect(lodged.status == 201, "\(lodged.text)")
            #expect(lodged["appeal"]["lodged_on"].string == "2026-11-23")
            #expect(lodged["medical_information"].string != nil, "the employee filer still sees the medical part")
            expectProblem(try await t.api.post(path, object: appeal, token: c.token), 409)
            let coordinator = try await t.staff(.coordinator).token
            expectProblem(try await t.api.post(path, object: appeal, token: coordinator), 409)
        }
    }

    @Test func coordinatorMayRecordAnAppeal() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file(role: .employer)
            try await t.accept(c.id, disciplines: [.bedrijfsarts])
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token).status == 201)
            let coordinator = try await t.staff(.coordinator).token
            let lodged = try await t.api.post(
                "/api/v1/cases/\(c.id)/appeal", object: ["court": "Rechtbank Den Haag", "lodged_on": "2026-11-23"], token: coordinator)
            #expect(lodged.status == 201, "\(lodged.text)")
            #expect(!lodged.json.has("medical_information"))
            #expect(try await t.view(c.id, token: c.token)["appeal"]["court"].string == "Rechtbank Den Haag")
        }
    }
}
