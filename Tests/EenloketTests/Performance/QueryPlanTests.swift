import EenloketDomain
@testable import EenloketStore
import Foundation
import Logging
import PostgresNIO
import Testing

/// The hot queries, exactly as the repositories send them, planned on a
/// database filled by the benchmark's data generator: no plan may read a big
/// table sequentially. Also checks the generator's invariants, and that the
/// statistics aggregates (migration 0009) answer as the base tables do.
@Suite("Query plans on a filled database")
struct QueryPlanTests {
    /// Cases the generator adds: enough that the planner prefers indexes where
    /// they matter, little enough to stay well under half a minute.
    static let cases = 20_000

    /// Tables that grow with the number of cases.
    static let bigTables: Set<String> = [
        "cases", "case_events", "case_parties", "case_deadlines", "panel_assignments", "rulings", "notifications", "timers",
        "case_medical",
    ]

    @Test func hotQueriesUseIndexesOnAFilledDatabase() async throws {
        try await withApp { t in
            let database = try #require(t.postgres.database)
            let added = try await GeneratedData.fill(database: database, cases: Self.cases)
            #expect(added["cases"] == Self.cases)
            try await GeneratedData.expectConsistent(database: database)
            try await t.sql(
                """
                VACUUM (ANALYZE) cases, case_events, case_parties, case_deadlines, panel_assignments, panel_members, staff,
                       rulings, appeals, case_medical, timers, notifications, escalations, follow_ups
                """)

            let queries = try await Self.hotQueries(t)
            var scans: [String] = []
            for (name, query) in queries {
                let plan = try await Self.explain(query, t)
                scans += Self.bigSequentialScans(plan).map { "\(name): Seq Scan on \($0)" }
            }
            scans += try await Self.genericPlanOfCaseForViewer(t)
            #expect(scans.isEmpty, "sequential scans of big tables:\n\(scans.joined(separator: "\n"))")

            try await Self.expectStatisticsMatchTheBaseTables(t)
        }
    }

    // MARK: The queries

