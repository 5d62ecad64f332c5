import EenloketDomain
import Foundation
import HTTPTypes
import Testing

/// `POST /api/v1/cases` with an `Idempotency-Key` header.
@Suite("Input: idempotent filing")
struct InputIdempotencyTests {
    private let path = "/api/v1/cases"

    private func file(_ t: TestContext, _ body: String, key: String?) async throws -> Reply {
        var headers: HTTPFields = [:]
        if let key { headers[InputKit.idempotencyKey] = key }
        return try await t.api.post(path, body, headers: headers)
    }

    private func bodyBytes(_ reply: Reply) -> [UInt8] { Array(reply.response.body.readableBytesView) }

    /// The same JSON value spelled differently: keys in reverse order, lots of white
    /// space, some characters as \u escapes and "/" as "\/".
    private static func respelled(_ value: Any) -> String {
        switch value {
        case let object as [String: Any]:
            let members = object.keys.sorted(by: >).map { "\n\t  \(quote($0))   :\r\n \(respelled(object[$0]!))" }
            return "{ " + members.joined(separator: " ,") + "\n}\n"
        case let array as [Any]:
            return "[ " + array.map(respelled).joined(separator: " , ") + " ]"
        case let string as String:
            return quote(string)
        case let bool as Bool:
            return bool ? "true" : "false"
        case is NSNull:
            return "null"
        default:
            return "\(value)"
        }
    }

