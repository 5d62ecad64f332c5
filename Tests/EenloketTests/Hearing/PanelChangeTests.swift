import EenloketDomain
import Foundation
import Testing

@Suite("Coordinators change a working panel")
struct PanelChangeTests {
    @Test func addingADisciplineRoutesIt() async throws {
        try await withApp { t in
            try await t.member(.bedrijfsarts)
            let c = try await t.file()
            #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts])["status"].string == "in_review")
            let coordinator = try await t.staff(.coordinator).token
            let path = "/api/v1/cases/\(c.id)/panel"
            let body: [String: Any] = ["action": "add_discipline", "discipline": "arbeidsdeskundige", "motivation": "Passend werk moet worden beoordeeld."]
            // Nobody can take the seat yet: the case waits for its panel again.
            let waiting = try await t.api.post(path, object: body, token: coordinator)
            #expect(waiting.status == 200, "\(waiting.text)")
            #expect(waiting["status"].string == "awaiting_panel")
            let ad = try await t.member(.arbeidsdeskundige)
            let seen = try await t.view(c.id, token: c.token)
            #expect(seen["status"].string == "in_review")
            #expect(seen["panel"].array.last?["staff_id"].string == ad.id)
            #expect(seen["deadlines"].array.filter { $0["stage"].string == "ruling" }.count == 1)
            expectProblem(try await t.api.post(path, object: body, token: coordinator), 422)  // already on the panel
            expectProblem(try await t.api.post(path, object: body, token: try await t.staff(.intakeOfficer).token), 403)
            #expect(try await t.eventTypes(c.id).contains("panel_changed"))
        }
    }

    @Test func replacingTheChairPassesTheChairAndFreesTheSeat() async throws {
        try await withApp { t in
            let first = try await t.member(.bedrijfsarts, name: "Eerste")
            let va = try await t.member(.verzekeringsarts)
            let c = try await t.file()
            let panel = try await t.accept(c.id)["panel"]
            #expect(panel[0]["staff_id"].string == first.id && panel[0]["chair"].bool == true)
            let second = try await t.member(.bedrijfsarts, name: "Tweede")
            let coordinator = try await t.staff(.coordinator).token
            let replaced = try await t.api.post(
                "/api/v1/cases/\(c.id)/panel",
                object: ["action": "replace_member", "staff_id": first.id, "motivation": "Schijn van belangenverstrengeling."],
                token: coordinator)
            #expect(replaced.status == 200, "\(replaced.text)")
            #expect(replaced["status"].string == "in_review")
            let members = replaced["panel"].array
            #expect(Set(members.compactMap { $0["staff_id"].string }) == [va.id, second.id])
            // The chair passed to the remaining physician assigned earliest.
            #expect(members.first { $0["staff_id"].string == va.id }?["chair"].bool == true)
            expectProblem(try await t.view(c.id, token: first.token), 404)
            let load = try await t.sql("SELECT open_cases FROM panel_members WHERE staff_id = \(UUID(uuidString: first.id)!)")
            #expect(try load[0].decode(Int.self) == 0)
            let unknown = try await t.api.post(
                "/api/v1/cases/\(c.id)/panel",
                object: ["action": "replace_member", "staff_id": first.id, "motivation": "Nogmaals vervangen."], token: coordinator)
            expectProblem(unknown, 422)
        }
    }
}
