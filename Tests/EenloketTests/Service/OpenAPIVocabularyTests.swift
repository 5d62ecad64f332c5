import EenloketDomain
import Foundation
import Testing

/// The OpenAPI document spells out the same word lists as the Swift enums
/// (statuses, roles, escalation kinds, …): a word added in one place only fails here.
@Suite("OpenAPI: the enum lists equal the Swift enums")
struct OpenAPIVocabularyTests {
    /// Word lists the document names as component schemas: compared by name.
    static let named: [(schema: String, words: Set<String>)] = [
        ("CaseStatus", Set(CaseStatus.allCases.map(\.rawValue))),
        ("CaseType", Set(CaseType.allCases.map(\.rawValue))),
        ("RulingOutcome", Set(RulingOutcome.allCases.map(\.rawValue))),
        ("StaffRole", Set(StaffRole.allCases.map(\.rawValue))),
        ("FilerRole", Set(PartyRole.allCases.map(\.rawValue))),
        ("PartyRole", Set(PartyRole.allCases.map(\.rawValue))),
        ("Discipline", Set(Discipline.allCases.map(\.rawValue))),
        ("TriageDecision", Set(TriageDecision.allCases.map(\.rawValue))),
        ("DeadlineStage", Set(DeadlineStage.allCases.map(\.rawValue))),
    ]

    /// Word lists written inline at a property: distinctive enough to find among all lists.
    static let inline: [(name: String, words: Set<String>)] = [
        ("EscalationKind", Set(EscalationKind.allCases.map(\.rawValue))),
        ("StaffChange", Set(StaffChange.allCases.map(\.rawValue))),
        ("RulingCarriedOut", Set(RulingCarriedOut.allCases.map(\.rawValue))),
        ("VerificationChannel", Set(VerificationChannel.allCases.map(\.rawValue))),
    ]

    static func document() throws -> String {
        try String(contentsOfFile: TestDatabase.repositoryRoot + "/Sources/EenloketHTTP/OpenAPI/openapi.yaml", encoding: .utf8)
    }

    @Test func everyNamedEnumSchemaEqualsItsSwiftEnum() throws {
        let yaml = try Self.document()
        for (schema, words) in Self.named {
            let listed = try #require(Self.componentEnum(schema, in: yaml), "components.schemas.\(schema) has no enum list")
            #expect(listed == words, "components.schemas.\(schema): \(listed.sorted()) in the document, \(words.sorted()) in Swift")
        }
    }

    @Test func everyInlineVocabularyAppearsAsAnEnumInTheDocument() throws {
        let enums = Self.enumLists(try Self.document())
        #expect(enums.count > 10, "the document's enum lists were found")
        for (name, words) in Self.inline {
            #expect(enums.contains(words), "no `enum: [...]` in openapi.yaml equals \(name): \(words.sorted())")
        }
    }

    /// The `enum:` of `components.schemas.<name>` (a schema block at four spaces).
    static func componentEnum(_ name: String, in yaml: String) -> Set<String>? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0 == "    \(name):" }) else { return nil }
        for line in lines[(start + 1)...] {
            if line.hasPrefix("    ") && !line.hasPrefix("     ") { return nil }  // the next schema
            if let list = enumLists(String(line)).first { return list }
        }
        return nil
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