    /// Every hot query with realistic parameters taken from the generated data.
    static func hotQueries(_ t: TestContext) async throws -> [(String, PostgresQuery)] {
        let now = Date()
        let ruledCase = try await t.sql("SELECT id FROM cases WHERE status = 'ruled' ORDER BY id LIMIT 1")[0].decode(UUID.self)
        let busyMember = try await t.sql("SELECT staff_id FROM panel_members ORDER BY open_cases DESC, staff_id LIMIT 1")[0]
            .decode(UUID.self)
        // A member without a single case: the list must not read the whole queue looking for one.
        let newMember = try await t.sql("SELECT id FROM staff WHERE role = 'intake_officer' ORDER BY id LIMIT 1")[0].decode(UUID.self)
        let waiting = try await t.sql("SELECT id FROM cases WHERE status = 'awaiting_panel' ORDER BY created_at, id LIMIT 3")
            .map { try $0.decode(UUID.self) }
        let oldestWaiting = try await t.sql("SELECT created_at, id FROM cases WHERE status = 'awaiting_panel' ORDER BY created_at, id LIMIT 1")
            .first.map { try $0.decode((Date, UUID).self) }
        // The cursor at the end of the queue's first page, as the service makes it.
        let firstPage = try await t.sql(try CaseRepository.listQuery(status: nil, panelMember: nil, limit: 50, after: nil))
        let last = try #require(firstPage.dropLast().last).decode((UUID, String, String, String?, Date, String?, String?).self)
        let cursor = CaseListCursor(dueBy: last.5.flatMap(LocalDate.init(iso:)), createdAt: last.4, id: last.0)
        let thisYear = AmsterdamTime.date(of: now).year
        let lastMonth = LocalDate(year: AmsterdamTime.date(of: now).year, month: AmsterdamTime.date(of: now).month, day: 1)!

        let viewer = CaseForViewer(id: ruledCase, viewer: .staff(StaffPrincipal(id: busyMember, role: .intakeOfficer, discipline: nil)))
        return [
            ("case by id (custom plan)", try viewer.plainQuery),
            ("events of a case", CaseRepository.eventsQuery(ruledCase)),
            ("work queue, intake officer", try CaseRepository.listQuery(status: nil, panelMember: nil, limit: 50, after: nil)),
            ("work queue, status in_review", try CaseRepository.listQuery(status: .inReview, panelMember: nil, limit: 50, after: nil)),
            ("work queue, status submitted", try CaseRepository.listQuery(status: .submitted, panelMember: nil, limit: 50, after: nil)),
            ("work queue, busy panel member", try CaseRepository.listQuery(status: nil, panelMember: busyMember, limit: 50, after: nil)),
            ("work queue, new panel member", try CaseRepository.listQuery(status: nil, panelMember: newMember, limit: 50, after: nil)),
            ("work queue, next page", try CaseRepository.listQuery(status: nil, panelMember: nil, limit: 50, after: cursor)),
            ("work queue, next page with status", try CaseRepository.listQuery(status: .ruled, panelMember: nil, limit: 50, after: cursor)),
            ("routing: waiting cases", try RoutingStore.needsQuery(ids: nil, after: nil)),
            ("routing: waiting cases, next page", try RoutingStore.needsQuery(ids: nil, after: oldestWaiting)),
            ("routing: locked cases", try RoutingStore.needsQuery(ids: waiting.isEmpty ? [ruledCase] : waiting, after: nil)),
            ("routing: member loads", RoutingStore.candidatesQuery(at: now)),
            ("routing: one case at triage", try NeedsOfCase(id: waiting.first ?? ruledCase).plainQuery),
            ("routing: best member per discipline", try RoutingStore.bestMemberQuery(
                [.bedrijfsarts, .verzekeringsarts, .arbeidsdeskundige],
                for: RoutingNeed(
                    caseId: ruledCase, requested: [.bedrijfsarts], filled: [], members: [], hasChair: false,
                    conflicts: ConflictProfile(employerName: "Bakkerij Jansen B.V.", employerKvk: "12345678",
                                               physicianName: "J. Bakker", physicianOrganisation: "ArboNed")),
                excluding: [], at: now, lock: SkipLocked.self)),
            ("stats: cases by status", StatsRepository.casesByStatusQuery),
            ("stats: cases by type", StatsRepository.casesByTypeQuery),
            ("stats: days to ruling", StatsRepository.rulingFiguresQuery),
            ("stats: carried out", StatsRepository.carriedOutQuery),
            ("stats: employers", StatsRepository.employersQuery(year: thisYear)),
            ("stats: accepted per month", StatsRepository.acceptedPerMonthQuery(from: LocalDate(year: thisYear - 1, month: 1, day: 1)!, to: lastMonth)),
            ("stats: outcomes", StatsRepository.outcomesByTypeQuery),
            ("stats: ruling count", StatsRepository.rulingCountQuery),
            ("escalations, open", Self.escalationsQuery(includeResolved: false)),
            ("escalations, all", Self.escalationsQuery(includeResolved: true)),
            ("letters to print", NotificationRepository.listQuery(state: "letters", limit: 100)),
            ("letters printed", NotificationRepository.listQuery(state: "printed", limit: 50)),
            ("failed messages", NotificationRepository.listQuery(state: "failed", limit: 100)),
            ("pending messages", NotificationRepository.listQuery(state: "pending", limit: 100)),
            ("due timers claim", TimerStore.dueQuery(at: now, limit: 100)),
            ("outbox delivery claim", NotificationRepository.dueQuery(at: now)),
        ]
    }

    /// `CoordinationRepository.escalations` (a copy: that file keeps its SQL inline).
    static func escalationsQuery(includeResolved: Bool) -> PostgresQuery {
        """
        SELECT e.id, e.case_id, c.reference, e.kind, e.detail, e.created_at, e.resolved_at
          FROM escalations e JOIN cases c ON c.id = e.case_id
         WHERE \(includeResolved) OR e.resolved_at IS NULL
         ORDER BY e.created_at DESC, e.id DESC
         LIMIT \(50)
        """
    }

    // MARK: Plans

    /// The plan the server makes for the query with its parameters (an unnamed
    /// statement, as the repositories send it: planned for these values).
    static func explain(_ query: PostgresQuery, _ t: TestContext) async throws -> JSONValue {
        let rows = try await t.sql(PostgresQuery(unsafeSQL: "EXPLAIN (FORMAT JSON) " + query.sql, binds: query.binds))
        return try rows[0].decode(JSONValue.self)
    }

