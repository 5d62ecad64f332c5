import EenloketDomain
import Foundation
import Testing

@Suite("Two instances on one database")
struct MultiInstanceTests {
    @Test func theWholeFlowAcrossTwoInstances() async throws {
        let database = try await TestDatabase.shared.freshDatabase()
        let clock = ManualClock(testStart)
        try await withApp(clock: clock, database: database) { a in
            try await withApp(clock: clock, database: database) { b in
                let chair = try await a.member(.bedrijfsarts)
                try await b.member(.verzekeringsarts)
                let c = try await b.file()
                let intake = try await a.staff(.intakeOfficer).token
                #expect(try await b.accept(c.id, intake: intake)["status"].string == "in_review")
                // A token issued by one instance works on the other.
                #expect(try await a.api.post("/api/v1/cases/\(c.id)/ruling", object: a.rulingBody(), token: chair.token).status == 201)
                #expect(try await b.view(c.id, token: c.token)["status"].string == "ruled")
                #expect(try await a.api.get("/api/v1/cases/\(c.id)/events", token: c.token)["items"].array.count >= 6)
            }
        }
    }

    @Test func racingTriageAndCapacityAcrossInstances() async throws {
        let database = try await TestDatabase.shared.freshDatabase()
        let clock = ManualClock(testStart)
        try await withApp(clock: clock, database: database) { a in
            try await withApp(clock: clock, database: database) { b in
                for _ in 0..<3 { try await a.member(.bedrijfsarts, maxOpenCases: 2) }
                let intake = try await a.staff(.intakeOfficer).token
                let cases = try await (0..<12).asyncMap { _ in try await a.file() }
                let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                    for (i, c) in cases.enumerated() {
                        // Two racing triage requests per case, one on each instance.
                        for instance in [a, b] {
                            group.addTask {
                                let reply = try await instance.accept(c.id, disciplines: [.bedrijfsarts], intake: intake)
                                return (reply.status, reply["status"].string)
                            }
                        }
                        _ = i
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.filter { $0.0 == 200 }.count == 12)
                #expect(statuses.filter { $0.0 == 409 }.count == 12)
                #expect(statuses.filter { $0.1 == "in_review" }.count == 6)
                let load = try await a.sql("SELECT max(open_cases)::int, sum(open_cases)::int FROM panel_members")
                let (max, sum) = try load[0].decode((Int, Int).self)
                #expect(max == 2 && sum == 6)
            }
        }
    }
}
