import Foundation
import Testing

@testable import EenloketDomain

/// The contract's digest: lowercase hex SHA-256 of the RFC 8785 JSON of
/// {case_id, outcome, decision, motivation, medical_considerations, decided_at, panel}.
/// Expected hashes were computed outside Swift with Python:
///
///     python3 -c 'import hashlib; print(hashlib.sha256(TEXT.encode()).hexdigest())'
///
/// after checking that `json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`
/// produces the same hand-written canonical text (true here: ASCII keys, strings only).
@Suite("RulingDigest")
struct RulingDigestTests {
    static let caseId = UUID(uuidString: "3F2504E0-4F89-41D3-9A0C-0305E82C3301")!
    static let first = UUID(uuidString: "9B2C1D4E-0000-4000-8000-00000000000A")!
    static let second = UUID(uuidString: "1A2B3C4D-5E6F-4A0B-8C0D-0E0F10111213")!
    static let decision = "Werknemer is belastbaar voor 12 uur per week in aangepast werk.\nZie \"bijlage\"."
    static let motivation = "Het panel heeft beide partijen gehoord; één gesprek per partij."
    static let medical = "Het herstel verloopt langzamer dan verwacht."
    static let decidedAt = "2026-11-23T14:28:05.123Z"

    /// The canonical text written by hand: keys in UTF-16 order, no white space,
    /// the newline and quotes escaped, "é" as is, UUIDs in lowercase.
    static let handWritten =
        #"{"case_id":"3f2504e0-4f89-41d3-9a0c-0305e82c3301","decided_at":"2026-11-23T14:28:05.123Z","#
        + #""decision":"Werknemer is belastbaar voor 12 uur per week in aangepast werk.\nZie \"bijlage\".","#
        + #""medical_considerations":"Het herstel verloopt langzamer dan verwacht.","#
        + #""motivation":"Het panel heeft beide partijen gehoord; één gesprek per partij.","outcome":"overturned","#
        + #""panel":["9b2c1d4e-0000-4000-8000-00000000000a","1a2b3c4d-5e6f-4a0b-8c0d-0e0f10111213"]}"#

    static let fullDigest = "03ba0b44194eced0c6c0d2d853d0b00eaeffb5a6caeef6098a3a37815603e01a"

    private func digest(
        outcome: RulingOutcome = .overturned, medical: String? = RulingDigestTests.medical,
        panel: [UUID] = [RulingDigestTests.first, RulingDigestTests.second],
        decision: String = RulingDigestTests.decision, decidedAt: String = RulingDigestTests.decidedAt,
        caseId: UUID = RulingDigestTests.caseId
    ) -> String {
        RulingDigest.compute(
            caseId: caseId, outcome: outcome, decision: decision, motivation: Self.motivation,
            medicalConsiderations: medical, decidedAt: decidedAt, panel: panel)
    }

    @Test func sha256HexOfKnownVectors() {
        // FIPS 180-2 examples.
        #expect(RulingDigest.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(RulingDigest.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(RulingDigest.sha256Hex(Self.handWritten) == Self.fullDigest)
    }

    @Test func theHandWrittenTextIsWhatTheCanonicalizerProduces() {
        let value = JSONValue.object([
            "panel": .array([.string(Self.first.lowercased), .string(Self.second.lowercased)]),
            "outcome": "overturned", "motivation": .string(Self.motivation), "medical_considerations": .string(Self.medical),
            "decision": .string(Self.decision), "decided_at": .string(Self.decidedAt), "case_id": .string(Self.caseId.lowercased),
        ])
        #expect(CanonicalJSON.serialize(value) == Self.handWritten)
    }

    @Test func digestOfAConcreteRuling() {
        let d = digest()
        #expect(d == Self.fullDigest)
        #expect(d.count == 64)
        #expect(d.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func absentMedicalConsiderationsAreNull() {
        // Same ruling with "medical_considerations":null.
        #expect(digest(medical: nil) == "c544986460fe68b996ace387947ae576e81f19c2fcbebf5d519f6e2de365e965")
        #expect(digest(medical: nil) != digest(medical: ""))
    }

    @Test func panelOrderMatters() {
        // Panel reversed: ["1a2b…", "9b2c…"].
        #expect(digest(panel: [Self.second, Self.first]) == "7de4d889bf5369ecdea00799379a0c95440235f3878341acd0a5fc87506e2434")
        #expect(digest(panel: [Self.second, Self.first]) != digest())
    }

    @Test func outcomeRawValueAndEmptyPanel() {
        // "outcome":"partly_upheld", "panel":[], medical null.
        #expect(digest(outcome: .partlyUpheld, medical: nil, panel: []) == "1884ceb3157846db8c43b1132b342f94573c765e64e8889b4b1688760a5e5ad3")
    }

    @Test func uuidsAreWrittenInLowercase() {
        #expect(Self.caseId.lowercased == "3f2504e0-4f89-41d3-9a0c-0305e82c3301")
        #expect(Self.first.lowercased == "9b2c1d4e-0000-4000-8000-00000000000a")
        // The same UUID parsed from lowercase text gives the same digest.
        let fromLower = UUID(uuidString: "3f2504e0-4f89-41d3-9a0c-0305e82c3301")!
        #expect(digest(caseId: fromLower) == Self.fullDigest)
    }

    @Test func everyFieldIsCovered() {
        let base = digest()
        #expect(digest(outcome: .upheld) != base)
        #expect(digest(decision: Self.decision + " ") != base)
        #expect(digest(decidedAt: "2026-11-23T14:28:05.124Z") != base)
        #expect(digest(caseId: uuid(1)) != base)
        #expect(digest(panel: [Self.first]) != base)
        #expect(digest(medical: Self.medical + ".") != base)
        #expect(
            RulingDigest.compute(
                caseId: Self.caseId, outcome: .overturned, decision: Self.decision, motivation: Self.motivation + "!",
                medicalConsiderations: Self.medical, decidedAt: Self.decidedAt, panel: [Self.first, Self.second]) != base)
    }
}
