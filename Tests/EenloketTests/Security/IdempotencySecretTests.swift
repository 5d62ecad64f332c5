import Crypto
import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Testing

/// Security finding M3: a read-only copy of the stored Idempotency-Key replays
/// must not give away access tokens or medical text to someone who guesses keys.
@Suite("Security M3: stored replays need the server secret")
struct IdempotencySecretTests {
    /// The derivation the security test broke: plain SHA-256 of the client's key.
    static func oldKeyHash(_ key: String) -> Data { Data(SHA256.hash(data: Data(("eenloket-idempotency-id:" + key).utf8))) }
    static func oldSealKey(_ key: String) -> SymmetricKey {
        SymmetricKey(data: SHA256.hash(data: Data(("eenloket-idempotency-seal:" + key).utf8)))
    }

    @Test func aDictionaryOverACopyOfTheTableOpensNothing() async throws {
        try await withApp { t in
            let marker = "MEDISCH-M3-hernia"
            var headers: HTTPFields = [:]
            headers[HTTPField.Name("Idempotency-Key")!] = "case-A"
            let body = t.filing(["medical_information": marker])
            let first = try await t.api.post("/api/v1/cases", object: body, headers: headers)
            #expect(first.status == 201)
            let token = try #require(first["access_token"].string)

            // What the attacker holds: the table, and a dictionary that contains the key.
            let rows = try await t.sql("SELECT key_hash, response_sealed FROM idempotency_keys")
            try #require(rows.count == 1)
            let (keyHash, sealed) = try rows[0].decode((Data, Data).self)
            let dictionary = ["case-1", "case-a", "case-A", "case-B", "sanne-1", "test", "1"]
            #expect(!dictionary.contains { Self.oldKeyHash($0) == keyHash }, "the key is found by hashing guesses")
            for guess in dictionary {
                #expect((try? AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: Self.oldSealKey(guess))) == nil)
            }
            // Even opened with the server's secret, the stored answer holds no medical text.
            let opened = try IdempotencySeal(secret: Data(base64Encoded: testConfiguration().idempotencySecret!)!).open(sealed, key: "case-A")
            let plain = String(decoding: opened, as: UTF8.self)
            #expect(plain.contains(token), "the replay keeps what it must return")
            #expect(!plain.contains(marker), "medical text is stored only in its own table")

            // The replay returns the same answer, byte for byte, medical text included.
            let again = try await t.api.post("/api/v1/cases", object: body, headers: headers)
            #expect(again.status == 201 && again.text == first.text, "\(again.text)")
            #expect(again["medical_information"].string == marker)
        }
    }

    @Test func medicalTextWithQuotesAndLineBreaksComesBackTheSame() async throws {
        try await withApp { t in
            var headers: HTTPFields = [:]
            headers[HTTPField.Name("Idempotency-Key")!] = "sanne-2"
            let body = t.filing(["medical_information": "Klachten: \"rug\" & <nek>\nBehandeling: fysio / pijnstilling \\ 2x per week ☀️"])
            let first = try await t.api.post("/api/v1/cases", object: body, headers: headers)
            let again = try await t.api.post("/api/v1/cases", object: body, headers: headers)
            #expect(first.status == 201 && again.text == first.text)
            // An employer's filing holds no medical text: its answer is stored as it is.
            headers[HTTPField.Name("Idempotency-Key")!] = "werkgever-1"
            let employer = t.filing(role: .employer)
            let filed = try await t.api.post("/api/v1/cases", object: employer, headers: headers)
            #expect(try await t.api.post("/api/v1/cases", object: employer, headers: headers).text == filed.text)
        }
    }

    @Test func anotherSecretFindsNoStoredAnswer() {
        let one = IdempotencySeal(secret: Data(repeating: 1, count: 32))
        let two = IdempotencySeal(secret: Data(repeating: 2, count: 32))
        #expect(one.keyHash("case-A") != two.keyHash("case-A"))
        #expect(one.keyHash("case-A") == IdempotencySeal(secret: Data(repeating: 1, count: 32)).keyHash("case-A"))
    }
}
