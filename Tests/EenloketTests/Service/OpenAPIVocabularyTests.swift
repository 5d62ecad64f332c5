import EenloketDomain
import Foundation
import Testing

/// The OpenAPI document spells out the same word lists as the Swift enums
/// (statuses, roles, escalation kinds, …): a word added in one place only fails here.
@Suite("OpenAPI: the enum lists equal the Swift enums")
struct OpenAPIVocabularyTests {
    static let lists: [(name: String, words: Set<String>)] = [
        ("CaseStatus", Set(CaseStatus.allCases.map(\.rawValue))),
        ("CaseType", Set(CaseType.allCases.map(\.rawValue))),
        ("RulingOutcome", Set(RulingOutcome.allCases.map(\.rawValue))),
        ("StaffRole", Set(StaffRole.allCases.map(\.rawValue))),
        ("PartyRole", Set(PartyRole.allCases.map(\.rawValue))),
        ("Discipline", Set(Discipline.allCases.map(\.rawValue))),
        ("TriageDecision", Set(TriageDecision.allCases.map(\.rawValue))),
        ("DeadlineStage", Set(DeadlineStage.allCases.map(\.rawValue))),
        ("EscalationKind", Set(EscalationKind.allCases.map(\.rawValue))),
        ("StaffChange", Set(StaffChange.allCases.map(\.rawValue))),
        ("RulingCarriedOut", Set(RulingCarriedOut.allCases.map(\.rawValue))),
        ("VerificationChannel", Set(VerificationChannel.allCases.map(\.rawValue))),
    ]

    @Test func everySwiftVocabularyAppearsAsAnEnumInTheDocument() throws {
        let yaml = try String(contentsOfFile: TestDatabase.repositoryRoot + "/Sources/EenloketHTTP/OpenAPI/openapi.yaml", encoding: .utf8)
        let enums = Self.enumLists(yaml)
        #expect(enums.count > 10, "the document's enum lists were found")
        for (name, words) in Self.lists {
            #expect(enums.contains(words), "no `enum: [...]` in openapi.yaml equals \(name): \(words.sorted())")
        }
    }

    /// Every flow-style `enum: [a, 'b', …]` list, as sets of words (`null` left out).
    static func enumLists(_ yaml: String) -> [Set<String>] {
        yaml.split(separator: "\n").compactMap { line -> Set<String>? in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("enum: ["), text.hasSuffix("]") else { return nil }
            let inner = text.dropFirst("enum: [".count).dropLast()
            let words = inner.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '\"")) }
            return Set(words.filter { $0 != "null" })
        }
    }
}
