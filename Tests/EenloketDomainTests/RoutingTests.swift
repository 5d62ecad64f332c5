import Foundation
import Testing

@testable import EenloketDomain

/// A candidate with sensible defaults.
private func member(
    _ n: Int, _ discipline: Discipline, name: String? = nil, affiliations: [String] = [],
    open: Int = 0, max: Int = 5, last: Int64? = nil
) -> RoutingCandidate {
    RoutingCandidate(
        staffId: uuid(n), name: name ?? "Lid \(n)", discipline: discipline, affiliations: affiliations,
        openCases: open, maxOpenCases: max, lastAssignment: last)
}

/// The case of the README walk-through: Bakkerij Jansen B.V., KvK 12345678, company doctor J. Bakker of ArboNed.
private let bakkerij = ConflictProfile(
    employerName: "Bakkerij Jansen B.V.", employerKvk: "12345678", physicianName: "J. Bakker", physicianOrganisation: "ArboNed")

private func need(
    _ n: Int, _ requested: [Discipline], filled: Set<Discipline> = [], members: Set<UUID> = [], hasChair: Bool = false,
    conflicts: ConflictProfile = bakkerij
) -> RoutingNeed {
    RoutingNeed(
        caseId: uuid(0x1000 + n), requested: requested, filled: filled, members: members, hasChair: hasChair,
        conflicts: conflicts)
}

@Suite("Routing.choose")
struct RoutingChooseTests {
    private func chosen(_ discipline: Discipline, _ need: RoutingNeed, _ candidates: [RoutingCandidate]) -> UUID? {
        Routing.choose(discipline, for: need, among: candidates).map { candidates[$0].staffId }
    }

    @Test func fewestOpenCasesWins() {
        let candidates = [member(1, .bedrijfsarts, open: 3), member(2, .bedrijfsarts, open: 1), member(3, .bedrijfsarts, open: 2)]
        #expect(chosen(.bedrijfsarts, need(1, [.bedrijfsarts]), candidates) == uuid(2))
    }

    @Test func fewestOpenCasesBeatsNeverAssignedAndOlderAssignment() {
        let candidates = [
            member(1, .bedrijfsarts, open: 2, last: nil),
            member(2, .bedrijfsarts, open: 1, last: 99),
        ]
        #expect(chosen(.bedrijfsarts, need(1, [.bedrijfsarts]), candidates) == uuid(2))
    }

    @Test func tieGoesToNeverAssigned() {
        let candidates = [member(1, .bedrijfsarts, open: 1, last: 1), member(2, .bedrijfsarts, open: 1, last: nil)]
        #expect(chosen(.bedrijfsarts, need(1, [.bedrijfsarts]), candidates) == uuid(2))
        #expect(chosen(.bedrijfsarts, need(1, [.bedrijfsarts]), candidates.reversed()) == uuid(2))
    }

    @Test func thenToTheOldestLastAssignment() {
        let candidates = [
            member(1, .verzekeringsarts, open: 2, last: 30),
            member(2, .verzekeringsarts, open: 2, last: 10),
            member(3, .verzekeringsarts, open: 2, last: 20),
        ]
        #expect(chosen(.verzekeringsarts, need(1, [.verzekeringsarts]), candidates) == uuid(2))
        #expect(chosen(.verzekeringsarts, need(1, [.verzekeringsarts]), candidates.reversed()) == uuid(2))
    }

    @Test func thenToTheLowerId() {
        // 0x0A and 0x0B differ in a hex letter; 0x09 is lower than both.
        let candidates = [member(0xB, .arbeidsdeskundige), member(0xA, .arbeidsdeskundige), member(0x9, .arbeidsdeskundige)]
        #expect(chosen(.arbeidsdeskundige, need(1, [.arbeidsdeskundige]), candidates) == uuid(0x9))
        #expect(chosen(.arbeidsdeskundige, need(1, [.arbeidsdeskundige]), Array(candidates.prefix(2))) == uuid(0xA))
        let assigned = [member(0xB, .arbeidsdeskundige, last: 5), member(0xA, .arbeidsdeskundige, last: 5)]
        #expect(chosen(.arbeidsdeskundige, need(1, [.arbeidsdeskundige]), assigned) == uuid(0xA))
    }

