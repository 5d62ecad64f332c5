import EenloketDomain
import Foundation
@testable import EenloketStore
import PostgresNIO
import Testing

@Suite("Routing to a conflict-free panel")
struct RoutingTests {
    @Test func conflictedMembersAreSkipped() async throws {
        try await withApp { t in
            // Each of these conflicts with the standard filing (Bakkerij Jansen B.V., 12345678, J. Bakker of ArboNed).
            try await t.member(.bedrijfsarts, affiliations: ["  bakkerij   JANSEN b.v. "])
            try await t.member(.bedrijfsarts, affiliations: ["12345678"])
            try await t.member(.bedrijfsarts, affiliations: ["arboned"])
            try await t.member(.bedrijfsarts, name: " j.  BAKKER ")
            let free = try await t.member(.bedrijfsarts, affiliations: ["Arbo Unie", "87654321"])
            let c = try await t.file()
            let triaged = try await t.accept(c.id, disciplines: [.bedrijfsarts])
            #expect(triaged["status"].string == "in_review")
            #expect(triaged["panel"].array.count == 1)
            #expect(triaged["panel"][0]["staff_id"].string == free.id)
        }
    }

    @Test func fewestOpenCasesThenNeverAssignedThenOldestAssignment() async throws {
        try await withApp { t in
            let a = try await t.member(.bedrijfsarts, name: "A")
            let first = try await t.file()
            #expect(try await t.accept(first.id, disciplines: [.bedrijfsarts])["panel"][0]["staff_id"].string == a.id)
            // B is new (never assigned) and C too; A has one open case.
            let b = try await t.member(.bedrijfsarts, name: "B")
            let c = try await t.member(.bedrijfsarts, name: "C")
            let second = try await t.file()
            let secondPanel = try await t.accept(second.id, disciplines: [.bedrijfsarts])["panel"][0]["staff_id"].string
            #expect(secondPanel == b.id || secondPanel == c.id)
            let third = try await t.file()
            let thirdPanel = try await t.accept(third.id, disciplines: [.bedrijfsarts])["panel"][0]["staff_id"].string
            #expect(thirdPanel != secondPanel && thirdPanel != a.id, "the never-assigned one goes first")
            // All have one open case now: the one whose last assignment is oldest (A) is next.
            let fourth = try await t.file()
            #expect(try await t.accept(fourth.id, disciplines: [.bedrijfsarts])["panel"][0]["staff_id"].string == a.id)
        }
    }

    @Test func firstPhysicianAssignedChairsInRequestedOrder() async throws {
        try await withApp { t in
            let ad = try await t.member(.arbeidsdeskundige)
            let va = try await t.member(.verzekeringsarts)
            let ba = try await t.member(.bedrijfsarts)
            let c = try await t.file()
            let triaged = try await t.accept(c.id, disciplines: [.arbeidsdeskundige, .verzekeringsarts, .bedrijfsarts])
            let panel = triaged["panel"].array
            #expect(panel.map { $0["staff_id"].string } == [ad.id, va.id, ba.id])
            #expect(panel.map { $0["chair"].bool } == [false, true, false])
            #expect(panel.map { $0["discipline"].string } == ["arbeidsdeskundige", "verzekeringsarts", "bedrijfsarts"])
        }
    }

    @Test func partialPanelWaitsAndIsCompletedWhenAMemberAppears() async throws {
        try await withApp { t in
            let ba = try await t.member(.bedrijfsarts)
            let c = try await t.file()
            let triaged = try await t.accept(c.id, disciplines: [.bedrijfsarts, .verzekeringsarts])
            #expect(triaged["status"].string == "awaiting_panel")
            #expect(triaged["panel"].array.map { $0["staff_id"].string } == [ba.id])
            #expect(triaged["panel"][0]["chair"].bool == true)
            let va = try await t.member(.verzekeringsarts)
            let seen = try await t.view(c.id, token: c.token)
            #expect(seen["status"].string == "in_review")
            #expect(seen["panel"].array.map { $0["staff_id"].string } == [ba.id, va.id])
            #expect(seen["panel"][1]["chair"].bool == false)
            let stages = seen["deadlines"].array.compactMap { $0["stage"].string }
            #expect(stages == ["triage", "panel", "ruling"])
        }
    }