    private static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "e": out += "\\u0065"
            case "a": out += "\\u0061"
            default:
                if scalar.value < 0x20 || scalar.value > 0x7e {
                    for unit in String(scalar).utf16 { out += String(format: "\\u%04x", unit) }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    @Test func sameKeySameBodyReplaysTheFirstAnswer() async throws {
        try await withApp { t in
            let body = jsonText(t.filing())
            let first = try await file(t, body, key: "aanvraag-1")
            let second = try await file(t, body, key: "aanvraag-1")
            #expect(first.status == 201, "\(first.text.prefix(300))")
            #expect(second.status == 201, "\(second.text.prefix(300))")
            #expect(bodyBytes(first) == bodyBytes(second), "byte-identical bodies:\n\(first.text)\n\(second.text)")
            #expect(first.headers[.location] != nil)
            #expect(first.headers[.location] == second.headers[.location])
            #expect(second.contentType.hasPrefix("application/json"))
            #expect(try await InputKit.count(t, "cases") == 1)
            #expect(try await InputKit.count(t, "case_events") == 1, "one case_filed event")
            // The replayed token is the real one.
            let id = try #require(second["id"].string)
            let seen = try await t.view(id, token: try #require(second["access_token"].string))
            #expect(seen.status == 200)
        }
    }

    @Test func sameJSONValueSpelledDifferentlyIsTheSameBody() async throws {
        try await withApp { t in
            let filing = t.filing()
            let canonical = jsonText(filing)
            let respelled = Self.respelled(filing)
            #expect(canonical != respelled)
            #expect(try JSONValue.parse(Data(canonical.utf8)) == JSONValue.parse(Data(respelled.utf8)), "test set-up: same value")
            let first = try await file(t, canonical, key: "zelfde-waarde")
            let second = try await file(t, respelled, key: "zelfde-waarde")
            #expect(first.status == 201, "\(first.text.prefix(300))")
            #expect(second.status == 201, "re-spelled body: \(second.status) \(second.text.prefix(300))")
            #expect(bodyBytes(first) == bodyBytes(second))
            #expect(first.headers[.location] == second.headers[.location])
            #expect(try await InputKit.count(t, "cases") == 1)
        }
    }

    /// 100, 1e2 and 100.0 are one JSON number (RFC 8785 canonical form "100").
    @Test func numbersSpelledDifferentlyAreTheSameValue() async throws {
        try await withApp { t in
            let base = jsonText(t.filing())
            let spellings = ["100", "1e2", "100.0", "1.00E+2"]
            var replies: [Reply] = []
            for spelling in spellings {
                let body = String(base.dropLast()) + ", \"client_revision\": \(spelling)}"
                replies.append(try await file(t, body, key: "getal"))
            }
            for (spelling, reply) in zip(spellings, replies) {
                #expect(reply.status == 201, "\(spelling): \(reply.status) \(reply.text.prefix(300))")
                #expect(bodyBytes(reply) == bodyBytes(replies[0]), "\(spelling) replays the first answer")
            }
            #expect(try await InputKit.count(t, "cases") == 1)
        }
    }

    @Test func sameKeyDifferentBodyIs422() async throws {
        try await withApp { t in
            let original = jsonText(t.filing())
            let first = try await file(t, original, key: "sleutel")
            #expect(first.status == 201)
            let variants: [(String, [String: Any])] = [
                ("another question", t.filing(["question": "Een heel andere vraag over mijn re-integratie."])),
                ("employer filing", t.filing(role: .employer)),
                ("without occupational_physician", InputKit.setting("occupational_physician", to: nil, in: t.filing())),
                ("medical_information null instead of text", t.filing(["medical_information": NSNull()])),
                ("an extra member", t.filing(["extra": true])),
                ("another kvk number", InputKit.setting("employer.kvk_number", to: "87654321", in: t.filing())),
            ]
            for (name, body) in variants {
                let reply = try await file(t, jsonText(body), key: "sleutel")
                expectProblem(reply, 422)
                #expect(!reply["errors"].array.isEmpty, "\(name): a 422 lists errors: \(reply.text.prefix(300))")
                #expect(try await InputKit.count(t, "cases") == 1, "\(name) filed nothing new")
            }
            // The key still replays the original.
            let again = try await file(t, original, key: "sleutel")
            #expect(again.status == 201)
            #expect(bodyBytes(again) == bodyBytes(first))
            // And an invalid body under a used key is still not a new case.
            let invalid = try await file(t, jsonText(t.filing(["question": "kort"])), key: "sleutel")
            #expect(invalid.status == 422)
            #expect(try await InputKit.count(t, "cases") == 1)
        }
    }

    @Test func keyOutsideOneToTwoHundredCharactersIs422() async throws {
        try await withApp { t in
            let body = jsonText(t.filing())
            for key in ["", InputKit.long(201), InputKit.long(1000, "k")] {
                let reply = try await file(t, body, key: key)
                expectProblem(reply, 422)
                #expect(!reply["errors"].array.isEmpty, "key of \(key.count) characters: \(reply.text.prefix(300))")
                try await InputKit.expectAlive(t)
            }
            #expect(try await InputKit.count(t, "cases") == 0, "no case for a refused key")
            #expect(try await InputKit.count(t, "idempotency_keys") == 0)
        }
    }

    @Test func keyOfOneToTwoHundredCharactersIsAccepted() async throws {
        try await withApp { t in
            let body = jsonText(t.filing())
            let keys = ["1", InputKit.long(200), "a-b_c.d~e:f/g+h=i", String(repeating: "x", count: 199) + "y"]
            for key in keys {
                let first = try await file(t, body, key: key)
                let second = try await file(t, body, key: key)
                #expect(first.status == 201, "key of \(key.count): \(first.text.prefix(300))")
                #expect(second.status == 201)
                #expect(bodyBytes(first) == bodyBytes(second), "key of \(key.count) replays")
            }
            #expect(try await InputKit.count(t, "cases") == keys.count)
        }
    }

    @Test func differentKeysFileTwoCases() async throws {
        try await withApp { t in
            let body = jsonText(t.filing())
            let a = try await file(t, body, key: "sleutel-a")
            let b = try await file(t, body, key: "sleutel-b")
            #expect(a.status == 201 && b.status == 201)
            #expect(a["id"].string != nil && a["id"].string != b["id"].string)
            #expect(a["reference"].string != b["reference"].string)
            #expect(a.headers[.location] != b.headers[.location])
            #expect(try await InputKit.count(t, "cases") == 2)
        }
    }

    @Test func withoutKeyEveryRequestFilesACase() async throws {
        try await withApp { t in
            let body = jsonText(t.filing())
            let a = try await file(t, body, key: nil)
            let b = try await file(t, body, key: nil)
            #expect(a.status == 201 && b.status == 201)
            #expect(a["id"].string != b["id"].string)
            #expect(try await InputKit.count(t, "cases") == 2)
        }
    }

    /// The repeat returns the same status and body as the first answer, even after the case moved on.
    @Test func replayAfterTheCaseChangedReturnsTheOriginalAnswer() async throws {
        try await withApp { t in
            let body = jsonText(t.filing())
            let first = try await file(t, body, key: "later-herhaald")
            let id = try #require(first["id"].string)
            let token = try #require(first["access_token"].string)
            let withdrawn = try await t.api.post("/api/v1/cases/\(id)/withdraw", token: token)
            #expect(withdrawn.status == 200, "\(withdrawn.text.prefix(300))")
            t.clock.advance(by: 3600)
            let again = try await file(t, body, key: "later-herhaald")
            #expect(again.status == 201)
            #expect(bodyBytes(again) == bodyBytes(first))
            #expect(again["status"].string == "submitted")
            #expect(try await InputKit.count(t, "cases") == 1)
        }
    }

    @Test func concurrentRequestsWithOneKeyFileOneCase() async throws {
        try await withApp { t in
            let body = jsonText(t.filing())
            let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        var headers: HTTPFields = [:]
                        headers[InputKit.idempotencyKey] = "gelijktijdig"
                        return try await t.api.post("/api/v1/cases", body, headers: headers)
                    }
                }
                var all: [Reply] = []
                for try await reply in group { all.append(reply) }
                return all
            }
            #expect(replies.count == 10)
            for reply in replies {
                #expect(reply.status == 201, "\(reply.status): \(reply.text.prefix(300))")
                #expect(bodyBytes(reply) == bodyBytes(replies[0]), "identical bodies")
                #expect(reply.headers[.location] == replies[0].headers[.location])
            }
            #expect(try await InputKit.count(t, "cases") == 1)
            #expect(try await InputKit.count(t, "case_parties") == 1)
        }
    }

    @Test func concurrentRequestsWithOneKeyAndDifferentBodiesFileOneCase() async throws {
        try await withApp { t in
            let bodies = (0..<10).map { i in jsonText(t.filing(["question": "Vraag nummer \(i) over mijn re-integratie."])) }
            let replies = try await withThrowingTaskGroup(of: Reply.self) { group in
                for body in bodies {
                    group.addTask {
                        var headers: HTTPFields = [:]
                        headers[InputKit.idempotencyKey] = "gelijktijdig-anders"
                        return try await t.api.post("/api/v1/cases", body, headers: headers)
                    }
                }
                var all: [Reply] = []
                for try await reply in group { all.append(reply) }
                return all
            }
            let created = replies.filter { $0.status == 201 }
            #expect(created.count == 1, "statuses: \(replies.map(\.status))")
            for reply in replies where reply.status != 201 {
                // A different body under a used key is 422; one still in flight may be a 409 to retry.
                #expect(reply.status == 422 || reply.status == 409, "\(reply.status): \(reply.text.prefix(300))")
                #expect(reply.contentType.hasPrefix("application/problem+json"))
            }
            #expect(try await InputKit.count(t, "cases") == 1)
        }
    }

    /// Canonicalising a body with a large integer must not bring the service down.
    /// Run in a child process: a crash there fails this test instead of the whole run.
    @Test func largeNumberInIdempotentFilingDoesNotCrashTheService() async throws {
        let db = try await InputKit.childDatabase()
        let result = await #expect(processExitsWith: .exitCode(0), observing: [\.standardOutputContent, \.standardErrorContent]) { [db = db as InputKit.ChildDatabase] in
            let ok = try await InputKit.inChild(db) { t in
                let base = jsonText(t.filing())
                var fine = true
                for number in ["10000000000000000000", "1e19", "-9.3e18", "123456789012345678901234567890"] {
                    let body = String(base.dropLast()) + ", \"client_revision\": \(number)}"
                    var headers: HTTPFields = [:]
                    headers[InputKit.idempotencyKey] = "groot-getal-\(number)"
                    let reply = try await t.api.post("/api/v1/cases", body, headers: headers)
                    print("large number \(number): \(reply.status)")
                    fine = fine && reply.status < 500
                }
                return fine
            }
            exit(ok ? 0 : 3)
        }
        InputKit.reportChild(result)
    }
}