    @Test func theChoiceDoesNotDependOnCandidateOrder() {
        let candidates = [
            member(1, .bedrijfsarts, open: 1, last: 7), member(2, .bedrijfsarts, open: 1, last: 3),
            member(3, .bedrijfsarts, open: 2, last: nil), member(4, .bedrijfsarts, open: 1, last: 3),
            member(5, .verzekeringsarts, open: 0, last: nil),
        ]
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<50 {
            #expect(chosen(.bedrijfsarts, need(1, [.bedrijfsarts]), candidates.shuffled(using: &rng)) == uuid(2))
        }
    }

    @Test func onlyTheRequestedDiscipline() {
        let candidates = [member(1, .verzekeringsarts), member(2, .arbeidsdeskundige)]
        #expect(chosen(.bedrijfsarts, need(1, [.bedrijfsarts]), candidates) == nil)
        #expect(chosen(.arbeidsdeskundige, need(1, [.arbeidsdeskundige]), candidates) == uuid(2))
    }

    @Test func aFullMemberIsNeverChosen() {
        let candidates = [member(1, .bedrijfsarts, open: 5, max: 5), member(2, .bedrijfsarts, open: 7, max: 3)]
        #expect(chosen(.bedrijfsarts, need(1, [.bedrijfsarts]), candidates) == nil)
        let withRoom = candidates + [member(3, .bedrijfsarts, open: 4, max: 5)]
        #expect(chosen(.bedrijfsarts, need(1, [.bedrijfsarts]), withRoom) == uuid(3))
    }

    @Test func aMemberAlreadyOnThePanelIsNotChosenAgain() {
        let candidates = [member(1, .bedrijfsarts, open: 0), member(2, .bedrijfsarts, open: 3)]
        let partial = need(1, [.bedrijfsarts, .verzekeringsarts], members: [uuid(1)])
        #expect(chosen(.bedrijfsarts, partial, candidates) == uuid(2))
        #expect(chosen(.bedrijfsarts, need(1, [.bedrijfsarts], members: [uuid(1), uuid(2)]), candidates) == nil)
    }

    @Test(arguments: [
        ["Bakkerij Jansen B.V."],
        ["  bakkerij   JANSEN b.v. "],  // case, surrounding and inner white space ignored
        ["bakkerij\tjansen\nb.v."],
        ["12345678"],
        [" 12345678 "],
        ["ArboNed"],
        ["ARBONED"],
        ["Zorg BV", "arboned  "],  // any one affiliation is enough
    ])
    func conflictedAffiliationsExclude(affiliations: [String]) {
        let candidates = [member(1, .bedrijfsarts, affiliations: affiliations, open: 0), member(2, .bedrijfsarts, open: 4)]
        #expect(chosen(.bedrijfsarts, need(1, [.bedrijfsarts]), candidates) == uuid(2))
    }

    @Test(arguments: ["J. Bakker", "j. bakker", "  J.   Bakker "])
    func theDisputedCompanyDoctorIsExcluded(name: String) {
        let candidates = [member(1, .bedrijfsarts, name: name, open: 0), member(2, .bedrijfsarts, open: 4)]
        #expect(chosen(.bedrijfsarts, need(1, [.bedrijfsarts]), candidates) == uuid(2))
    }

    @Test func similarButDifferentAffiliationsDoNotExclude() {
        let candidates = [
            member(1, .bedrijfsarts, name: "J. Bakkers", affiliations: ["Bakkerij Jansen", "123456789", "ArboNed Noord"], open: 0),
            member(2, .bedrijfsarts, open: 4),
        ]
        #expect(chosen(.bedrijfsarts, need(1, [.bedrijfsarts]), candidates) == uuid(1))
    }

    @Test func noCandidatesMeansNoChoice() {
        #expect(Routing.choose(.bedrijfsarts, for: need(1, [.bedrijfsarts]), among: []) == nil)
    }
}

@Suite("Routing.plan")
struct RoutingPlanTests {
    @Test func firstPhysicianChairsEvenAfterAnArbeidsdeskundige() {
        var candidates = [member(1, .arbeidsdeskundige), member(2, .bedrijfsarts), member(3, .verzekeringsarts)]
        let plan = Routing.plan([need(1, [.arbeidsdeskundige, .verzekeringsarts, .bedrijfsarts])], candidates: &candidates, nextOrdinal: 100)
        #expect(plan.assignments.map(\.staffId) == [uuid(1), uuid(3), uuid(2)])
        #expect(plan.assignments.map(\.discipline) == [.arbeidsdeskundige, .verzekeringsarts, .bedrijfsarts])
        #expect(plan.assignments.map(\.isChair) == [false, true, false])
        #expect(plan.completed == [uuid(0x1001)])
    }