    @Test func waitingCasesAreRoutedOldestFirstWhenCapacityIsRaised() async throws {
        try await withApp { t in
            let ba = try await t.member(.bedrijfsarts, maxOpenCases: 1)
            let intake = try await t.staff(.intakeOfficer).token
            var cases: [(id: String, token: String)] = []
            for _ in 0..<4 {
                let c = try await t.file()
                t.clock.advance(by: 60)
                try await t.accept(c.id, disciplines: [.bedrijfsarts], intake: intake)
                cases.append(c)
            }
            let statuses = try await cases.asyncMap { try await t.view($0.id, token: $0.token)["status"].string }
            #expect(statuses == ["in_review", "awaiting_panel", "awaiting_panel", "awaiting_panel"])
            let admin = try await t.adminToken()
            let patched = try await t.api.patch("/api/v1/staff/\(ba.id)", object: ["panel": ["max_open_cases": 3]], token: admin)
            #expect(patched.status == 200, "\(patched.text)")
            #expect(patched["panel"]["open_cases"].int == 3)
            let after = try await cases.asyncMap { try await t.view($0.id, token: $0.token)["status"].string }
            #expect(after == ["in_review", "in_review", "in_review", "awaiting_panel"])
        }
    }

    @Test func reactivationAndReleaseRouteWaitingCases() async throws {
        try await withApp { t in
            let ba = try await t.member(.bedrijfsarts, maxOpenCases: 1)
            let admin = try await t.adminToken()
            #expect(try await t.api.patch("/api/v1/staff/\(ba.id)", object: ["active": false], token: admin)["active"].bool == false)
            let first = try await t.file()
            #expect(try await t.accept(first.id, disciplines: [.bedrijfsarts])["status"].string == "awaiting_panel")
            #expect(try await t.api.patch("/api/v1/staff/\(ba.id)", object: ["active": true], token: admin).status == 200)
            #expect(try await t.view(first.id, token: first.token)["status"].string == "in_review")
            let second = try await t.file()
            #expect(try await t.accept(second.id, disciplines: [.bedrijfsarts])["status"].string == "awaiting_panel")
            // Withdrawing the first frees the member, who then takes the second.
            #expect(try await t.api.post("/api/v1/cases/\(first.id)/withdraw", token: first.token).status == 200)
            #expect(try await t.view(second.id, token: second.token)["status"].string == "in_review")
        }
    }

    @Test func loweringCapacityRemovesNobody() async throws {
        try await withApp { t in
            let ba = try await t.member(.bedrijfsarts, maxOpenCases: 3)
            for _ in 0..<2 {
                let c = try await t.file()
                #expect(try await t.accept(c.id, disciplines: [.bedrijfsarts])["status"].string == "in_review")
            }
            let admin = try await t.adminToken()
            let patched = try await t.api.patch("/api/v1/staff/\(ba.id)", object: ["panel": ["max_open_cases": 1]], token: admin)
            #expect(patched["panel"]["max_open_cases"].int == 1)
            #expect(patched["panel"]["open_cases"].int == 2)
            let next = try await t.file()
            #expect(try await t.accept(next.id, disciplines: [.bedrijfsarts])["status"].string == "awaiting_panel")
        }
    }

