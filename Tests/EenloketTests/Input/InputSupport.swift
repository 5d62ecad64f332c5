import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import NIOCore
import PostgresNIO
import Testing

/// Helpers shared by the input-handling tests (Tests/EenloketTests/Input).
/// Kept in one namespace so they cannot clash with helpers of other test folders.
enum InputKit {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    /// Sends raw bytes (or no body at all), with exactly the given content type.
    static func raw(
        _ t: TestContext, _ method: HTTPRequest.Method, _ path: String, bytes: [UInt8]?,
        contentType: String? = "application/json", token: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let contentType { headers[.contentType] = contentType }
        let response = try await t.api.client.executeRequest(
            uri: path, method: method, headers: headers, body: bytes.map { ByteBuffer(bytes: $0) })
        return Reply(response: response)
    }

    /// Sends a text body with a given content type (nil: no Content-Type header at all).
    static func text(
        _ t: TestContext, _ method: HTTPRequest.Method, _ path: String, _ text: String,
        contentType: String? = "application/json", token: String? = nil, headers: HTTPFields = [:]
    ) async throws -> Reply {
        try await raw(t, method, path, bytes: Array(text.utf8), contentType: contentType, token: token, headers: headers)
    }

    /// The dotted field paths a 422 names.
    static func fields(_ reply: Reply) -> [String] {
        reply["errors"].array.compactMap { $0["field"].string }
    }

