import EenloketDomain
import Foundation
import HTTPTypes
import Testing

/// Query parameters of the lists and statistics, and path ids that are not UUIDs.
@Suite("Input: query parameters and path ids")
struct InputQueryParameterTests {
    private static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
    }

    /// An opaque cursor built the way a forger would: base64url of the service's own form.
    private static func forgedCursor(_ raw: String) -> String {
        Data(raw.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private func list(_ t: TestContext, _ query: String, token: String) async throws -> Reply {
        try await t.api.get("/api/v1/cases?\(query)", token: token)
    }

    // MARK: limit

    @Test(arguments: ["0", "101", "abc", "-1", "1.5", "1e2", "0x10", "99999999999999999999999", "10abc"])
    func limitOutsideOneToHundredIs422(_ limit: String) async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer)
            _ = try await t.file()
            let reply = try await list(t, "limit=\(Self.encoded(limit))", token: intake.token)
            InputKit.expectInvalid(reply, fields: ["limit"], "limit=\(limit)")
            try await InputKit.expectAlive(t)
        }
    }

    @Test func limitWithinOneToHundredIsAccepted() async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer)
            for _ in 0..<3 { _ = try await t.file() }
            let one = try await list(t, "limit=1", token: intake.token)
            #expect(one.status == 200, "\(one.text.prefix(300))")
            #expect(one["items"].array.count == 1)
            #expect(one["next_cursor"].string != nil, "more cases follow")
            let two = try await list(t, "limit=2", token: intake.token)
            #expect(two["items"].array.count == 2)
            for limit in [3, 50, 99, 100] {
                let reply = try await list(t, "limit=\(limit)", token: intake.token)
                #expect(reply.status == 200, "limit=\(limit): \(reply.text.prefix(300))")
                #expect(reply["items"].array.count == 3)
                #expect(reply.json.has("next_cursor") && reply["next_cursor"].isNull, "limit=\(limit): no next page")
            }
            let unlimited = try await t.api.get("/api/v1/cases", token: intake.token)
            #expect(unlimited.status == 200)
            #expect(unlimited["items"].array.count == 3, "default limit 25")
        }
    }

    @Test func defaultLimitIs25() async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer)
            for _ in 0..<26 { _ = try await t.file() }
            let page = try await t.api.get("/api/v1/cases", token: intake.token)
            #expect(page["items"].array.count == 25)
            #expect(page["next_cursor"].string != nil)
        }
    }

    // MARK: status

    @Test(arguments: ["unknown", "SUBMITTED", "open", "submitted ", "' OR 1=1 --", "in-review", "null"])
    func unknownStatusIs422(_ status: String) async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer)
            _ = try await t.file()
            let reply = try await list(t, "status=\(Self.encoded(status))", token: intake.token)
            InputKit.expectInvalid(reply, fields: ["status"], "status=\(status)")
            try await InputKit.expectAlive(t)
        }
    }

    @Test func everyContractStatusFilters() async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer)
            let kept = try await t.file()
            let gone = try await t.file()
            let withdrawn = try await t.api.post("/api/v1/cases/\(gone.id)/withdraw", token: gone.token)
            #expect(withdrawn.status == 200)
            for status in ["submitted", "awaiting_panel", "in_review", "ruled", "referred", "answered", "withdrawn"] {
                let reply = try await list(t, "status=\(status)", token: intake.token)
                #expect(reply.status == 200, "status=\(status): \(reply.text.prefix(300))")
                let ids = reply["items"].array.compactMap { $0["id"].string }
                switch status {
                case "submitted": #expect(ids == [kept.id])
                case "withdrawn": #expect(ids == [gone.id])
                default: #expect(ids.isEmpty, "status=\(status): \(ids)")
                }
            }
        }
    }

    // MARK: cursor

    static let garbageCursors: [String] = [
        "garbage", "!!!", "abc def", String(repeating: "A", count: 1000), "%00", "eyJhIjoxfQ",
        forgedCursor("a.b.c"), forgedCursor("-.123.not-a-uuid"), forgedCursor("2026-13-45.1.9b2f6f0e-5a4e-4d1a-9f1e-2c1d8f3a7b6c"),
        forgedCursor("-.12.34.9b2f6f0e-5a4e-4d1a-9f1e-2c1d8f3a7b6c"), forgedCursor("-.x.9b2f6f0e-5a4e-4d1a-9f1e-2c1d8f3a7b6c"),
        // Well-formed, but naming a moment or day PostgreSQL cannot hold.
        forgedCursor("-.-300000000000000000.9b2f6f0e-5a4e-4d1a-9f1e-2c1d8f3a7b6c"),
        forgedCursor("0000-01-01.0.9b2f6f0e-5a4e-4d1a-9f1e-2c1d8f3a7b6c"),
    ]

    @Test(arguments: garbageCursors)
    func garbageCursorIs422(_ cursor: String) async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer)
            _ = try await t.file()
            let query = cursor == "%00" ? "cursor=%00" : "cursor=\(Self.encoded(cursor))"
            let reply = try await list(t, query, token: intake.token)
            InputKit.expectInvalid(reply, fields: ["cursor"], "cursor=\(cursor.prefix(60))")
            try await InputKit.expectAlive(t)
        }
    }

    /// A forged cursor whose timestamp is at the edge of a 64-bit integer. Run in a
    /// child process (exit test): a crash there fails this test, not the whole run.
    @Test func extremeTimestampInCursorIs422WithoutCrash() async throws {
        let db = try await InputKit.childDatabase()
        let cursor = Self.forgedCursor("-.-9223372036854775808.9b2f6f0e-5a4e-4d1a-9f1e-2c1d8f3a7b6c")
        let result = await #expect(processExitsWith: .exitCode(0), observing: [\.standardOutputContent, \.standardErrorContent]) { [db = db as InputKit.ChildDatabase, cursor = cursor as String] in
            let status = try await InputKit.inChild(db) { t in
                let intake = try await t.staff(.intakeOfficer)
                _ = try await t.file()
                return try await t.api.get("/api/v1/cases?cursor=\(cursor)", token: intake.token).status
            }
            print("extreme cursor: \(status)")
            exit(status == 422 ? 0 : 3)
        }
        InputKit.reportChild(result)
    }

    @Test func severalBadParametersAreAllNamed() async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer)
            let reply = try await list(t, "limit=0&status=nope&cursor=zzz", token: intake.token)
            InputKit.expectInvalid(reply, fields: ["limit", "status", "cursor"])
        }
    }

    // MARK: Paging

    /// Five cases, limit 2: three pages, every case exactly once, most urgent first
    /// (earliest due_by; null last; then oldest first), next_cursor null at the end.
    @Test func pagingVisitsEveryCaseOnceInUrgencyOrder() async throws {
        try await withApp { t in
            let a = try await t.file()  // Monday 10:00, referred below: no open deadline
            t.clock.advance(by: 3600)
            let b = try await t.file()  // Monday 11:00
            t.clock.advance(by: 24 * 3600)
            let c = try await t.file()  // Tuesday 11:00
            t.clock.advance(by: 3600)
            let d = try await t.file()  // Tuesday 12:00: same due day as c, filed later
            t.clock.advance(by: 24 * 3600)
            let e = try await t.file()  // Wednesday 12:00
            let intake = try await t.staff(.intakeOfficer)  // logged in now: staff tokens expire
            let referred = try await t.api.post(
                "/api/v1/cases/\(a.id)/triage",
                object: ["decision": "refer", "motivation": "Vraag eerst de bedrijfsarts om heroverweging."], token: intake.token)
            #expect(referred.status == 200, "\(referred.text.prefix(300))")
            #expect(referred["status"].string == "referred")

            var pages: [[JSONValue]] = []
            var cursor: String?
            repeat {
                let query = "limit=2" + (cursor.map { "&cursor=\(Self.encoded($0))" } ?? "")
                let page = try await list(t, query, token: intake.token)
                #expect(page.status == 200, "\(page.text.prefix(300))")
                #expect(page.json.has("next_cursor"))
                pages.append(page["items"].array)
                cursor = page["next_cursor"].string
                if pages.count > 10 { break }
            } while cursor != nil

            #expect(pages.map(\.count) == [2, 2, 1], "page sizes")
            let items = pages.flatMap { $0 }
            let ids = items.compactMap { $0["id"].string }
            #expect(ids.count == 5 && Set(ids).count == 5, "every case exactly once: \(ids)")
            #expect(ids == [b.id, c.id, d.id, e.id, a.id], "most urgent first, referred (no deadline) last")
            // The order agrees with the summaries' own due_by and created_at.
            let keys = items.map { ($0["due_by"].string ?? "9999-12-31", $0["created_at"].string ?? "") }
            #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 }, "sorted by (due_by, created_at): \(keys)")
            #expect(items.last?["due_by"].isNull == true)
            for item in items {
                #expect(item.has("reference") && item.has("status") && item.has("case_type") && item.has("created_at") && item.has("due_by"))
            }
        }
    }

    @Test func pagingWithStatusFilterKeepsTheFilter() async throws {
        try await withApp { t in
            let intake = try await t.staff(.intakeOfficer)
            var submitted: [String] = []
            for i in 0..<5 {
                let filed = try await t.file()
                t.clock.advance(by: 600)
                if i % 2 == 0 {
                    _ = try await t.api.post("/api/v1/cases/\(filed.id)/withdraw", token: filed.token)
                } else {
                    submitted.append(filed.id)
                }
            }
            let first = try await list(t, "status=submitted&limit=1", token: intake.token)
            let next = try #require(first["next_cursor"].string)
            let second = try await list(t, "status=submitted&limit=1&cursor=\(Self.encoded(next))", token: intake.token)
            let ids = (first["items"].array + second["items"].array).compactMap { $0["id"].string }
            #expect(Set(ids) == Set(submitted), "\(ids) vs \(submitted)")
            #expect(second["next_cursor"].isNull)
        }
    }

    // MARK: Statistics year

    @Test(arguments: ["abc", "1999", "-2026", "2026.5", "99999", "0", "20 26", "2O26"])
    func badStatisticsYearIs422(_ year: String) async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            let reply = try await t.api.get("/api/v1/stats/employers?year=\(Self.encoded(year))", token: admin)
            InputKit.expectInvalid(reply, fields: ["year"], "year=\(year)")
            try await InputKit.expectAlive(t)
        }
    }

    @Test(arguments: ["2026", "2025", "2000"])
    func plausibleStatisticsYearIsAccepted(_ year: String) async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            let reply = try await t.api.get("/api/v1/stats/employers?year=\(year)", token: admin)
            #expect(reply.status == 200, "year=\(year): \(reply.text.prefix(300))")
            #expect(reply.json.has("items"))
        }
    }

    // MARK: Path ids that are not UUIDs

    static let notUUIDs = [
        "123", "xyz", "00000000-0000-0000-0000-00000000000g", "9b2f6f0e-5a4e-4d1a-9f1e-2c1d8f3a7b6c0",
        "9b2f6f0e5a4e4d1a9f1e2c1d8f3a7b6c0000", "%27%20OR%20%271%27%3D%271", "%00", "..%2F..%2Fetc%2Fpasswd",
        String(repeating: "a", count: 2000),
    ]

    @Test(arguments: notUUIDs)
    func pathIdThatIsNotAUUIDIs404(_ id: String) async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            let intake = try await t.staff(.intakeOfficer)
            let member = try await t.member(.bedrijfsarts)
            let filer = try await t.file()
            let triage: [String: Any] = [
                "decision": "accept", "case_type": "second_opinion", "other_options_exhausted": true,
                "disciplines": ["bedrijfsarts"], "motivation": "Bedrijfsarts heeft heroverweging geweigerd.",
            ]
            let requests: [(HTTPRequest.Method, String, String, String?)] = [
                (.get, "/api/v1/cases/\(id)", admin, nil),
                (.get, "/api/v1/cases/\(id)", intake.token, nil),
                (.get, "/api/v1/cases/\(id)", filer.token, nil),
                (.get, "/api/v1/cases/\(id)/events", admin, nil),
                (.post, "/api/v1/cases/\(id)/triage", intake.token, jsonText(triage)),
                (.post, "/api/v1/cases/\(id)/ruling", member.token, jsonText(t.rulingBody())),
                (.post, "/api/v1/cases/\(id)/withdraw", filer.token, nil),
                (.post, "/api/v1/cases/\(id)/appeal", filer.token, jsonText(["court": "Rechtbank Amsterdam", "lodged_on": "2026-11-23"])),
                (.get, "/api/v1/staff/\(id)", admin, nil),
                (.patch, "/api/v1/staff/\(id)", admin, jsonText(["name": "Nieuwe Naam"])),
            ]
            let before = try await InputKit.snapshot(t)
            for (method, path, token, body) in requests {
                let reply = try await t.api.request(method, path, json: body, token: token)
                #expect(reply.status == 404, "\(method) \(path.prefix(80)): \(reply.status) \(reply.text.prefix(200))")
                #expect(reply.contentType.hasPrefix("application/problem+json"), "\(method) \(path.prefix(80)): \(reply.contentType)")
                #expect(reply["status"].int == 404)
            }
            #expect(try await InputKit.snapshot(t) == before, "nothing written")
            try await InputKit.expectAlive(t)
        }
    }

    @Test func unknownButWellFormedUUIDIs404() async throws {
        try await withApp { t in
            let admin = try await t.adminToken()
            let id = UUID().uuidString.lowercased()
            for path in ["/api/v1/cases/\(id)", "/api/v1/cases/\(id)/events", "/api/v1/staff/\(id)"] {
                expectProblem(try await t.api.get(path, token: admin), 404)
            }
            expectProblem(try await t.api.patch("/api/v1/staff/\(id)", object: ["name": "Nieuwe Naam"], token: admin), 404)
        }
    }
}
