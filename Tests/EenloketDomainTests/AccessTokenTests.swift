import Foundation
import Testing

@testable import EenloketDomain

@Suite("AccessToken")
struct AccessTokenTests {
    private static let base64URLAlphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    @Test(arguments: [(AccessToken.Kind.staff, "els_"), (.party, "elc_")])
    func generatedTokensHaveTheirPrefixAndLength(kind: AccessToken.Kind, prefix: String) throws {
        for _ in 0..<200 {
            let token = AccessToken.generate(kind)
            #expect(token.hasPrefix(prefix))
            #expect(token.utf8.count == 47)  // 4 + 43 (32 bytes in unpadded base64url)
            #expect(token.dropFirst(4).allSatisfy { Self.base64URLAlphabet.contains($0) }, "\(token)")
            #expect(AccessToken.kind(of: token) == kind)
            // The 43 characters decode back to 32 bytes.
            var base64 = String(token.dropFirst(4)).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            base64 += "="
            let bytes = try #require(Data(base64Encoded: base64))
            #expect(bytes.count == 32)
        }
    }

    @Test func tokensAreUnique() {
        var seen = Set<String>()
        for i in 0..<20_000 { seen.insert(AccessToken.generate(i.isMultiple(of: 2) ? .staff : .party)) }
        #expect(seen.count == 20_000)
        // Same-kind tokens differ after the prefix too.
        let bodies = Set((0..<5_000).map { _ in AccessToken.generate(.party).dropFirst(4) })
        #expect(bodies.count == 5_000)
    }

    @Test func randomBitsAreSpreadOverTheAlphabet() {
        // 2,000 tokens × 42 fully random characters: every one of the 64 symbols should appear.
        var used = Set<Character>()
        for _ in 0..<2_000 { used.formUnion(AccessToken.generate(.staff).dropFirst(4).dropLast()) }
        #expect(used == Self.base64URLAlphabet)
    }

    @Test(arguments: [
        "",
        "els_",
        "els_" + String(repeating: "A", count: 42),  // one short
        "els_" + String(repeating: "A", count: 44),  // one long
        "elx_" + String(repeating: "A", count: 43),  // unknown prefix
        "ELS_" + String(repeating: "A", count: 43),  // prefix is case-sensitive
        "Bearer els_" + String(repeating: "A", count: 32),
        "els" + String(repeating: "A", count: 44),
        String(repeating: "A", count: 47),
    ])
    func kindOfForeignTokensIsNil(token: String) {
        #expect(AccessToken.kind(of: token) == nil)
    }

    @Test func kindCountsBytesNotCharacters() {
        // 43 characters but more than 43 bytes: cannot be one of ours.
        #expect(AccessToken.kind(of: "elc_" + String(repeating: "é", count: 43)) == nil)
        #expect(AccessToken.kind(of: "elc_" + String(repeating: "A", count: 43)) == .party)
        #expect(AccessToken.kind(of: "els_" + String(repeating: "_", count: 43)) == .staff)
    }

    @Test func hashIsSHA256AndStable() {
        let token = "elc_" + String(repeating: "A", count: 43)
        let hash = AccessToken.hash(token)
        #expect(hash.count == 32)
        #expect(hash == AccessToken.hash(token))
        // python3 -c 'import hashlib; print(hashlib.sha256(b"elc_" + b"A" * 43).hexdigest())'
        #expect(hash.map { String(format: "%02x", $0) }.joined() == "20d0065cb646b073f0d35a1504758f2756d324be30c70dc08c5b407fdcc36f66")
        #expect(AccessToken.hash("els_" + String(repeating: "A", count: 43)) != hash)
        let fresh = AccessToken.generate(.staff)
        #expect(AccessToken.hash(fresh) == AccessToken.hash(String(fresh)))
        #expect(AccessToken.hash(fresh) != AccessToken.hash(AccessToken.generate(.staff)))
    }
}
