import EenloketDomain
import Foundation
import PostgresNIO

/// The aggregate figures for supervision: never an individual case.
public struct StatsRepository: Sendable {
    let db: Database

    public init(db: Database) {
        self.db = db
    }

    public struct Overview: Sendable {
        public let casesByStatus: [CaseStatus: Int]
        public let casesByType: [CaseType: Int]
        public let medianDaysToRuling: Double?
        public let shareRuledWithinDue: Double?
        /// Of the rulings some party answered a check-in about, the share whose
        /// latest answer says the ruling is carried out.
        public let shareRulingsCarriedOut: Double?
    }

    public struct EmployerLine: Sendable {
        public let kvkNumber: String
        public let name: String
        /// Accepted cases in year-2, year-1 and year.
        public let cases: [Int]
        public let weightedScore: Double
    }

    /// Counts by status and type, and how quickly and punctually the pool rules.
    ///
    /// Days to ruling are whole calendar days (Europe/Amsterdam) from filing to
    /// ruling; "within due" compares the ruling's date with the ruling stage's `due_by`.
    public func overview() async throws -> Overview {
        var byStatus = Dictionary(uniqueKeysWithValues: CaseStatus.allCases.map { ($0, 0) })
        for row in try await db.rows("SELECT status, count(*)::int FROM cases GROUP BY status") {
            let (status, count) = try row.decode((CaseStatus, Int).self)
            byStatus[status] = count
        }
        var byType = Dictionary(uniqueKeysWithValues: CaseType.allCases.map { ($0, 0) })
        for row in try await db.rows("SELECT case_type, count(*)::int FROM cases WHERE case_type IS NOT NULL GROUP BY case_type") {
            let (type, count) = try row.decode((CaseType, Int).self)
            byType[type] = count
        }
        let rows = try await db.rows(
            """
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY r.decided_on - c.filed_on)::float8,
                   avg(CASE WHEN d.due_by IS NULL OR r.decided_on <= d.due_by THEN 1.0 ELSE 0.0 END)::float8
              FROM rulings r
              JOIN cases c ON c.id = r.case_id
              LEFT JOIN case_deadlines d ON d.case_id = r.case_id AND d.stage = 'ruling'
            """)
        let (median, share) = try rows[0].decode((Double?, Double?).self)
        let carried = try await db.rows(
            """
            SELECT avg(CASE WHEN latest.carried_out = 'yes' THEN 1.0 ELSE 0.0 END)::float8
              FROM (SELECT DISTINCT ON (case_id) case_id, carried_out FROM follow_ups
                     WHERE answered_at IS NOT NULL ORDER BY case_id, answered_at DESC, id) AS latest
            """)
        return Overview(
            casesByStatus: byStatus, casesByType: byType, medianDaysToRuling: median, shareRuledWithinDue: share,
            shareRulingsCarriedOut: try carried[0].decode(Double?.self))
    }

    /// Accepted cases per employer over three years with the 3-2-1 weighted score,
    /// leaving out employers with fewer than `EmployerScore.minimumCases`.
    public func employers(year: Int) async throws -> [EmployerLine] {
        let rows = try await db.rows(
            """
            SELECT c.employer_kvk,
                   (array_agg(c.employer_name ORDER BY c.created_at DESC, c.id DESC))[1],
                   count(*) FILTER (WHERE c.filed_year = \(year - 2))::int,
                   count(*) FILTER (WHERE c.filed_year = \(year - 1))::int,
                   count(*) FILTER (WHERE c.filed_year = \(year))::int
              FROM cases c
             WHERE c.triage_decision = 'accept' AND c.filed_year BETWEEN \(year - 2) AND \(year)
             GROUP BY c.employer_kvk
            HAVING count(*) >= \(EmployerScore.minimumCases)
            """)
        let lines = try rows.map { row in
            let (kvk, name, c0, c1, c2) = try row.decode((String, String, Int, Int, Int).self)
            return EmployerLine(kvkNumber: kvk, name: name, cases: [c0, c1, c2], weightedScore: EmployerScore.weighted([c0, c1, c2]))
        }
        return lines.sorted { $0.weightedScore != $1.weightedScore ? $0.weightedScore > $1.weightedScore : $0.kvkNumber < $1.kvkNumber }
    }

    /// Accepted cases per month (by filing date) and case type, from `first` to `last` month inclusive.
    public func acceptedPerMonth(from first: LocalDate, to last: LocalDate) async throws -> [(month: String, type: CaseType, count: Int)] {
        let rows = try await db.rows(
            """
            SELECT to_char(date_trunc('month', filed_on), 'YYYY-MM'), case_type, count(*)::int
              FROM cases
             WHERE triage_decision = 'accept' AND filed_on >= \(first.description)::date
               AND filed_on < (\(last.description)::date + interval '1 month')
             GROUP BY 1, 2 ORDER BY 1, 2
            """)
        return try rows.map { row in
            let (month, type, count) = try row.decode((String, CaseType, Int).self)
            return (month, type, count)
        }
    }

    /// Rulings per case type and outcome.
    public func outcomesByType() async throws -> [(type: CaseType, outcome: RulingOutcome, count: Int)] {
        let rows = try await db.rows(
            """
            SELECT c.case_type, r.outcome, count(*)::int
              FROM rulings r JOIN cases c ON c.id = r.case_id
             GROUP BY 1, 2 ORDER BY 1, 2
            """)
        return try rows.map { row in
            let (type, outcome, count) = try row.decode((CaseType, RulingOutcome, Int).self)
            return (type, outcome, count)
        }
    }

    /// How many rulings there are (figures based on fewer than the threshold are withheld).
    public func rulingCount() async throws -> Int {
        try await db.rows("SELECT count(*)::int FROM rulings")[0].decode(Int.self)
    }

    /// Cases per status, for the metrics endpoint.
    public func casesByStatus() async throws -> [CaseStatus: Int] {
        var result = Dictionary(uniqueKeysWithValues: CaseStatus.allCases.map { ($0, 0) })
        for row in try await db.rows("SELECT status, count(*)::int FROM cases GROUP BY status") {
            let (status, count) = try row.decode((CaseStatus, Int).self)
            result[status] = count
        }
        return result
    }
}
