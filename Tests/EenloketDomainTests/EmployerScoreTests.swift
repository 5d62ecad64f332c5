import Testing

@testable import EenloketDomain

/// Contract: weighted_score = (3·c(year) + 2·c(year-1) + 1·c(year-2)) / 6, counts given oldest first.
@Suite("EmployerScore")
struct EmployerScoreTests {
    @Test(arguments: [
        ([0, 0, 6], 3.0),  // latest year ×3
        ([0, 6, 0], 2.0),  // middle year ×2
        ([6, 0, 0], 1.0),  // oldest year ×1
        ([0, 0, 0], 0.0),
        ([2, 2, 2], 2.0),  // a steady rate keeps its value
        ([1, 2, 3], 14.0 / 6),
        ([3, 2, 1], 10.0 / 6),
        ([5, 0, 1], 8.0 / 6),
        ([10, 20, 40], 170.0 / 6),
    ] as [([Int], Double)])
    func weighted(counts: [Int], expected: Double) {
        #expect(abs(EmployerScore.weighted(counts) - expected) < 1e-12)
    }

    @Test func risingBeatsFallingWithTheSameTotal() {
        #expect(EmployerScore.weighted([1, 2, 6]) > EmployerScore.weighted([6, 2, 1]))
    }

    @Test func employersBelowFiveCasesAreLeftOut() {
        #expect(EmployerScore.minimumCases == 5)
    }

    @Test func requiresExactlyThreeYears() async {
        await #expect(processExitsWith: .failure) {
            _ = EmployerScore.weighted([1, 2])
        }
    }
}
