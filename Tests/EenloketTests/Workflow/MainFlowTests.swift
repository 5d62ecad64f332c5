import EenloketDomain
import Foundation
import Testing

@Suite("The main flow, filing to appeal")
struct MainFlowTests {
    @Test func filingToRulingToAppeal() async throws {
        try await withApp { t in
            let chair = try await t.member(.bedrijfsarts)
            let second = try await t.member(.verzekeringsarts)
            let filed = try await t.file()
            let triaged = try await t.accept(filed.id)
            #expect(triaged.status == 200, "\(triaged.text)")
            #expect(triaged["status"].string == "in_review")
            #expect(triaged["panel"][0]["staff_id"].string == chair.id)
            #expect(triaged["panel"][0]["chair"].bool == true)
            #expect(triaged["panel"][1]["staff_id"].string == second.id)

            // Without both parties' agreement the ruling is an advisory opinion.
            let ruling = try await t.api.post("/api/v1/cases/\(filed.id)/ruling", object: t.rulingBody(), token: chair.token)
            #expect(ruling.status == 201, "\(ruling.text)")
            #expect(ruling["binding"].bool == false)

            let seen = try await t.view(filed.id, token: filed.token)
            #expect(seen["status"].string == "ruled")
            #expect(seen["ruling"]["digest"] == ruling["digest"])

            let appeal = try await t.api.post(
                "/api/v1/cases/\(filed.id)/appeal", object: ["court": "Rechtbank Amsterdam", "lodged_on": "2026-11-23"],
                token: filed.token)
            #expect(appeal.status == 201, "\(appeal.text)")
            #expect(appeal["appeal"]["court"].string == "Rechtbank Amsterdam")
        }
    }
}