    @Test func aCaseWithAChairGetsNoSecondChair() {
        var candidates = [member(2, .bedrijfsarts), member(3, .verzekeringsarts)]
        let existing = need(1, [.verzekeringsarts, .bedrijfsarts], filled: [.verzekeringsarts], members: [uuid(9)], hasChair: true)
        let plan = Routing.plan([existing], candidates: &candidates, nextOrdinal: 1)
        #expect(plan.assignments.count == 1)
        #expect(plan.assignments.first?.staffId == uuid(2))
        #expect(plan.assignments.first?.isChair == false)
        #expect(plan.completed == [uuid(0x1001)])
    }

    @Test func filledDisciplinesAreNotFilledAgain() {
        var candidates = [member(2, .bedrijfsarts), member(3, .verzekeringsarts)]
        let existing = need(1, [.bedrijfsarts, .verzekeringsarts], filled: [.bedrijfsarts], members: [uuid(8)], hasChair: true)
        let plan = Routing.plan([existing], candidates: &candidates, nextOrdinal: 1)
        #expect(plan.assignments.map(\.discipline) == [.verzekeringsarts])
        #expect(candidates[0].openCases == 0)
    }

    @Test func loadsAndOrdinalsAreUpdatedAsThePlanGoes() {
        var candidates = [member(1, .bedrijfsarts, open: 2, last: 40), member(2, .bedrijfsarts, open: 2, last: 41), member(3, .bedrijfsarts, open: 3)]
        let plan = Routing.plan((1...4).map { need($0, [.bedrijfsarts]) }, candidates: &candidates, nextOrdinal: 500)
        // Case 1: members 1 and 2 tie on load, 1 was assigned longer ago. Case 2: member 2 (load 2).
        // Case 3: all three at load 3; member 3 was never assigned. Case 4: members 1 and 2 at load 3; 1's ordinal 500 is oldest.
        #expect(plan.assignments.map(\.staffId) == [uuid(1), uuid(2), uuid(3), uuid(1)])
        #expect(candidates.map(\.openCases) == [4, 3, 4])
        #expect(candidates.map(\.lastAssignment) == [503, 501, 502])
        #expect(plan.assignments.allSatisfy { $0.isChair })
        #expect(plan.completed == (1...4).map { uuid(0x1000 + $0) })
    }

    @Test func capacityIsNeverExceededAcrossManyCases() {
        var candidates = [member(1, .bedrijfsarts, max: 2), member(2, .bedrijfsarts, open: 1, max: 2), member(3, .bedrijfsarts, max: 3)]
        let needs = (1...10).map { need($0, [.bedrijfsarts]) }
        let plan = Routing.plan(needs, candidates: &candidates, nextOrdinal: 1)
        #expect(plan.assignments.count == 6)  // 2 + 1 + 3 free seats
        #expect(candidates.map(\.openCases) == [2, 2, 3])
        // Oldest cases first: the first six get a member, the last four wait.
        #expect(plan.completed == (1...6).map { uuid(0x1000 + $0) })
        #expect(Set(plan.assignments.map(\.caseId)) == Set((1...6).map { uuid(0x1000 + $0) }))
    }

    @Test func aPartialPanelKeepsWhatItGets() {
        var candidates = [member(1, .bedrijfsarts), member(3, .arbeidsdeskundige, affiliations: ["ArboNed"])]
        let plan = Routing.plan(
            [need(1, [.bedrijfsarts, .verzekeringsarts, .arbeidsdeskundige])], candidates: &candidates, nextOrdinal: 1)
        #expect(plan.assignments.map(\.staffId) == [uuid(1)])
        #expect(plan.assignments.first?.isChair == true)
        #expect(plan.completed.isEmpty)
        #expect(candidates[0].openCases == 1)
        #expect(candidates[1].openCases == 0, "conflicted arbeidsdeskundige not assigned")
    }