    @Test func manyConcurrentAcceptsNeverExceedCapacity() async throws {
        try await withApp(configure: { $0.databasePoolSize = 30 }) { t in
            var members: [String] = []
            for i in 0..<4 {
                members.append(try await t.member(.bedrijfsarts, name: "BA \(i)", maxOpenCases: 3).id)
                members.append(try await t.member(.verzekeringsarts, name: "VA \(i)", maxOpenCases: 2).id)
            }
            let intakes = try await (0..<3).asyncMap { _ in try await t.staff(.intakeOfficer).token }
            let cases = try await (0..<30).asyncMap { _ in try await t.file() }
            let statuses = try await withThrowingTaskGroup(of: String?.self) { group in
                for (i, c) in cases.enumerated() {
                    group.addTask { try await t.accept(c.id, intake: intakes[i % intakes.count])["status"].string }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.count == 30)
            #expect(statuses.allSatisfy { $0 == "in_review" || $0 == "awaiting_panel" }, "\(statuses)")
            // 4 × 2 verzekeringsarts seats bound the complete panels, as if the accepts ran one by one.
            #expect(statuses.filter { $0 == "in_review" }.count == 8)
            let complete = try await t.sql("SELECT count(*)::int FROM cases WHERE status = 'in_review'")
            #expect(try complete[0].decode(Int.self) == 8)
            let rows = try await t.sql(
                """
                SELECT pm.max_open_cases, pm.open_cases,
                       (SELECT count(*)::int FROM panel_assignments pa JOIN cases c ON c.id = pa.case_id
                         WHERE pa.staff_id = pm.staff_id AND pa.released_at IS NULL
                           AND c.status IN ('awaiting_panel', 'in_review'))
                  FROM panel_members pm
                """)
            for row in rows {
                let (max, cached, actual) = try row.decode((Int, Int, Int).self)
                #expect(actual <= max)
                #expect(cached == actual, "the cached load matches the real one")
            }
            let seats = try await t.sql("SELECT count(*)::int FROM panel_assignments")
            #expect(try seats[0].decode(Int.self) == 4 * 3 + 4 * 2)
        }
    }
}


@Suite("Routing without a routing-wide lock")
struct RoutingContentionTests {
    /// A member another transaction holds is passed over while others are
    /// free; when it is the only eligible one, the triage waits for it rather
    /// than leave the case waiting for a member that is merely busy.
    @Test func theOnlyEligibleMemberIsWaitedForWhileAnotherTransactionHoldsIt() async throws {
        try await withApp { t in
            let ba = try await t.member(.bedrijfsarts)
            let c = try await t.file()
            let (locked, lockedSignal) = AsyncStream<Void>.makeStream()
            let (release, releaseSignal) = AsyncStream<Void>.makeStream()
            let member = try #require(UUID(uuidString: ba.id))
            let holder = Task {
                try await t.deps.database.transaction { conn in
                    try await conn.run("SELECT 1 FROM panel_members WHERE staff_id = \(member) FOR UPDATE", logger: t.deps.database.logger)
                    lockedSignal.yield()
                    for await _ in release { break }
                }
            }
            for await _ in locked { break }
            let accepting = Task { try await t.accept(c.id, disciplines: [.bedrijfsarts]) }
            // While the member is held, the triage has not committed: it waits.
            try await Task.sleep(for: .milliseconds(400))
            let id = try #require(UUID(uuidString: c.id))
            #expect(try await t.sql("SELECT status FROM cases WHERE id = \(id)")[0].decode(String.self) == "submitted")
            releaseSignal.finish()
            try await holder.value
            let triaged = try await accepting.value
            #expect(triaged.status == 200)
            #expect(triaged["status"].string == "in_review")
            #expect(triaged["panel"].array.map { $0["staff_id"].string } == [ba.id])
        }
    }

    /// SQL's lower() leaves É alone, so the SQL pre-filter offers this member;
    /// Swift's rule refuses it and the next one is asked for.
    @Test func aConflictOnlySwiftsRuleSeesIsStillAvoided() async throws {
        try await withApp { t in
            let free = try await t.member(.bedrijfsarts, name: "Vrij")
            let earlier = try await t.file()
            _ = try await t.accept(earlier.id, disciplines: [.bedrijfsarts])
            // No open cases, so first in routing order; conflicted with the arbodienst below.
            try await t.member(.bedrijfsarts, name: "Gebonden", affiliations: ["ÉÉN  ARBODIENST"])
            let c = try await t.file(["occupational_physician": ["name": "J. Bakker", "organisation": "één arbodienst"]])
            let triaged = try await t.accept(c.id, disciplines: [.bedrijfsarts])
            #expect(triaged["status"].string == "in_review")
            #expect(triaged["panel"].array.map { $0["staff_id"].string } == [free.id])
        }
    }

