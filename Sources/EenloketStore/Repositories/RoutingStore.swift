import EenloketDomain
import Foundation
import Logging
import PostgresNIO

/// Executes routing decisions (`Routing` in the domain) atomically.
///
/// A case routed at triage locks only the best eligible member per missing
/// discipline (`SKIP LOCKED`), so concurrent triages take different members
/// and do not wait for each other (see `route(lockedCase:)` for when one must). The pass over waiting cases holds one
/// transaction-scoped advisory lock (passes from all instances run one at a
/// time) and locks the member rows it plans with. Either way the
/// `take_panel_seat` trigger re-checks every member's capacity as the seat is
/// stored.
public struct RoutingStore: Sendable {
    /// Advisory lock key of the routing pass ("routing" in ASCII).
    static let lockKey: Int64 = 0x726F_7574_696E_67
    /// Waiting cases read per page while looking for ones a freed member can take.
    static let pageSize = 200
    /// Members that SQL offers but Swift's conflict rule refuses (non-ASCII
    /// case differences) are excluded and the choice is asked again, this often.
    static let conflictRetries = 3

    let db: Database
    let deadlines: DeadlineSettings
    let settings: ServiceSettings

    /// Routes one case that the current transaction has locked and moved to
    /// `awaiting_panel`: per missing discipline, the best eligible member.
    ///
    /// First without waiting: members other triages hold are skipped. When
    /// that leaves a discipline empty although an eligible member exists (it
    /// is held), the case takes the slow path, so it is never left waiting
    /// for a member that is merely busy: the locks of the first try are given
    /// back (savepoint), the routing lock is taken, and the best members are
    /// locked waiting for their holders. One transaction at a time waits
    /// like that, and those that skip never wait, so no two wait for each other.
    func route(lockedCase id: UUID, at now: Date, conn: PostgresConnection) async throws -> RoutingPlan {
        guard let waiting = try await conn.all(NeedsOfCase(id: id), logger: db.logger).first else { return RoutingPlan() }
        let need = waiting.need
        try await conn.run("SAVEPOINT routing", logger: db.logger)
        var candidates = try await chooseMembers(for: need, lock: SkipLocked.self, at: now, conn: conn)
        let empty = need.missing.filter { discipline in !candidates.contains { $0.discipline == discipline } }
        if !empty.isEmpty, try await eligibleExists(empty, for: need, at: now, conn: conn) {
            try await conn.run("ROLLBACK TO SAVEPOINT routing", logger: db.logger)
            try await conn.run("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: db.logger)
            candidates = try await chooseMembers(for: need, lock: WaitForLock.self, at: now, conn: conn)
        }
        try await conn.run("RELEASE SAVEPOINT routing", logger: db.logger)
        let plan = Routing.plan([need], candidates: &candidates, nextOrdinal: Int64.max / 2)
        try await store(plan, references: [id: waiting.reference], at: now, conn: conn)
        return plan
    }

    /// The best eligible member per missing discipline, locked. Swift's
    /// conflict rule has the last word: a member it refuses (SQL's pre-filter
    /// let them through) is excluded and the discipline asked again.
    private func chooseMembers(
        for need: RoutingNeed, lock: any MemberLockClause.Type, at now: Date, conn: PostgresConnection
    ) async throws -> [RoutingCandidate] {
        var excluded = need.members
        var chosen: [RoutingCandidate] = []
        var missing = need.missing
        for _ in 0...Self.conflictRetries where !missing.isEmpty {
            let offered = try await bestMembers(missing, for: need, excluding: excluded, at: now, lock: lock, conn: conn)
            let accepted = offered.filter { !need.conflicts.conflicts(memberName: $0.name, affiliations: $0.affiliations) }
            chosen += accepted
            excluded.formUnion(offered.map(\.staffId))
            let refused = Set(offered.map(\.discipline)).subtracting(accepted.map(\.discipline))
            missing = missing.filter(refused.contains)
        }
        return chosen
    }

    /// Routes waiting cases, oldest filed first, until no waiting case can get
    /// another member. Run after a member appears or is freed, and by the sweeper.
    public func routeWaiting(at now: Date) async throws -> RoutingPlan {
        try await db.transaction { conn in try await routeWaitingInTransaction(at: now, conn: conn) }
    }

    /// `routeWaiting` inside the caller's transaction.
    func routeWaitingInTransaction(at now: Date, conn: PostgresConnection) async throws -> RoutingPlan {
        try await conn.run("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: db.logger)
        var total = RoutingPlan()
        var page = try await loadNeeds(conn: conn, ids: nil, after: nil)
        // Nothing waits (the usual case): no member rows are locked at all.
        guard !page.isEmpty else { return total }
        // Locking the candidates waits for triages that hold one, and reads their loads as committed.
        var candidates = try await loadCandidates(conn: conn, at: now)
        var cursor: (Date, UUID)?
        while candidates.contains(where: { $0.openCases < $0.maxOpenCases }) {
            // Plan on a page read without locks, then lock just the cases
            // that get a member and plan them again on their locked state
            // (a withdrawal may have raced us; it does not take this lock).
            if cursor != nil { page = try await loadNeeds(conn: conn, ids: nil, after: cursor) }
            guard let last = page.last else { break }
            cursor = (last.createdAt, last.need.caseId)
            var trial = candidates
            let draft = Routing.plan(page.map(\.need), candidates: &trial, nextOrdinal: Int64.max / 2)
            let chosen = Array(Set(draft.assignments.map(\.caseId)))
            guard !chosen.isEmpty else { continue }
            try await conn.run(
                "SELECT 1 FROM cases WHERE id = ANY(\(chosen)::uuid[]) ORDER BY created_at, id FOR UPDATE",
                logger: db.logger)
            let locked = try await loadNeeds(conn: conn, ids: chosen, after: nil)
            let plan = Routing.plan(locked.map(\.need), candidates: &candidates, nextOrdinal: Int64.max / 2)
            try await store(plan, references: Self.references(locked), at: now, conn: conn)
            total.assignments += plan.assignments
            total.completed += plan.completed
        }
        return total
    }

    // MARK: Queries (also run under EXPLAIN by the query-plan test)

    /// Waiting cases with what their panels already have, oldest first: the
    /// given ones, or a page after `cursor`.
    static func needsQuery(ids: [UUID]?, after cursor: (Date, UUID)?) throws -> PostgresQuery {
        """
        \(unescaped: needsSelect)
         WHERE c.status = 'awaiting_panel'
           AND (\(ids)::uuid[] IS NULL OR c.id = ANY(\(ids)::uuid[]))
           AND (\(cursor?.0)::timestamptz IS NULL OR (c.created_at, c.id) > (\(cursor?.0), \(cursor?.1)))
         GROUP BY c.id
         ORDER BY c.created_at, c.id
         LIMIT \(ids == nil ? Self.pageSize : max(ids!.count, 1))
        """
    }

    /// What a waiting case's panel already has: `needsQuery` and `NeedsOfCase` select this.
    static let needsSelect = """
        SELECT c.id, c.created_at, c.reference, c.requested_disciplines, c.employer_name, c.employer_kvk,
               c.physician_name, c.physician_organisation,
               coalesce(array_agg(pa.discipline) FILTER (WHERE pa.id IS NOT NULL AND pa.released_at IS NULL), '{}'),
               -- Members who ever sat on the panel (also released ones) are not chosen again.
               coalesce(array_agg(pa.staff_id) FILTER (WHERE pa.id IS NOT NULL), '{}'),
               coalesce(bool_or(pa.is_chair AND pa.released_at IS NULL), false)
          FROM cases c
          LEFT JOIN panel_assignments pa ON pa.case_id = c.id
        """

    /// Members who may take a seat today (active, below capacity, not absent),
    /// locked in one order (the seat-freeing trigger uses the same).
    static func candidatesQuery(at now: Date) -> PostgresQuery {
        let today = AmsterdamTime.date(of: now).description
        return """
        SELECT pm.staff_id, s.name, pm.discipline, pm.affiliations, pm.open_cases, pm.max_open_cases, pm.last_assignment
          FROM panel_members pm JOIN staff s ON s.id = pm.staff_id
         WHERE s.active AND pm.open_cases < pm.max_open_cases
           AND NOT EXISTS (SELECT 1 FROM member_absences a
                            WHERE a.staff_id = pm.staff_id AND \(today)::date BETWEEN a.starts_on AND a.ends_on)
         ORDER BY pm.staff_id
           FOR UPDATE OF pm
        """
    }

    /// Per discipline, the first eligible member in routing order, locked as `lock` says
    /// (as a plain query, for the query-plan test).
    static func bestMemberQuery<Lock: MemberLockClause>(
        _ disciplines: [Discipline], for need: RoutingNeed, excluding excluded: Set<UUID>, at now: Date, lock: Lock.Type
    ) throws -> PostgresQuery {
        try BestMembers<Lock>(disciplines, for: need, excluding: excluded, at: now).plainQuery
    }

    /// The best eligible members, locked as `lock` says, through a statement prepared once per connection.
    private func bestMembers<Lock: MemberLockClause>(
        _ disciplines: [Discipline], for need: RoutingNeed, excluding excluded: Set<UUID>, at now: Date, lock: Lock.Type,
        conn: PostgresConnection
    ) async throws -> [RoutingCandidate] {
        try await conn.all(BestMembers<Lock>(disciplines, for: need, excluding: excluded, at: now), logger: db.logger)
    }

    // MARK: Reading

    struct WaitingCase {
        let need: RoutingNeed
        let createdAt: Date
        let reference: String
    }

    /// Cases in awaiting_panel with what they still need, oldest first.
    private func loadNeeds(conn: PostgresConnection, ids: [UUID]?, after cursor: (Date, UUID)?) async throws -> [WaitingCase] {
        let rows = try await conn.rows(try Self.needsQuery(ids: ids, after: cursor), logger: db.logger)
        return try rows.map(Self.waitingCase)
    }

    static func waitingCase(_ row: PostgresRow) throws -> WaitingCase {
        let (id, createdAt, reference, requested, employerName, kvk, physicianName, physicianOrg, filled, members, hasChair) =
            try row.decode((UUID, Date, String, [String], String, String, String?, String?, [String], [UUID], Bool).self)
        let need = RoutingNeed(
            caseId: id, requested: requested.compactMap(Discipline.init(rawValue:)),
            filled: Set(filled.compactMap(Discipline.init(rawValue:))), members: Set(members), hasChair: hasChair,
            conflicts: ConflictProfile(
                employerName: employerName, employerKvk: kvk, physicianName: physicianName,
                physicianOrganisation: physicianOrg))
        return WaitingCase(need: need, createdAt: createdAt, reference: reference)
    }

    /// Active panel members with room for another case who are not absent today.
    private func loadCandidates(conn: PostgresConnection, at now: Date) async throws -> [RoutingCandidate] {
        let rows = try await conn.rows(Self.candidatesQuery(at: now), logger: db.logger)
        return try rows.map(Self.candidate)
    }

    static func candidate(_ row: PostgresRow) throws -> RoutingCandidate {
        let (id, name, discipline, affiliations, open, max, last) =
            try row.decode((UUID, String, Discipline, [String], Int, Int, Int64?).self)
        return RoutingCandidate(
            staffId: id, name: name, discipline: discipline, affiliations: affiliations, openCases: open,
            maxOpenCases: max, lastAssignment: last)
    }

    /// Whether any of these disciplines has an eligible member at all (held by others or not).
    private func eligibleExists(_ disciplines: [Discipline], for need: RoutingNeed, at now: Date, conn: PostgresConnection) async throws -> Bool {
        return try await bestMembers(disciplines, for: need, excluding: need.members, at: now, lock: NoLock.self, conn: conn)
            .contains { !need.conflicts.conflicts(memberName: $0.name, affiliations: $0.affiliations) }
    }

    // MARK: Writing

    static func references(_ waiting: [WaitingCase]) -> [UUID: String] {
        Dictionary(waiting.map { ($0.need.caseId, $0.reference) }, uniquingKeysWith: { a, _ in a })
    }

    /// Stores a plan in a fixed handful of statements, however many cases it
    /// fills: seats in assignment order with their events, messages to the
    /// members and parties, and the completed cases' status and deadlines.
    /// The plan's members are already locked by this transaction.
    private func store(_ plan: RoutingPlan, references: [UUID: String], at now: Date, conn: PostgresConnection) async throws {
        guard !plan.assignments.isEmpty else { return }
        let cases = plan.assignments.map(\.caseId)
        let staff = plan.assignments.map(\.staffId)
        let disciplines = plan.assignments.map(\.discipline.rawValue)
        let chairs = plan.assignments.map(\.isChair)
        try await conn.run(
            """
            WITH seats AS (
                INSERT INTO panel_assignments (case_id, staff_id, discipline, is_chair, assigned_at)
                SELECT c, s, d, ch, \(now)
                  FROM unnest(\(cases)::uuid[], \(staff)::uuid[], \(disciplines)::text[], \(chairs)::bool[])
                       WITH ORDINALITY AS t(c, s, d, ch, n)
                 ORDER BY n
                RETURNING id, case_id, staff_id, discipline, is_chair
            )
            INSERT INTO case_events (case_id, at, type, actor_role, data)
            SELECT case_id, \(now), \(EventType.memberAssigned.rawValue), 'system',
                   jsonb_build_object('staff_id', staff_id, 'discipline', discipline, 'chair', is_chair)
              FROM seats ORDER BY id
            """, logger: db.logger)
        let memberMessages = plan.assignments.map { seat in
            Messages.render(
                .memberAssigned, reference: references[seat.caseId] ?? "", serviceURL: settings.publicURL,
                detail: seat.isChair ? "als voorzitter" : seat.discipline.rawValue)
        }
        try await Outbox.toStaffEach(
            zip(plan.assignments, memberMessages).map { (caseId: $0.caseId, staffId: $0.staffId, message: $1) },
            kind: .memberAssigned, at: now, conn: conn, db: db)
        guard !plan.completed.isEmpty else { return }
        try await conn.run(
            try """
            WITH done AS (
                UPDATE cases SET status = \(CaseTransition.panelComplete.to), updated_at = \(now)
                 WHERE id = ANY(\(plan.completed)::uuid[]) AND status = \(CaseStatus.awaitingPanel)
                RETURNING id
            )
            INSERT INTO case_events (case_id, at, type, actor_role, data)
            SELECT id, \(now), \(EventType.panelCompleted.rawValue), 'system', jsonb_build_object('status', 'in_review') FROM done
            """, logger: db.logger)
        let policy = try await deadlines.policy(on: conn)
        try await DeadlineWriter.meet(.panel, caseIds: plan.completed, at: now, conn: conn, db: db)
        // A panel reopened by a coordinator keeps the ruling deadline it already had.
        try await DeadlineWriter.start(.ruling, caseIds: plan.completed, at: now, policy: policy, conn: conn, db: db, onlyNew: true)
        try await Outbox.toPartiesEach(
            plan.completed.map { ($0, Messages.render(.panelAssigned, reference: references[$0] ?? "", serviceURL: settings.publicURL)) },
            kind: .panelAssigned, at: now, conn: conn, db: db)
    }
}

/// What one waiting case's panel already has (routing at triage): prepared once
/// per connection, as it runs in every accept.
struct NeedsOfCase: PostgresPreparedStatement {
    static let sql = RoutingStore.needsSelect + " WHERE c.status = 'awaiting_panel' AND c.id = $1 GROUP BY c.id"
    typealias Row = RoutingStore.WaitingCase

    let id: UUID

    func makeBindings() throws -> PostgresBindings { .id(id) }
    func decodeRow(_ row: PostgresRow) throws -> Row { try RoutingStore.waitingCase(row) }
}

/// How a `BestMembers` statement locks what it finds.
protocol MemberLockClause { static var clause: String { get } }
/// Only whether one exists.
enum NoLock: MemberLockClause { static var clause: String { "" } }
/// Members other transactions hold are passed over.
enum SkipLocked: MemberLockClause { static var clause: String { "FOR UPDATE OF pm SKIP LOCKED" } }
/// Waits for the holder, then takes the member if still eligible.
enum WaitForLock: MemberLockClause { static var clause: String { "FOR UPDATE OF pm" } }

/// Per discipline, the first eligible member in routing order (fewest open
/// cases, never assigned first, oldest last assignment, lowest id): active,
/// below capacity, not absent today, not already on the panel, and free of the
/// conflicts SQL can see on the normalised columns. Prepared once per connection.
///
/// The staff who cannot sit for this case (absent today, inactive, or the
/// case's company doctor) are few: they are collected once per statement
/// (a hashed subplan) instead of joining every member to `staff` and
/// `member_absences`, which took half the statement's time. Only the picked
/// members' names are looked up.
struct BestMembers<Lock: MemberLockClause>: PostgresPreparedStatement {
    static var sql: String {
        """
        SELECT m.staff_id, s.name, m.discipline, m.affiliations, m.open_cases, m.max_open_cases, m.last_assignment
          FROM unnest($1::text[]) AS d (discipline)
         CROSS JOIN LATERAL (
               SELECT pm.staff_id, pm.discipline, pm.affiliations, pm.open_cases, pm.max_open_cases, pm.last_assignment
                 FROM panel_members pm
                WHERE pm.discipline = d.discipline AND pm.open_cases < pm.max_open_cases
                  AND pm.staff_id <> ALL ($2::uuid[])
                  -- A hashed subplan, built once: all three columns are NOT NULL, so NOT IN is safe.
                  AND pm.staff_id NOT IN (
                          SELECT a.staff_id FROM member_absences a WHERE $3::date BETWEEN a.starts_on AND a.ends_on
                          UNION ALL SELECT st.id FROM staff st WHERE NOT st.active
                          UNION ALL SELECT st.id FROM staff st WHERE st.name_normalized = $5::text)
                  AND NOT pm.affiliations_normalized && $4::text[]
                ORDER BY pm.open_cases, pm.last_assignment NULLS FIRST, pm.staff_id
                LIMIT 1
        \(Lock.clause)) m
          JOIN staff s ON s.id = m.staff_id
        """
    }
    typealias Row = RoutingCandidate

    let disciplines: [String]
    let excluded: [UUID]
    let today: String
    let forbidden: [String]
    let physician: String?

    init(_ disciplines: [Discipline], for need: RoutingNeed, excluding excluded: Set<UUID>, at now: Date) {
        self.disciplines = disciplines.map(\.rawValue)
        self.excluded = Array(excluded)
        self.today = AmsterdamTime.date(of: now).description
        self.forbidden = Array(need.conflicts.forbiddenAffiliations)
        self.physician = need.conflicts.occupationalPhysicianName
    }

    func makeBindings() throws -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(disciplines)
        binds.append(excluded)
        binds.append(today)
        binds.append(forbidden)
        binds.append(physician)
        return binds
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try RoutingStore.candidate(row) }
}