    /// `CaseForViewer` is a named prepared statement: after five executions the
    /// server may switch to a plan made without the parameters' values.
    static func genericPlanOfCaseForViewer(_ t: TestContext) async throws -> [String] {
        let id = try await t.sql("SELECT id FROM cases WHERE status = 'in_review' ORDER BY id LIMIT 1")[0].decode(UUID.self)
        return try await t.deps.database.client.withConnection { conn in
            try await conn.run(PostgresQuery(unsafeSQL: "PREPARE plan_test_case AS " + CaseForViewer.sql), logger: testLogger)
            try await conn.run("SET plan_cache_mode = force_generic_plan", logger: testLogger)
            let rows = try await conn.rows(
                PostgresQuery(unsafeSQL: "EXPLAIN (FORMAT JSON) EXECUTE plan_test_case('\(id.uuidString)', 'staff', 'intake_officer', NULL, NULL)"),
                logger: testLogger)
            try await conn.run("DEALLOCATE plan_test_case", logger: testLogger)
            try await conn.run("RESET plan_cache_mode", logger: testLogger)
            return Self.bigSequentialScans(try rows[0].decode(JSONValue.self)).map { "case by id (generic plan): Seq Scan on \($0)" }
        }
    }

    /// The big tables a plan reads with a sequential scan (any depth, subplans included).
    static func bigSequentialScans(_ explain: JSONValue) -> [String] {
        var found: [String] = []
        func walk(_ node: JSONValue) {
            if node["Node Type"].string == "Seq Scan", let table = node["Relation Name"].string, bigTables.contains(table) {
                found.append(table)
            }
            node["Plans"].array.forEach(walk)
        }
        explain.array.forEach { walk($0["Plan"]) }
        return found
    }

    // MARK: Statistics

    /// Each statistics query over the aggregates against the same question over the base tables.
    static func expectStatisticsMatchTheBaseTables(_ t: TestContext) async throws {
        // Rows as their text form: the values in order, whatever the columns are called.
        func table(_ query: PostgresQuery) async throws -> [String] {
            let rows = try await t.sql(PostgresQuery(unsafeSQL: "SELECT q::text FROM (\(query.sql)) q", binds: query.binds))
            return try rows.map { try $0.decode(String.self) }
        }
        func same(_ name: String, _ aggregate: PostgresQuery, _ base: PostgresQuery, ordered: Bool = false) async throws {
            var a = try await table(aggregate)
            var b = try await table(base)
            if !ordered {
                a.sort()
                b.sort()
            }
            #expect(!b.isEmpty && a == b, "\(name): the aggregates say \(a.prefix(5)), the base tables \(b.prefix(5))")
        }
        let year = AmsterdamTime.date(of: Date()).year
        try await same(
            "cases by status", "SELECT status AS a, sum(cases)::int AS b FROM stats_case_counts GROUP BY status HAVING sum(cases) <> 0",
            "SELECT status AS a, count(*)::int AS b FROM cases GROUP BY status")
        try await same(
            "cases by type", StatsRepository.casesByTypeQuery,
            "SELECT case_type, count(*)::int FROM cases WHERE case_type IS NOT NULL GROUP BY case_type")
        try await same(
            "days to ruling and share within due", StatsRepository.rulingFiguresQuery,
            """
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY r.decided_on - c.filed_on)::float8,
                   avg(CASE WHEN d.due_by IS NULL OR r.decided_on <= d.due_by THEN 1.0 ELSE 0.0 END)::float8
              FROM rulings r
              JOIN cases c ON c.id = r.case_id
              LEFT JOIN case_deadlines d ON d.case_id = r.case_id AND d.stage = 'ruling'
            """)
        try await same(
            "share carried out", StatsRepository.carriedOutQuery,
            """
            SELECT avg(CASE WHEN latest.carried_out = 'yes' THEN 1.0 ELSE 0.0 END)::float8
              FROM (SELECT DISTINCT ON (case_id) case_id, carried_out FROM follow_ups
                     WHERE answered_at IS NOT NULL ORDER BY case_id, answered_at DESC, id) AS latest
            """)
        for y in [year - 3, year - 1, year, year + 2] {
            try await same(
                "employers \(y)", StatsRepository.employersQuery(year: y),
                """
                SELECT c.employer_kvk,
                       (array_agg(c.employer_name ORDER BY c.created_at DESC, c.id DESC))[1],
                       count(*) FILTER (WHERE c.filed_year = \(y - 2))::int,
                       count(*) FILTER (WHERE c.filed_year = \(y - 1))::int,
                       count(*) FILTER (WHERE c.filed_year = \(y))::int
                  FROM cases c
                 WHERE c.triage_decision = 'accept' AND c.filed_year BETWEEN \(y - 2) AND \(y)
                 GROUP BY c.employer_kvk
                HAVING count(*) >= \(EmployerScore.minimumCases)
                """)
        }
        let first = LocalDate(year: year - 2, month: 1, day: 1)!
        let last = LocalDate(year: year, month: AmsterdamTime.date(of: Date()).month, day: 1)!
        try await same(
            "accepted per month", StatsRepository.acceptedPerMonthQuery(from: first, to: last),
            """
            SELECT to_char(date_trunc('month', filed_on), 'YYYY-MM'), case_type, count(*)::int
              FROM cases
             WHERE triage_decision = 'accept' AND filed_on >= \(first.description)::date
               AND filed_on < (\(last.description)::date + interval '1 month')
             GROUP BY 1, 2 ORDER BY 1, 2
            """, ordered: true)
        try await same(
            "outcomes by type", StatsRepository.outcomesByTypeQuery,
            "SELECT c.case_type, r.outcome, count(*)::int FROM rulings r JOIN cases c ON c.id = r.case_id GROUP BY 1, 2 ORDER BY 1, 2",
            ordered: true)
        try await same("ruling count", StatsRepository.rulingCountQuery, "SELECT count(*)::int FROM rulings")
    }
}