    /// The member-choice statement on its own (without Swift's check) never
    /// offers an inactive or absent member, nor the case's own company doctor.
    @Test func theMemberChoiceAloneSkipsInactiveAbsentAndTheCompanyDoctor() async throws {
        try await withApp { t in
            let inactive = try await t.member(.bedrijfsarts, name: "Niet actief")
            let absent = try await t.member(.bedrijfsarts, name: "Afwezig")
            let doctor = try await t.member(.bedrijfsarts, name: "  j.  BAKKER ")
            let eligible = try await t.member(.bedrijfsarts, name: "Beschikbaar")
            let ids = [inactive, absent, doctor].map { UUID(uuidString: $0.id)! }
            try await t.sql("UPDATE staff SET active = false WHERE id = \(ids[0])")
            try await t.sql(
                """
                INSERT INTO member_absences (id, staff_id, starts_on, ends_on, created_at)
                VALUES (\(UUID()), \(ids[1]), '2026-11-20', '2026-11-30', now())
                """)
            // The eligible member has the most open cases, so routing order alone would pick any other first.
            try await t.sql("UPDATE panel_members SET open_cases = 1 WHERE staff_id = \(UUID(uuidString: eligible.id)!)")
            let need = RoutingNeed(
                caseId: UUID(), requested: [.bedrijfsarts], filled: [], members: [], hasChair: false,
                conflicts: ConflictProfile(employerName: "Bakkerij Jansen B.V.", employerKvk: "12345678",
                                           physicianName: "J. Bakker", physicianOrganisation: "ArboNed"))
            let query = try RoutingStore.bestMemberQuery([.bedrijfsarts], for: need, excluding: [], at: t.clock.now(), lock: NoLock.self)
            let offered = try await t.sql(query).map { try $0.decode(UUID.self, context: .default) }
            #expect(offered == [UUID(uuidString: eligible.id)!])
            // Without the reasons to skip them, the same statement offers one of the others.
            try await t.sql("UPDATE panel_members SET open_cases = 2 WHERE staff_id = \(UUID(uuidString: eligible.id)!)")
            try await t.sql("UPDATE staff SET active = true WHERE id = \(ids[0])")
            let again = try await t.sql(query).map { try $0.decode(UUID.self, context: .default) }
            #expect(again == [ids[0]])
        }
    }

    /// The SQL normalisation equals Swift's on ASCII text (random case and white space).
    @Test func sqlNormalisationEqualsSwiftsOnASCII() async throws {
        try await withApp { t in
            var generator = SystemRandomNumberGenerator()
            let pieces = ["Bakkerij", "JANSEN", "b.v.", "ArboNed", "12345678", "de", "Vries", "&", "Zn."]
            let spaces = [" ", "  ", "\t", "\n", " \t ", "\r\n"]
            let samples: [String] = (0..<300).map { _ in
                let words = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                    let word = pieces.randomElement(using: &generator)!
                    return Bool.random(using: &generator) ? word.uppercased() : word
                }
                let lead = Bool.random(using: &generator) ? spaces.randomElement(using: &generator)! : ""
                let trail = Bool.random(using: &generator) ? spaces.randomElement(using: &generator)! : ""
                return lead + words.joined(separator: spaces.randomElement(using: &generator)!) + trail
            }
            let rows = try await t.sql("SELECT routing_normalize(s) FROM unnest(\(samples)::text[]) WITH ORDINALITY AS x (s, n) ORDER BY n")
            let normalised = try rows.map { try $0.decode(String.self) }
            #expect(normalised == samples.map(ConflictProfile.normalize))
        }
    }
}

extension Sequence {
    /// Maps with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
