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

    // MARK: Queries
    //
    // The figures come from the aggregate tables of migration 0009, which
    // triggers keep up to date as cases, rulings and check-ins change: a few
    // hundred rows to read whatever the number of cases. Each query answers
    // exactly as the same question over the base tables (QueryPlanTests
    // compares them on generated data, and runs them under EXPLAIN).

    /// Cases per status.
    static var casesByStatusQuery: PostgresQuery { "SELECT status, sum(cases)::int FROM stats_case_counts GROUP BY status" }

    /// Cases per type (triaged ones).
    static var casesByTypeQuery: PostgresQuery {
        "SELECT case_type, sum(cases)::int FROM stats_case_counts WHERE case_type <> '' GROUP BY case_type"
    }

    /// The median of whole days from filing to ruling (percentile_cont(0.5):
    /// between the two middle rulings when their number is even) and the share
    /// ruled by the ruling stage's due_by (or without one), from the histogram
    /// of rulings by days. The share is divided as avg() divides (numeric).
    static var rulingFiguresQuery: PostgresQuery {
        """
        WITH h AS (SELECT days, sum(rulings) AS n, sum(rulings) FILTER (WHERE within_due) AS w FROM stats_rulings GROUP BY days),
             t AS (SELECT sum(n) AS total, coalesce(sum(w), 0) AS within, (sum(n) - 1) / 2.0 AS pos FROM h),
             c AS (SELECT days, sum(n) OVER (ORDER BY days) AS upto FROM h)
        SELECT (lo.days + (t.pos - floor(t.pos)) * (hi.days - lo.days))::float8,
               CASE WHEN t.total > 0 THEN ((t.within + 0.0) / t.total)::float8 END
          FROM t
          LEFT JOIN LATERAL (SELECT days FROM c WHERE c.upto > floor(t.pos) ORDER BY days LIMIT 1) lo ON true
          LEFT JOIN LATERAL (SELECT days FROM c WHERE c.upto > ceil(t.pos) ORDER BY days LIMIT 1) hi ON true
        """
    }

    /// Of the ruled cases with an answered check-in, the share whose latest answer says "carried out".
    static var carriedOutQuery: PostgresQuery {
        """
        SELECT (SELECT CASE WHEN cases > 0 THEN ((carried_out + 0.0) / cases)::float8 END FROM stats_follow_through_totals)
        """
    }

    /// Employers with at least `EmployerScore.minimumCases` accepted cases filed in year-2 … year.
    static func employersQuery(year: Int) -> PostgresQuery {
        """
        SELECT employer_kvk, latest_name, cases_year_2::int, cases_year_1::int, cases_year_0::int
          FROM stats_employer_windows
         WHERE window_year = \(year) AND cases >= \(EmployerScore.minimumCases)
        """
    }

    /// Accepted cases per filing month and type, months `first` … `last` (first days of months).
    static func acceptedPerMonthQuery(from first: LocalDate, to last: LocalDate) -> PostgresQuery {
        """
        SELECT to_char(month, 'YYYY-MM'), case_type, sum(cases)::int
          FROM stats_accepted_months
         WHERE month BETWEEN \(first.description)::date AND \(last.description)::date
         GROUP BY 1, 2 ORDER BY 1, 2
        """
    }

    /// Rulings per case type and outcome.
    static var outcomesByTypeQuery: PostgresQuery {
        "SELECT case_type, outcome, sum(rulings)::int FROM stats_rulings GROUP BY 1, 2 ORDER BY 1, 2"
    }

    /// How many rulings there are.
    static var rulingCountQuery: PostgresQuery { "SELECT coalesce(sum(rulings), 0)::int FROM stats_rulings" }

    // MARK: Figures

    /// Counts by status and type, and how quickly and punctually the pool rules.
    ///
    /// Days to ruling are whole calendar days (Europe/Amsterdam) from filing to
    /// ruling; "within due" compares the ruling's date with the ruling stage's `due_by`.
    public func overview() async throws -> Overview {
        let byStatus = try await casesByStatus()
        var byType = Dictionary(uniqueKeysWithValues: CaseType.allCases.map { ($0, 0) })
        for row in try await db.rows(Self.casesByTypeQuery) {
            let (type, count) = try row.decode((CaseType, Int).self)
            byType[type] = count
        }
        let rows = try await db.rows(Self.rulingFiguresQuery)
        let (median, share) = try rows[0].decode((Double?, Double?).self)
        let carried = try await db.rows(Self.carriedOutQuery)
        return Overview(
            casesByStatus: byStatus, casesByType: byType, medianDaysToRuling: median, shareRuledWithinDue: share,
            shareRulingsCarriedOut: try carried[0].decode(Double?.self))
    }

    /// Accepted cases per employer over three years with the 3-2-1 weighted score,
    /// leaving out employers with fewer than `EmployerScore.minimumCases`.
    public func employers(year: Int) async throws -> [EmployerLine] {
        let rows = try await db.rows(Self.employersQuery(year: year))
        let lines = try rows.map { row in
            let (kvk, name, c0, c1, c2) = try row.decode((String, String, Int, Int, Int).self)
            return EmployerLine(kvkNumber: kvk, name: name, cases: [c0, c1, c2], weightedScore: EmployerScore.weighted([c0, c1, c2]))
        }
        return lines.sorted { $0.weightedScore != $1.weightedScore ? $0.weightedScore > $1.weightedScore : $0.kvkNumber < $1.kvkNumber }
    }

    /// Accepted cases per month (by filing date) and case type, from `first` to `last` month inclusive.
    public func acceptedPerMonth(from first: LocalDate, to last: LocalDate) async throws -> [(month: String, type: CaseType, count: Int)] {
        // The aggregate holds whole months; other bounds are counted from the cases themselves.
        let query: PostgresQuery =
            first.day == 1 && last.day == 1
            ? Self.acceptedPerMonthQuery(from: first, to: last)
            : """
            SELECT to_char(date_trunc('month', filed_on), 'YYYY-MM'), case_type, count(*)::int
              FROM cases
             WHERE triage_decision = 'accept' AND filed_on >= \(first.description)::date
               AND filed_on < (\(last.description)::date + interval '1 month')
             GROUP BY 1, 2 ORDER BY 1, 2
            """
        let rows = try await db.rows(query)
        return try rows.map { row in
            let (month, type, count) = try row.decode((String, CaseType, Int).self)
            return (month, type, count)
        }
    }

    /// Rulings per case type and outcome.
    public func outcomesByType() async throws -> [(type: CaseType, outcome: RulingOutcome, count: Int)] {
        let rows = try await db.rows(Self.outcomesByTypeQuery)
        return try rows.map { row in
            let (type, outcome, count) = try row.decode((CaseType, RulingOutcome, Int).self)
            return (type, outcome, count)
        }
    }

    /// How many rulings there are (figures based on fewer than the threshold are withheld).
    public func rulingCount() async throws -> Int {
        try await db.rows(Self.rulingCountQuery)[0].decode(Int.self)
    }

    /// Cases per status, for the overview and the metrics endpoint.
    public func casesByStatus() async throws -> [CaseStatus: Int] {
        var result = Dictionary(uniqueKeysWithValues: CaseStatus.allCases.map { ($0, 0) })
        for row in try await db.rows(Self.casesByStatusQuery) {
            let (status, count) = try row.decode((CaseStatus, Int).self)
            result[status] = count
        }
        return result
    }
}
