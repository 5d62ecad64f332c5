import EenloketDomain
import Foundation
import PostgresNIO

/// A position in the cases list: the sort key of the last item seen.
public struct CaseListCursor: Sendable, Equatable {
    public let dueBy: LocalDate?
    public let createdAt: Date
    public let id: UUID

    public init(dueBy: LocalDate?, createdAt: Date, id: UUID) {
        self.dueBy = dueBy
        self.createdAt = createdAt
        self.id = id
    }

    /// Opaque text form: `<due or ->.<microseconds>.<uuid>`, base64url-encoded.
    public var encoded: String {
        let micros = Int64((createdAt.timeIntervalSince1970 * 1_000_000).rounded())
        let raw = "\(dueBy?.description ?? "-").\(micros).\(id.lowercased)"
        return Data(raw.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Parses the text form; nil when it is not one of ours.
    public init?(encoded: String) {
        guard encoded.utf8.count <= 200 else { return nil }
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let raw = String(data: data, encoding: .utf8) else { return nil }
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let micros = Int64(parts[1]), let id = UUID(uuidString: String(parts[2])) else { return nil }
        if parts[0] == "-" {
            self.dueBy = nil
        } else {
            guard let due = LocalDate(iso: String(parts[0])), (2000...9999).contains(due.year) else { return nil }
            self.dueBy = due
        }
        // Only instants the database can hold and we could have written (2000 to 9999).
        guard micros >= 946_684_800_000_000, micros < 253_402_300_800_000_000 else { return nil }
        self.createdAt = Date(timeIntervalSince1970: TimeInterval(micros) / 1_000_000)
        self.id = id
    }
}

extension CaseRepository {
    /// The query of `list`: one page of the queue, for a panel member only their
    /// current cases. Also run under EXPLAIN by the query-plan test.
    ///
    /// A panel member's cases are looked up by member first and then sorted
    /// (a few thousand at most); filtering the whole queue in order instead
    /// reads every case when the member has fewer than a page of them.
    /// For the rest of the queue the keyset follows the queue indexes.
    static func listQuery(status: CaseStatus?, panelMember: UUID?, limit: Int, after cursor: CaseListCursor?) throws -> PostgresQuery {
        // 'infinity' sorts an absent due date last, as the index does.
        let cursorDue = cursor.map { $0.dueBy?.description ?? "infinity" }
        return try """
            SELECT c.id, c.reference, c.status, c.case_type, c.created_at, c.next_due_by::text,
                   c.sick_since::text, c.earlier_spell_started_on::text, c.earlier_spell_ended_on::text,
                   (SELECT d.preferred_by::text FROM case_deadlines d
                     WHERE d.case_id = c.id AND d.met_at IS NULL AND c.next_due_by IS NOT NULL
                     ORDER BY d.due_by LIMIT 1)
              FROM cases c
             WHERE (\(status)::text IS NULL OR c.status = \(status))
               AND (\(panelMember)::uuid IS NULL OR (c.status <> 'withdrawn' AND c.id = ANY (ARRAY(
                      SELECT pa.case_id FROM panel_assignments pa
                       WHERE pa.staff_id = \(panelMember) AND pa.released_at IS NULL))))
               AND (\(cursorDue)::date IS NULL
                    OR (coalesce(c.next_due_by, 'infinity'::date), c.created_at, c.id)
                       > (\(cursorDue)::date, \(cursor?.createdAt), \(cursor?.id)))
             ORDER BY coalesce(c.next_due_by, 'infinity'::date), c.created_at, c.id
             LIMIT \(limit + 1)
            """
    }

    /// The query of `events`.
    static func eventsQuery(_ id: UUID) -> PostgresQuery {
        "SELECT seq, at, type, actor_role, actor_staff_id, data FROM case_events WHERE case_id = \(id) ORDER BY seq"
    }

    /// One page of the cases a staff member may list, most urgent first
    /// (earliest due date, none last, then oldest), by keyset on the queue index.
    public func list(
        for staff: StaffPrincipal, status: CaseStatus?, limit: Int, after cursor: CaseListCursor?
    ) async throws -> (items: [CaseSummary], next: CaseListCursor?) {
        let rows = try await db.rows(
            try Self.listQuery(status: status, panelMember: staff.role == .panelMember ? staff.id : nil, limit: limit, after: cursor))
        var items = try rows.map { row in
            let (id, reference, status, type, createdAt, due, sickSince, spellStart, spellEnd, preferred) =
                try row.decode((UUID, String, CaseStatus, CaseType?, Date, String?, String, String?, String?, String?).self)
            let spell = LocalDate.column(spellStart).flatMap { start in LocalDate.column(spellEnd).map { EarlierSpell(startedOn: start, endedOn: $0) } }
            return CaseSummary(
                sickness: SicknessPeriod(sickSince: LocalDate(iso: sickSince) ?? LocalDate(dayNumber: 0), earlier: spell),
                id: id, reference: reference, status: status, caseType: type, createdAt: createdAt, dueBy: LocalDate.column(due),
                preferredBy: LocalDate.column(preferred))
        }
        var next: CaseListCursor?
        if items.count > limit {
            items.removeLast()
            let last = items[items.count - 1]
            next = CaseListCursor(dueBy: last.dueBy, createdAt: last.createdAt, id: last.id)
        }
        return (items, next)
    }

    /// The history of a case the caller may see, in order.
    public func events(_ id: UUID, caller: Caller, seen: CaseRecord? = nil) async throws -> [CaseEvent] {
        let record = try await visible(id, caller: caller, seen: seen)
        let rows = try await db.rows(Self.eventsQuery(id))
        let facts = record.accessFacts
        return try rows.compactMap { row in
            let (seq, at, type, role, staffId, data) = try row.decode((Int, Date, String, String, UUID?, JSONValue).self)
            guard let visible = CaseAccessPolicy.visibleEvent(type, data: data, caller, facts) else { return nil }
            return CaseEvent(seq: seq, at: at, type: type, actorRole: role, actorStaffId: staffId, data: visible)
        }
    }
}
