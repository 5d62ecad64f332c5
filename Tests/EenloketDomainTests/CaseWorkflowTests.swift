import Testing

@testable import EenloketDomain

@Suite("CaseTransition")
struct CaseWorkflowTests {
    /// The contract's status changes: triage (accept → awaiting_panel or in_review, refer, answer),
    /// routing completing the panel, the ruling, and withdrawal before the ruling.
    static let contract: Set<StatusPair> = [
        StatusPair(from: .submitted, to: .awaitingPanel),
        StatusPair(from: .submitted, to: .inReview),
        StatusPair(from: .submitted, to: .referred),
        StatusPair(from: .submitted, to: .answered),
        StatusPair(from: .submitted, to: .withdrawn),
        StatusPair(from: .awaitingPanel, to: .inReview),
        StatusPair(from: .awaitingPanel, to: .withdrawn),
        StatusPair(from: .inReview, to: .ruled),
        StatusPair(from: .inReview, to: .withdrawn),
    ]

    /// Beyond the core contract, the service lets a coordinator change a working panel
    /// (domain.md §2.5: the MDO "may widen the panel later"): `reopenPanel`, in_review →
    /// awaiting_panel while a new seat waits. Nothing else is added.
    /// Part 2 of the contract adds the draft round: in_review → draft_ruling → ruled, and withdrawal from draft_ruling.
    static let part2: Set<StatusPair> = [
        StatusPair(from: .inReview, to: .draftRuling),
        StatusPair(from: .draftRuling, to: .ruled),
        StatusPair(from: .draftRuling, to: .withdrawn),
    ]

    static let designed: Set<StatusPair> = contract.union(part2).union([StatusPair(from: .inReview, to: .awaitingPanel)])

    @Test func allowedPairsAreTheContractPlusReopeningThePanel() {
        #expect(Self.contract.union(Self.part2).isSubset(of: CaseTransition.allowedPairs))
        #expect(
            CaseTransition.allowedPairs.subtracting(Self.contract).subtracting(Self.part2) == [StatusPair(from: .inReview, to: .awaitingPanel)])
        #expect(CaseTransition.allowedPairs == Self.designed)
    }

    @Test func everyOtherPairIsForbidden() {
        var allowed: [String] = []
        for from in CaseStatus.allCases {
            for to in CaseStatus.allCases where !Self.designed.contains(StatusPair(from: from, to: to)) {
                if CaseTransition.allowedPairs.contains(StatusPair(from: from, to: to)) { allowed.append("\(from)→\(to)") }
            }
        }
        #expect(allowed.isEmpty, "\(allowed)")
        #expect(!CaseTransition.allowedPairs.contains(StatusPair(from: .ruled, to: .withdrawn)))
        #expect(!CaseTransition.allowedPairs.contains(StatusPair(from: .awaitingPanel, to: .ruled)))
        #expect(!CaseTransition.allowedPairs.contains(StatusPair(from: .ruled, to: .inReview)))
        #expect(!CaseTransition.allowedPairs.contains(StatusPair(from: .withdrawn, to: .submitted)))
    }

    @Test func finalStatusesHaveNoWayOut() {
        let final: Set<CaseStatus> = [.ruled, .referred, .answered, .withdrawn]
        for status in CaseStatus.allCases {
            #expect(status.isFinal == final.contains(status), "\(status)")
            let leaves = CaseTransition.allCases.contains { $0.from.contains(status) }
            #expect(leaves == !final.contains(status), "\(status)")
        }
        // Nothing ever returns to submitted; no status changes to itself.
        #expect(!CaseTransition.allCases.contains { $0.to == .submitted })
        #expect(CaseTransition.allowedPairs.allSatisfy { $0.from != $0.to })
    }

    @Test(arguments: [
        (CaseTransition.acceptAwaitingPanel, [CaseStatus.submitted], CaseStatus.awaitingPanel),
        (.acceptInReview, [.submitted], .inReview),
        (.refer, [.submitted], .referred),
        (.answer, [.submitted], .answered),
        (.panelComplete, [.awaitingPanel], .inReview),
        (.reopenPanel, [.inReview], .awaitingPanel),
        (.issueDraft, [.inReview], .draftRuling),
        (.rule, [.inReview, .draftRuling], .ruled),
        (.withdraw, [.submitted, .awaitingPanel, .inReview, .draftRuling], .withdrawn),
    ] as [(CaseTransition, [CaseStatus], CaseStatus)])
    func eachTransition(transition: CaseTransition, from: [CaseStatus], to: CaseStatus) {
        #expect(transition.from == Set(from))
        #expect(transition.to == to)
    }

    @Test func theTableAboveNamesEveryTransition() {
        #expect(Set(CaseTransition.allCases) == [
            .acceptAwaitingPanel, .acceptInReview, .refer, .answer, .panelComplete, .reopenPanel, .issueDraft, .rule, .withdraw,
        ])
    }

    @Test func triageDecisions() {
        #expect(CaseTransition.triage(.accept, panelComplete: true) == .acceptInReview)
        #expect(CaseTransition.triage(.accept, panelComplete: false) == .acceptAwaitingPanel)
        #expect(CaseTransition.triage(.refer, panelComplete: false) == .refer)
        #expect(CaseTransition.triage(.refer, panelComplete: true) == .refer)
        #expect(CaseTransition.triage(.answer, panelComplete: true) == .answer)
        #expect(CaseTransition.triage(.answer, panelComplete: false) == .answer)
    }

    @Test func openStatusesCountAgainstCapacity() {
        // Contract: a member's open cases are those in awaiting_panel or in_review; Part 2 adds draft_ruling.
        #expect(CaseStatus.open == [.awaitingPanel, .inReview, .draftRuling])
    }

    @Test func statusNamesMatchTheContract() {
        #expect(CaseStatus.allCases.map(\.rawValue).sorted()
            == ["answered", "awaiting_panel", "draft_ruling", "in_review", "referred", "ruled", "submitted", "withdrawn"])
        #expect(CaseType.allCases.map(\.rawValue).sorted()
            == ["other", "reintegration_effort", "second_opinion", "suitable_work", "track_two", "work_capacity"])
        #expect(RulingOutcome.allCases.map(\.rawValue).sorted() == ["overturned", "partly_upheld", "upheld"])
        #expect(TriageDecision.allCases.map(\.rawValue).sorted() == ["accept", "answer", "refer"])
    }
}
