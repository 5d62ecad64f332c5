import EenloketDomain
import Foundation
import Testing

@Suite("Who sees a case, and its medical fields")
struct VisibilityTests {
    @Test func medicalFieldsOnlyForEmployeeIntakeAndPanelPhysicians() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            let va = try await t.member(.verzekeringsarts)
            let ad = try await t.member(.arbeidsdeskundige)
            let c = try await t.file()
            let intake = try await t.staff(.intakeOfficer).token
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts, .verzekeringsarts, .arbeidsdeskundige], intake: intake)["status"]
                .string == "in_review")
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token).status == 201)

            let coordinator = try await t.staff(.coordinator).token
            let admin = try await t.adminToken()
            let allowed = [("filer", c.token), ("intake", intake), ("chair", chair.token), ("va", va.token)]
            let denied = [("arbeidsdeskundige", ad.token), ("coordinator", coordinator), ("admin", admin)]
            for (who, token) in allowed {
                let seen = try await t.view(c.id, token: token)
                #expect(seen.status == 200, "\(who)")
                #expect(seen["medical_information"].string == "Sinds maart behandeld voor een burn-out.", "\(who)")
                #expect(seen["ruling"]["medical_considerations"].string == "Herstel verloopt langzaam.", "\(who)")
            }
            for (who, token) in denied {
                let seen = try await t.view(c.id, token: token)
                #expect(seen.status == 200, "\(who)")
                #expect(!seen.json.has("medical_information"), "\(who): \(seen.text)")
                #expect(!seen["ruling"].has("medical_considerations"), "\(who)")
                #expect(!seen.text.contains("burn-out"), "\(who)")
                #expect(!seen.text.contains("Herstel verloopt"), "\(who)")
            }
        }
    }

    @Test func employerFilerNeverSeesMedicalText() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file(role: .employer)
            try await t.accept(c.id, disciplines: [.bedrijfsarts])
            #expect(try await t.api.post("/api/v1/cases/\(c.id)/ruling", object: t.rulingBody(), token: chair.token).status == 201)
            let seen = try await t.view(c.id, token: c.token)
            #expect(seen.status == 200)
            #expect(!seen.json.has("medical_information"))
            #expect(!seen["ruling"].has("medical_considerations"))
            #expect(!seen.text.contains("Herstel verloopt"))
            #expect(seen["ruling"]["decision"].string != nil)
        }
    }

    @Test func whoMaySeeTheCaseAtAll() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            let c = try await t.file()
            let other = try await t.file()
            let inspector = try await t.staff(.inspector).token
            let stranger = try await t.member(.bedrijfsarts, name: "Niet op dit panel")

            // Before triage: no panel member sees it.
            expectProblem(try await t.view(c.id, token: chair.token), 404)
            expectProblem(try await t.view(c.id, token: other.token), 404)
            expectProblem(try await t.view(c.id, token: inspector), 403)
            expectProblem(try await t.api.get("/api/v1/cases/\(c.id)/events", token: inspector), 403)
            expectProblem(try await t.api.get("/api/v1/cases", token: inspector), 403)
            expectProblem(try await t.api.get("/api/v1/cases/\(c.id)"), 401)
            expectProblem(try await t.view(c.id, token: "elc_unknownunknownunknownunknownunknownunknown1"), 401)
            expectProblem(try await t.view(UUID().uuidString, token: c.token), 404)
            for role in [StaffRole.intakeOfficer, .coordinator] {
                #expect(try await t.view(c.id, token: try await t.staff(role).token).status == 200)
            }
            #expect(try await t.view(c.id, token: try await t.adminToken()).status == 200)

            try await t.accept(c.id, disciplines: [.bedrijfsarts])
            let panel = try await t.view(c.id, token: c.token)["panel"]
            let chairId = try #require(panel[0]["staff_id"].string)
            let chairToken = chairId == chair.id ? chair.token : stranger.token
            let outsiderToken = chairId == chair.id ? stranger.token : chair.token
            #expect(try await t.view(c.id, token: chairToken).status == 200)
            expectProblem(try await t.view(c.id, token: outsiderToken), 404)
        }
    }

    @Test func eachStaffViewOfMedicalFieldsIsRecorded() async throws {
        try await withApp { t in
            let c = try await t.file()
            let intake = try await t.staff(.intakeOfficer)
            let coordinator = try await t.staff(.coordinator).token
            _ = try await t.view(c.id, token: intake.token)
            _ = try await t.view(c.id, token: intake.token)
            _ = try await t.view(c.id, token: coordinator)  // no medical fields shown: not recorded
            _ = try await t.view(c.id, token: c.token)  // the employee's own view: not a staff view
            let events = try await t.api.get("/api/v1/cases/\(c.id)/events", token: coordinator)
            let views = events["items"].array.filter { $0["type"].string == "medical_data_viewed" }
            #expect(views.count == 2)
            #expect(views.allSatisfy { $0["actor_staff_id"].string == intake.id && $0["actor_role"].string == "intake_officer" })
        }
    }

    @Test func filerSeesHistoryWithoutStaffIdentities() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            let c = try await t.file()
            try await t.accept(c.id, disciplines: [.bedrijfsarts])
            let events = try await t.api.get("/api/v1/cases/\(c.id)/events", token: c.token)
            #expect(events.status == 200)
            let items = events["items"].array
            #expect(items.map { $0["seq"].int } == Array(1...items.count).map { Optional($0) })
            let types = items.compactMap { $0["type"].string }
            #expect(
                Array(types.prefix(6)) == ["case_filed", "case_triaged", "party_invited", "member_assigned", "panel_completed", "medical_data_viewed"])
            #expect(items.allSatisfy { !$0.has("actor_staff_id") })
            #expect(items[1]["actor_role"].string == "intake_officer")
            #expect(items.allSatisfy { $0["at"].string?.hasSuffix("Z") == true })
        }
    }
}
