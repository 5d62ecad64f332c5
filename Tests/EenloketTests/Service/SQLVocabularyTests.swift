import EenloketDomain
import Foundation
import Testing

/// Every closed list of words the service stores (statuses, event types,
/// escalation kinds, timer kinds, stages, …) is a Swift enum and a CHECK in the
/// database; this keeps each pair equal, so neither can gain a word alone.
@Suite("Schema: the SQL CHECK lists equal the Swift enums")
struct SQLVocabularyTests {
    /// Constraint names, prefixed by their table: `<table>_<column>_check`.
    static let pairs: [(constraint: String, words: [String])] = [
        ("escalations_kind_check", EscalationKind.allCases.map(\.rawValue)),
        ("timers_kind_check", TimerKind.allCases.map(\.rawValue)),
        ("case_deadlines_stage_check", DeadlineStage.allCases.map(\.rawValue)),
        ("cases_status_check", CaseStatus.allCases.map(\.rawValue)),
        ("cases_case_type_check", CaseType.allCases.map(\.rawValue)),
        ("cases_triage_decision_check", TriageDecision.allCases.map(\.rawValue)),
        ("staff_role_check", StaffRole.allCases.map(\.rawValue)),
        ("panel_members_discipline_check", Discipline.allCases.map(\.rawValue)),
        ("rulings_outcome_check", RulingOutcome.allCases.map(\.rawValue)),
        ("follow_ups_carried_out_check", RulingCarriedOut.allCases.map(\.rawValue)),
        ("follow_ups_return_to_work_check", ReturnToWork.allCases.map(\.rawValue)),
        ("staff_events_change_check", StaffChange.allCases.map(\.rawValue)),
        ("case_parties_role_check", PartyRole.allCases.map(\.rawValue)),
    ]

    static let tables = [
        "escalations", "timers", "case_deadlines", "cases", "staff_events", "staff", "panel_members", "rulings",
        "follow_ups", "case_parties",
    ].sorted { $0.count > $1.count }  // "staff_events" before "staff"

    @Test func everyCheckListEqualsItsEnum() async throws {
        try await withApp { t in
            for (constraint, words) in Self.pairs {
                let table = try #require(Self.tables.first { constraint.hasPrefix($0 + "_") }, "\(constraint)")
                let rows = try await t.sql(
                    """
                    SELECT pg_get_constraintdef(oid) FROM pg_constraint
                     WHERE conname = \(constraint) AND contype = 'c' AND conrelid = to_regclass(\("public." + table))
                    """)
                let definition = try #require(try rows.first?.decode(String.self), "no CHECK named \(constraint)")
                let listed = Self.quotedWords(definition)
                #expect(Set(listed) == Set(words), "\(constraint): SQL has \(listed.sorted()), Swift has \(words.sorted())")
                #expect(listed.count == Set(listed).count, "\(constraint) lists a word twice")
            }
        }
    }

    /// Event types are rows of `event_types`, which `case_events.type` references.
    @Test func theEventTypeTableEqualsEventType() async throws {
        try await withApp { t in
            let listed = try await t.sql("SELECT type FROM event_types").map { try $0.decode(String.self) }
            #expect(Set(listed) == Set(EventType.allCases.map(\.rawValue)), "SQL has \(listed.sorted())")
        }
    }

    /// A word outside the list is refused by the database, not only by Swift.
    @Test func anUnknownEventTypeIsRefusedByTheDatabase() async throws {
        try await withApp { t in
            let c = try await t.file()
            await expectSQLState("23503") {
                try await t.sql(
                    "INSERT INTO case_events (case_id, type, actor_role, data, at) VALUES (\(UUID(uuidString: c.id)!), 'case_teleported', 'system', '{}', now())")
            }
        }
    }

    /// The quoted words of a CHECK definition: `'a'::text` → `a`.
    static func quotedWords(_ definition: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"'([^']*)'::text"#)
        let range = NSRange(definition.startIndex..., in: definition)
        return pattern.matches(in: definition, range: range).compactMap { match in
            Range(match.range(at: 1), in: definition).map { String(definition[$0]) }
        }
    }
}
