/// The 3-2-1 weighted three-year score per employer used for preventive supervision.
public enum EmployerScore {
    /// Employers with fewer cases than this over the three years are left out,
    /// so no individual can be singled out.
    public static let minimumCases = 5

    /// `(3·c(year) + 2·c(year-1) + 1·c(year-2)) / 6`, given counts oldest first.
    public static func weighted(_ counts: [Int]) -> Double {
        precondition(counts.count == 3)
        return Double(counts[0] + 2 * counts[1] + 3 * counts[2]) / 6
    }
}