    @Test func aLaterPassCompletesAPartialPanel() {
        // The case above, re-routed once a verzekeringsarts and a free arbeidsdeskundige exist.
        var candidates = [member(4, .verzekeringsarts), member(5, .arbeidsdeskundige)]
        let waiting = need(1, [.bedrijfsarts, .verzekeringsarts, .arbeidsdeskundige], filled: [.bedrijfsarts], members: [uuid(1)], hasChair: true)
        let plan = Routing.plan([waiting], candidates: &candidates, nextOrdinal: 2)
        #expect(plan.assignments.map(\.staffId) == [uuid(4), uuid(5)])
        #expect(plan.assignments.allSatisfy { !$0.isChair })
        #expect(plan.completed == [uuid(0x1001)])
    }

    @Test func aMemberIsNeverChosenTwiceForOneCase() {
        // Even if a discipline were requested twice, the one bedrijfsarts sits once.
        var candidates = [member(1, .bedrijfsarts)]
        let plan = Routing.plan([need(1, [.bedrijfsarts, .bedrijfsarts])], candidates: &candidates, nextOrdinal: 1)
        #expect(plan.assignments.map(\.staffId) == [uuid(1)])
        #expect(candidates[0].openCases == 1)
    }

    @Test func conflictsAreCheckedPerCase() {
        // Member 1 worked for Bakkerij Jansen: not on that case, but fine for another employer.
        let other = ConflictProfile(employerName: "Garage De Boer", employerKvk: "87654321", physicianName: nil, physicianOrganisation: nil)
        var candidates = [member(1, .bedrijfsarts, affiliations: ["Bakkerij Jansen B.V."]), member(2, .bedrijfsarts, open: 3)]
        let plan = Routing.plan(
            [need(1, [.bedrijfsarts]), need(2, [.bedrijfsarts], conflicts: other)], candidates: &candidates, nextOrdinal: 1)
        #expect(plan.assignments.map(\.staffId) == [uuid(2), uuid(1)])
    }

    @Test func nothingToDoGivesAnEmptyPlan() {
        var candidates = [member(1, .bedrijfsarts)]
        let plan = Routing.plan([], candidates: &candidates, nextOrdinal: 1)
        #expect(plan.assignments.isEmpty && plan.completed.isEmpty)
        #expect(candidates[0].openCases == 0 && candidates[0].lastAssignment == nil)
    }
}