    /// A 422 problem whose `errors` name exactly `expected` (as a set), each with a message.
    static func expectInvalid(
        _ reply: Reply, fields expected: Set<String>, _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expectProblem(reply, 422, sourceLocation: sourceLocation)
        let named = fields(reply)
        #expect(
            Set(named) == expected, "\(comment) expected errors for \(expected.sorted()), got \(named): \(reply.text.prefix(600))",
            sourceLocation: sourceLocation)
        for error in reply["errors"].array {
            #expect(!(error["message"].string ?? "").isEmpty, "every error has a message: \(error)", sourceLocation: sourceLocation)
        }
    }

    /// A 422 problem whose `errors` include every field in `expected`.
    static func expectInvalid(
        _ reply: Reply, including expected: Set<String>, _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expectProblem(reply, 422, sourceLocation: sourceLocation)
        let named = Set(fields(reply))
        #expect(
            expected.isSubset(of: named), "\(comment) expected errors for \(expected.sorted()), got \(named.sorted()): \(reply.text.prefix(600))",
            sourceLocation: sourceLocation)
    }

    /// Any 4xx problem document (never a 5xx), with a consistent `status` member.
    static func expectClientError(_ reply: Reply, _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            (400..<500).contains(reply.status), "\(comment) expected a 4xx, got \(reply.status): \(reply.text.prefix(400))",
            sourceLocation: sourceLocation)
        #expect(
            reply.contentType.hasPrefix("application/problem+json"), "\(comment) content type \(reply.contentType)",
            sourceLocation: sourceLocation)
        #expect(reply["status"].int == reply.status, "\(comment) problem status member", sourceLocation: sourceLocation)
    }

    /// The service still answers its liveness probe.
    static func expectAlive(_ t: TestContext, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let live = try await t.api.get("/health/live")
        #expect(live.status == 200, "GET /health/live after a bad request: \(live.status)", sourceLocation: sourceLocation)
    }

    static func count(_ t: TestContext, _ table: String) async throws -> Int {
        let rows = try await t.sql(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"))
        return try rows[0].decode(Int.self)
    }

    /// Everything a request could write: row counts and the mutable columns of cases,
    /// staff and panel members. Equal snapshots mean nothing was (half-)written.
    static func snapshot(_ t: TestContext) async throws -> String {
        let rows = try await t.sql(
            PostgresQuery(
                unsafeSQL: """
                    SELECT concat_ws(' | ',
                      'cases=' || (SELECT count(*) FROM cases),
                      'parties=' || (SELECT count(*) FROM case_parties),
                      'medical=' || (SELECT count(*) FROM case_medical),
                      'events=' || (SELECT count(*) FROM case_events),
                      'deadlines=' || (SELECT count(*) FROM case_deadlines),
                      'staff=' || (SELECT count(*) FROM staff),
                      'panel_members=' || (SELECT count(*) FROM panel_members),
                      'sessions=' || (SELECT count(*) FROM staff_sessions),
                      'login_attempts=' || (SELECT count(*) FROM login_attempts),
                      'assignments=' || (SELECT count(*) FROM panel_assignments),
                      'rulings=' || (SELECT count(*) FROM rulings),
                      'ruling_medical=' || (SELECT count(*) FROM ruling_medical),
                      'appeals=' || (SELECT count(*) FROM appeals),
                      'idempotency=' || (SELECT count(*) FROM idempotency_keys),
                      (SELECT string_agg(id::text || ':' || status || ':' || updated_at::text || ':' || coalesce(triage_decision, '-'),
                                         ',' ORDER BY id) FROM cases),
                      (SELECT string_agg(id::text || ':' || email || ':' || name || ':' || active::text || ':' || updated_at::text
                                         || ':' || md5(password_hash), ',' ORDER BY id) FROM staff),
                      (SELECT string_agg(staff_id::text || ':' || max_open_cases::text || ':' || coalesce(big_number, '-') || ':'
                                         || array_to_string(affiliations, ';'), ',' ORDER BY staff_id) FROM panel_members))
                    """))
        return try rows[0].decode(String.self)
    }

    /// A string of `n` characters.
    static func long(_ n: Int, _ unit: String = "a") -> String { String(repeating: unit, count: n) }

    /// Replaces the first occurrence of `marker` in `bytes` with `replacement`.
    static func replacing(_ marker: String, in bytes: [UInt8], with replacement: [UInt8]) -> [UInt8] {
        let m = Array(marker.utf8)
        guard m.count <= bytes.count else { return bytes }
        for i in 0...(bytes.count - m.count) where Array(bytes[i..<(i + m.count)]) == m {
            return Array(bytes[..<i]) + replacement + Array(bytes[(i + m.count)...])
        }
        Issue.record("marker \(marker) not found in the body")
        return bytes
    }

    /// Sets a value at a dotted path ("employer.kvk_number") in a Foundation object graph;
    /// `nil` removes the key.
    static func setting(_ path: String, to value: Any?, in body: [String: Any]) -> [String: Any] {
        var body = body
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 1 {
            body[parts[0]] = value
        } else {
            let inner = (body[parts[0]] as? [String: Any]) ?? [:]
            body[parts[0]] = setting(parts[1], to: value, in: inner)
        }
        return body
    }

    // MARK: Probes that may crash the service: run in a child process (exit tests)

    /// Where a child process finds its own fresh database (Codable, so an exit test can capture it).
    struct ChildDatabase: Codable, Sendable {
        let socket: String?
        let user: String
        let name: String
    }

    /// A fresh database for a child process, made by the parent (the child must not
    /// touch the shared test cluster's set-up).
    static func childDatabase() async throws -> ChildDatabase {
        let config = try await TestDatabase.shared.freshDatabase()
        return ChildDatabase(socket: config.unixSocketPath, user: config.username, name: config.database ?? "")
    }

    /// Runs `body` against the app on `db`; for use inside an exit test's child process.
    static func inChild<T: Sendable>(_ db: ChildDatabase, _ body: @Sendable (TestContext) async throws -> T) async throws -> T {
        var config: PostgresClient.Configuration
        if let socket = db.socket {
            config = PostgresClient.Configuration(unixSocketPath: socket, username: db.user, password: nil, database: db.name)
        } else {
            config = try DatabaseURL.configuration(ProcessInfo.processInfo.environment["EENLOKET_TEST_DATABASE_URL"] ?? "")
            config.database = db.name
        }
        return try await withApp(database: config, body)
    }

    /// When a child process did not exit normally, records what it printed (the crash message).
    static func reportChild(_ result: ExitTest.Result?, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let result, result.exitStatus != .exitCode(0) else { return }
        let out = String(decoding: result.standardOutputContent.suffix(600), as: UTF8.self)
        let err = String(decoding: result.standardErrorContent.suffix(1500), as: UTF8.self)
        Issue.record("child process: \(result.exitStatus)\nstdout: …\(out)\nstderr: …\(err)", sourceLocation: sourceLocation)
    }
}
