import EenloketDomain
import Foundation
@testable import EenloketStore
import PostgresNIO
import Testing

/// The routing order exists in Swift (`Routing.choose`, used for waiting cases)
/// and in SQL (the best-member statement, used at triage). Over generated
/// pools, ties included, both must pick the same member.
@Suite("Routing: the SQL choice and the Swift order agree")
struct RoutingParityTests {
    @Test func bothPickTheSameMemberOverGeneratedPoolsWithTies() async throws {
        try await withApp { t in
            var ids: [Discipline: [UUID]] = [:]
            for discipline in [Discipline.bedrijfsarts, .arbeidsdeskundige] {
                for n in 0..<8 {
                    let member = try await t.member(discipline, name: "Lid \(discipline.rawValue) \(n)", maxOpenCases: 3)
                    ids[discipline, default: []].append(UUID(uuidString: member.id)!)
                }
            }
            let everyone = ids.values.flatMap { $0 }
            var generator = SystemRandomNumberGenerator()
            var ties = 0
            for round in 0..<40 {
                // Few distinct values, so equal loads and equal last assignments (and NULLs) are common.
                let open = everyone.map { _ in Int.random(in: 0...3, using: &generator) }
                // 0 stands for "never assigned" (NULL).
                let last: [Int64] = everyone.map { _ in Bool.random(using: &generator) ? 0 : Int64.random(in: 1...3, using: &generator) }
                try await t.sql(
                    """
                    UPDATE panel_members pm SET open_cases = x.open, last_assignment = NULLIF(x.last, 0)
                      FROM unnest(\(everyone)::uuid[], \(open)::int[], \(last)::bigint[]) AS x (id, open, last)
                     WHERE pm.staff_id = x.id
                    """)
                let candidates = try await t.sql(RoutingStore.candidatesQuery(at: t.clock.now())).map(RoutingStore.candidate)
                for discipline in [Discipline.bedrijfsarts, .arbeidsdeskundige] {
                    let excluded = Set(ids[discipline]!.filter { _ in Int.random(in: 0..<5, using: &generator) == 0 })
                    let need = RoutingNeed(
                        caseId: UUID(), requested: [discipline], filled: [], members: excluded, hasChair: false,
                        conflicts: ConflictProfile(
                            employerName: "Werkgever \(round)", employerKvk: "12345678", physicianName: nil, physicianOrganisation: nil))
                    let query = try RoutingStore.bestMemberQuery([discipline], for: need, excluding: excluded, at: t.clock.now(), lock: NoLock.self)
                    let bySQL = try await t.sql(query).map { try $0.decode(UUID.self, context: .default) }.first
                    let bySwift = Routing.choose(discipline, for: need, among: candidates).map { candidates[$0].staffId }
                    #expect(bySQL == bySwift, "round \(round), \(discipline.rawValue): SQL \(String(describing: bySQL)), Swift \(String(describing: bySwift))")
                    let eligible = candidates.filter { $0.discipline == discipline && !excluded.contains($0.staffId) }
                    if let best = bySwift.flatMap({ id in eligible.first { $0.staffId == id } }),
                        eligible.contains(where: { $0.staffId != best.staffId && $0.openCases == best.openCases && $0.lastAssignment == best.lastAssignment })
                    {
                        ties += 1
                    }
                }
            }
            #expect(ties >= 5, "the generated pools must exercise the tie-break by id (\(ties) ties)")
        }
    }
}