@Suite("Routing invariants (randomized)")
struct RoutingPropertyTests {
    /// Independent restatement of the contract's eligibility rule.
    private static func norm(_ s: String) -> String {
        s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private struct Scenario {
        var employer: String
        var kvk: String
        var physician: String?
        var organisation: String?
        var profile: ConflictProfile {
            ConflictProfile(employerName: employer, employerKvk: kvk, physicianName: physician, physicianOrganisation: organisation)
        }
        func conflicted(_ c: RoutingCandidate) -> Bool {
            if let physician, !RoutingPropertyTests.norm(physician).isEmpty, RoutingPropertyTests.norm(physician) == RoutingPropertyTests.norm(c.name) {
                return true
            }
            let forbidden = Set([employer, kvk, organisation ?? ""].map(RoutingPropertyTests.norm)).subtracting([""])
            return c.affiliations.contains { forbidden.contains(RoutingPropertyTests.norm($0)) }
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomPassesKeepEveryInvariant(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let employers = ["Bakkerij Jansen B.V.", "Garage De Boer", "Zorggroep Oost", "Gemeente Utrecht"]
        let orgs = ["ArboNed", "Arbo Unie", "HumanCapitalCare", nil]
        let people = ["J. Bakker", "A. de Vries", "M. Jansen", "P. Smit", "K. Visser", "L. Mulder"]
        for round in 0..<25 {
            // Candidates: random discipline, load, capacity (sometimes already over it), affiliations and names.
            let candidateCount = Int.random(in: 0...12, using: &rng)
            let original: [RoutingCandidate] = (0..<candidateCount).map { i in
                let max = Int.random(in: 1...4, using: &rng)
                var affiliations: [String] = []
                for _ in 0..<Int.random(in: 0...2, using: &rng) {
                    switch Int.random(in: 0...3, using: &rng) {
                    case 0: affiliations.append("  " + employers.randomElement(using: &rng)!.uppercased())
                    case 1: affiliations.append(String(Int.random(in: 10_000_000...10_000_005, using: &rng)))
                    case 2: affiliations.append((orgs.randomElement(using: &rng)! ?? "Elders").lowercased() + " ")
                    default: affiliations.append("Eigen praktijk")
                    }
                }
                return RoutingCandidate(
                    staffId: UUID(), name: people.randomElement(using: &rng)!,
                    discipline: Discipline.allCases.randomElement(using: &rng)!, affiliations: affiliations,
                    openCases: Int.random(in: 0...(max + 1), using: &rng), maxOpenCases: max,
                    lastAssignment: Bool.random(using: &rng) ? nil : Int64.random(in: 0...20, using: &rng))
            }
            // Needs: distinct disciplines with at least one physician, some already partly filled by outside members.
            var scenarios: [UUID: Scenario] = [:]
            let needs: [RoutingNeed] = (0..<Int.random(in: 0...10, using: &rng)).map { _ in
                var requested = Discipline.allCases.filter { _ in Bool.random(using: &rng) }
                if !requested.contains(where: \.isPhysician) { requested.append(.bedrijfsarts) }
                requested.shuffle(using: &rng)
                let filledCount = Int.random(in: 0...(requested.count - 1), using: &rng)
                let filled = Set(requested.prefix(filledCount))
                let scenario = Scenario(
                    employer: employers.randomElement(using: &rng)!, kvk: String(Int.random(in: 10_000_000...10_000_005, using: &rng)),
                    physician: Bool.random(using: &rng) ? people.randomElement(using: &rng)! : nil,
                    organisation: orgs.randomElement(using: &rng)!)
                let id = UUID()
                scenarios[id] = scenario
                return RoutingNeed(
                    caseId: id, requested: requested, filled: filled, members: Set(filled.map { _ in UUID() }),
                    hasChair: filled.contains(where: \.isPhysician), conflicts: scenario.profile)
            }

            var candidates = original
            let plan = Routing.plan(needs, candidates: &candidates, nextOrdinal: 1_000)
            let byId = Dictionary(uniqueKeysWithValues: original.map { ($0.staffId, $0) })
            let context = "seed \(seed) round \(round)"

            // Loads: each candidate's final load is its start plus its assignments, and never above its maximum
            // unless it was already there and got nothing.
            for (before, after) in zip(original, candidates) {
                let taken = plan.assignments.filter { $0.staffId == before.staffId }.count
                #expect(after.openCases == before.openCases + taken, "\(context)")
                if taken > 0 { #expect(after.openCases <= after.maxOpenCases, "\(context): over max_open_cases") }
            }
            // Replay in order: every assignment was eligible and had the fewest open cases at that moment;
            // every discipline left open had nobody eligible.
            var loads = Dictionary(uniqueKeysWithValues: original.map { ($0.staffId, $0.openCases) })
            var cursor = 0
            for need in needs {
                let scenario = scenarios[need.caseId]!
                var members = need.members
                var chairs = need.hasChair ? 1 : 0
                var filled = need.filled
                for discipline in need.missing {
                    let eligible = original.filter {
                        $0.discipline == discipline && loads[$0.staffId]! < $0.maxOpenCases && !members.contains($0.staffId)
                            && !scenario.conflicted($0)
                    }
                    let next = cursor < plan.assignments.count ? plan.assignments[cursor] : nil
                    guard let a = next, a.caseId == need.caseId, a.discipline == discipline else {
                        #expect(eligible.isEmpty, "\(context): \(discipline) left open although someone was eligible")
                        continue
                    }
                    cursor += 1
                    let c = byId[a.staffId]!
                    #expect(c.discipline == discipline, "\(context)")
                    #expect(!scenario.conflicted(c), "\(context): conflicted member assigned")
                    #expect(!members.contains(c.staffId), "\(context): member chosen twice")
                    #expect(loads[c.staffId]! < c.maxOpenCases, "\(context): full member assigned")
                    #expect(loads[c.staffId]! == eligible.map { loads[$0.staffId]! }.min(), "\(context): not the least loaded")
                    if a.isChair {
                        chairs += 1
                        #expect(a.discipline.isPhysician, "\(context): chair is not a physician")
                    } else {
                        #expect(chairs == 1 || !a.discipline.isPhysician, "\(context): first physician does not chair")
                    }
                    loads[c.staffId]! += 1
                    members.insert(c.staffId)
                    filled.insert(discipline)
                }
                #expect(chairs <= 1, "\(context): more than one chair")
                #expect(plan.completed.contains(need.caseId) == need.requested.allSatisfy(filled.contains), "\(context)")
            }
            #expect(cursor == plan.assignments.count, "\(context): assignments out of order or for unknown cases")
        }
    }
}
