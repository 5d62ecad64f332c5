import EenloketDomain
import EenloketHTTP
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO

/// 2026-11-23 10:00 Amsterdam time (a Monday), the default moment of the tests.
let testStart = AmsterdamTime.startOfDay(LocalDate(year: 2026, month: 11, day: 23)!).addingTimeInterval(10 * 3600)

/// A running application on a fresh database, with a controlled clock.
struct TestContext: Sendable {
    let api: API
    let deps: AppDependencies
    let clock: ManualClock
    let postgres: PostgresClient.Configuration

    /// Runs SQL directly against the test's database (as its owner).
    /// Runs SQL directly on the pool: errors stay PostgreSQL errors (with their
    /// SQLSTATE), not the service's mapped ones.
    func sql(_ query: PostgresQuery) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in try await deps.database.client.query(query, logger: testLogger) { rows.append(row) }
        return rows
    }
}

/// Configuration the tests start from: fast bcrypt, no background sweeps or
/// workers during a test (tests fire timers and deliver mail by hand), and no
/// hearing window or draft round unless a test asks for one.
func testConfiguration() -> AppConfiguration {
    var config = AppConfiguration()
    config.sqlDirectory = TestDatabase.sqlDirectory
    config.bcryptCost = 4
    config.routingSweepInterval = .seconds(3600)
    config.runWorkers = false
    // Many tests run at once against one server: keep each pool small.
    config.databasePoolSize = 6
    // An upload that hangs fails a test in a minute, not after the deployment's 15.
    config.documentUploadTimeout = .seconds(60)
    config.hearingWindowDays = 0
    // The chair rules at once unless a test asks for the draft round.
    config.procedure.draftWindowDays = 0
    // Tests file many cases from one address; the limiter has its own tests.
    config.filingsPerHourPerAddress = 0
    // The whole suite loads two cores heavily; only the timeout's own test should see a timeout.
    config.requestTimeout = .seconds(120)
    // The same for start-up (the migrations, the first administrator); its limit has a fault test.
    config.startupTimeLimit = 300
    config.publicURL = "https://eenloket.test"
    // A fixed test key; production keys come from EENLOKET_SIGNING_KEY(_FILE).
    config.signingKey = Data((1...32).map { UInt8($0) }).base64EncodedString()
    config.idempotencySecret = Data((33...64).map { UInt8($0) }).base64EncodedString()
    config.mailSpoolDirectory = NSTemporaryDirectory() + "eenloket-mail-\(UUID().uuidString)"
    // Failed logins are answered at once, except in the slow-down's own test.
    config.loginSlowdown = .zero
    // Logins in one step, except in the two-step login's own tests.
    config.staffOTP = false
    // Tests move the clock by hours and days; the idle timeout has a test of its own.
    config.sessionIdleTimeout = 90 * 24 * 3600
    config.adminEmail = "admin@eenloket.test"
    config.adminPassword = "beheerder-wachtwoord"
    return config
}

let testLogger: Logger = {
    var logger = Logger(label: "eenloket-test")
    logger.logLevel = ProcessInfo.processInfo.environment["EENLOKET_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
    return logger
}()

/// Builds the application on a new database and runs `body` against it (no sockets).
func withApp<T: Sendable>(
    clock: ManualClock = ManualClock(testStart),
    configure: (inout AppConfiguration) -> Void = { _ in },
    database: PostgresClient.Configuration? = nil,
    _ body: @Sendable (TestContext) async throws -> T
) async throws -> T {
    var config = testConfiguration()
    configure(&config)
    let postgres: PostgresClient.Configuration
    if let database { postgres = database } else { postgres = try await TestDatabase.shared.freshDatabase() }
    let (app, deps) = try makeApplication(config, postgres: postgres, clock: clock, logger: testLogger)
    return try await app.test(.router) { client in
        try await body(TestContext(api: API(client: client), deps: deps, clock: clock, postgres: postgres))
    }
}

/// A small JSON client over HummingbirdTesting.
struct API: Sendable {
    let client: any TestClientProtocol

    func request(
        _ method: HTTPRequest.Method, _ path: String, json: String? = nil, token: String? = nil,
        headers extra: HTTPFields = [:], contentType: String? = "application/json"
    ) async throws -> Reply {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil, let contentType { headers[.contentType] = contentType }
        let response = try await client.executeRequest(
            uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        return Reply(response: response)
    }

    func get(_ path: String, token: String? = nil) async throws -> Reply {
        try await request(.get, path, token: token)
    }

    func post(_ path: String, _ json: String? = nil, token: String? = nil, headers: HTTPFields = [:]) async throws -> Reply {
        try await request(.post, path, json: json, token: token, headers: headers)
    }

    func post(_ path: String, object: [String: Any], token: String? = nil, headers: HTTPFields = [:]) async throws -> Reply {
        try await post(path, jsonText(object), token: token, headers: headers)
    }

    func patch(_ path: String, object: [String: Any], token: String? = nil) async throws -> Reply {
        try await request(.patch, path, json: jsonText(object), token: token)
    }

    func put(_ path: String, object: [String: Any], token: String? = nil) async throws -> Reply {
        try await request(.put, path, json: jsonText(object), token: token)
    }

    func delete(_ path: String, token: String? = nil) async throws -> Reply {
        try await request(.delete, path, token: token)
    }
}

/// JSON text of a Foundation object graph.
func jsonText(_ object: Any) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
}

/// A response with its body parsed as JSON when it is JSON.
struct Reply: Sendable {
    let response: TestResponse

    var status: Int { Int(response.status.code) }
    var headers: HTTPFields { response.headers }
    var text: String { String(buffer: response.body) }
    var json: JSONValue { (try? JSONValue.parse(Data(text.utf8))) ?? .null }
    var contentType: String { headers[.contentType] ?? "" }

    subscript(_ key: String) -> JSONValue { json[key] }
}

extension JSONValue {
    subscript(_ key: String) -> JSONValue {
        if case .object(let o) = self { return o[key] ?? .null }
        return .null
    }

    subscript(_ index: Int) -> JSONValue {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return .null
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var int: Int? {
        if case .number(let n) = self { return Int(n) }
        return nil
    }

    var double: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    var array: [JSONValue] {
        if case .array(let a) = self { return a }
        return []
    }

    var object: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    var isNull: Bool { self == .null }

    /// Whether an object has the key at all (even with a null value).
    func has(_ key: String) -> Bool { object?[key] != nil }
}