/// Fills a test database the way `Tests/Benchmarks/generate-data.sh` fills a
/// benchmark database: the same SQL, as the superuser, in one transaction.
enum GeneratedData {
    static var benchmarks: String { TestDatabase.repositoryRoot + "/Tests/Benchmarks" }

    /// Adds `cases` cases; returns the rows added per table.
    static func fill(database: String, cases: Int) async throws -> [String: Int] {
        let script = try String(contentsOfFile: benchmarks + "/generate-data.sql", encoding: .utf8)
        return try await asSuperuser(database) { conn in
            try await backgroundPriority(conn)
            // Before the session's first temporary table.
            try await conn.run("SET temp_buffers = '64MB'", logger: testLogger)
            try await conn.run("BEGIN", logger: testLogger)
            try await conn.run("SET LOCAL session_replication_role = replica", logger: testLogger)
            try await conn.run(PostgresQuery(unsafeSQL: "SET LOCAL eenloket_gen.cases = \(cases)"), logger: testLogger)
            var added: [String: Int] = [:]
            for statement in SQLScript.statements(script) {
                let rows = try await conn.rows(PostgresQuery(unsafeSQL: statement), logger: testLogger)
                if statement.contains("pg_stat_xact_user_tables") {
                    for row in rows {
                        let (table, count) = try row.decode((String, Int).self)
                        added[table] = count
                    }
                }
            }
            try await conn.run("COMMIT", logger: testLogger)
            return added
        }
    }

    /// Every invariant of `generate-data-check.sql` holds.
    static func expectConsistent(database: String) async throws {
        let script = try String(contentsOfFile: benchmarks + "/generate-data-check.sql", encoding: .utf8)
        let broken = try await asSuperuser(database) { conn in
            try await backgroundPriority(conn)
            var broken: [String] = []
            for statement in SQLScript.statements(script) {
                for row in try await conn.rows(PostgresQuery(unsafeSQL: statement), logger: testLogger) where row.count == 2 {
                    let (check, count) = try row.decode((String, Int).self)
                    if count != 0 { broken.append("\(check): \(count)") }
                }
            }
            return broken
        }
        #expect(broken.isEmpty, "generated data breaks: \(broken.joined(separator: ", "))")
    }

    /// Runs `body` on one connection as the server's superuser.
    /// The bulk load and its check are background work next to the other suites, which run at the same
    /// time and measure deadlines in seconds (a body deadline against a request timeout): their PostgreSQL
    /// backend gets the lowest CPU priority, so two busy cores go to those tests first.
    static func backgroundPriority(_ conn: PostgresConnection) async throws {
        let rows = try await conn.rows("SELECT pg_backend_pid()", logger: testLogger)
        guard let pid = try rows.first?.decode(Int32.self) else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(pid), 19)
    }

    static func asSuperuser<T: Sendable>(_ database: String, _ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let config = try await TestDatabase.shared.configuration(database: database)
        let client = PostgresClient(configuration: config, backgroundLogger: testLogger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            let result = try await client.withConnection { try await body($0) }
            group.cancelAll()
            return result
        }
    }
}
