import EenloketDomain
import Foundation
import Testing

@Suite("Cases list")
struct CaseListTests {
    @Test func mostUrgentFirstThenOldestWithStableCursorPaging() async throws {
        try await withApp { t in
            // Filed on different days, so their triage due dates differ.
            var filed: [String] = []
            for _ in 0..<5 {
                filed.append(try await t.file().id)
                t.clock.advance(by: 86_400)
            }
            let intake = try await t.staff(.intakeOfficer).token
            // Closing the oldest removes its due date: it goes last.
            // Five days after filing the preferred moment has passed: a reason is needed.
            #expect(try await t.api.post(
                "/api/v1/cases/\(filed[0])/triage",
                object: ["decision": "answer", "motivation": "Beantwoord bij de intake.", "deviation_reason": "Vragen eerst uitgezocht."],
                token: intake
            ).status == 200)
            var seen: [String] = []
            var cursor: String?
            repeat {
                let path = "/api/v1/cases?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await t.api.get(path, token: intake)
                #expect(page.status == 200, "\(page.text)")
                #expect(page["items"].array.count <= 2)
                seen += page["items"].array.compactMap { $0["id"].string }
                cursor = page["next_cursor"].string
            } while cursor != nil
            #expect(seen == Array(filed[1...]) + [filed[0]])
            let all = try await t.api.get("/api/v1/cases", token: intake)
            #expect(all["items"][0]["due_by"].string != nil)
            #expect(all["items"][4]["due_by"].isNull)
            #expect(all["items"][4]["status"].string == "answered")
            let keys = Set(all["items"][0].object?.keys.map { $0 } ?? [])
            #expect(keys == ["id", "reference", "status", "case_type", "created_at", "due_by", "sickness"])
        }
    }

    @Test func statusFilterAndPanelMemberScope() async throws {
        try await withApp { t in
            let ba = try await t.member(.bedrijfsarts, maxOpenCases: 1)
            let intake = try await t.staff(.intakeOfficer).token
            let mine = try await t.file()
            try await t.accept(mine.id, disciplines: [.bedrijfsarts], intake: intake)
            let waiting = try await t.file()
            try await t.accept(waiting.id, disciplines: [.bedrijfsarts], intake: intake)
            _ = try await t.file()
            let submitted = try await t.api.get("/api/v1/cases?status=submitted", token: intake)
            #expect(submitted["items"].array.count == 1)
            let awaiting = try await t.api.get("/api/v1/cases?status=awaiting_panel", token: intake)
            #expect(awaiting["items"].array.compactMap { $0["id"].string } == [waiting.id])
            let memberList = try await t.api.get("/api/v1/cases", token: ba.token)
            #expect(memberList["items"].array.compactMap { $0["id"].string } == [mine.id])
            expectProblem(try await t.api.get("/api/v1/cases", token: mine.token), 403)
            expectProblem(try await t.api.get("/api/v1/cases"), 401)
        }
    }
}
