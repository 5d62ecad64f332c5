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
import Synchronization
import Testing

/// Helpers shared by the trust suites (authorization matrix, fuzzing, log privacy).
/// Kept in one namespace so they cannot clash with helpers of other test folders.
enum TrustKit {
    /// The served API routes, as "METHOD /api/v1/…" with the router's parameter names.
    static func servedAPIRoutes(_ deps: AppDependencies) throws -> [String] {
        let router = try buildRouter(deps)
        let all = router.routes.map { route -> String in
            let path = route.path.description
            return "\(route.method.rawValue) \(path.hasPrefix("/") ? "" : "/")\(path)"
        }
        return Array(Set(all.filter { $0.split(separator: " ", maxSplits: 1).last?.hasPrefix("/api/v1") == true })).sorted()
    }

    /// Delivers every due e-mail and returns the private links of the invitations
    /// among them, by recipient address.
    static func deliverInvitations(_ t: TestContext) async throws -> [String: String] {
        let transport = RecordingTransport()
        _ = try await t.deps.notifications.deliverDue(at: t.clock.now(), limit: 1000, via: transport)
        var links: [String: String] = [:]
        for message in transport.messages where message.subject.hasPrefix("Uitnodiging") {
            if let token = partyToken(inMessage: message.body) { links[message.to] = token }
        }
        return links
    }

    /// The token of the first private link (`…/zaak/elc_…`) in a text.
    static func partyToken(inMessage text: String) -> String? {
        guard let range = text.range(of: "/zaak/elc_") else { return nil }
        let start = text.index(range.lowerBound, offsetBy: "/zaak/".count)
        let token = text[start...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        return token.isEmpty ? nil : String(token)
    }

    /// Checks that a reply is a well-formed RFC 9457 problem of a 4xx status.
    /// Returns a description of what is wrong, or nil.
    static func problemDefect(_ reply: Reply) -> String? {
        guard (400..<500).contains(reply.status) else { return "status \(reply.status) is not a 4xx" }
        guard reply.contentType.hasPrefix("application/problem+json") else { return "content type '\(reply.contentType)'" }
        guard case .object(let problem) = (try? JSONValue.parse(Data(reply.text.utf8))) ?? .null else {
            return "body is not a JSON object"
        }
        let value = JSONValue.object(problem)
        guard value["status"].int == reply.status else { return "member status is \(value["status"]), not \(reply.status)" }
        for key in ["type", "title", "detail"] {
            guard let text = value[key].string, !text.isEmpty else { return "member \(key) missing or not a string" }
        }
        if reply.status == 422 {
            let errors = value["errors"].array
            guard !errors.isEmpty else { return "a 422 without errors" }
            for error in errors where error["field"].string == nil || error["message"].string == nil {
                return "an error without field/message: \(error)"
            }
        }
        return nil
    }

    /// A short printable excerpt of a body (for failure messages).
    static func excerpt(_ bytes: [UInt8], _ limit: Int = 160) -> String {
        let head = String(decoding: bytes.prefix(limit), as: UTF8.self).debugDescription
        return bytes.count > limit ? "\(head)… (\(bytes.count) bytes)" : head
    }
}

// MARK: Capturing every log line

/// Every log line an application wrote, in order.
final class TrustLogCapture: Sendable {
    struct Line: Sendable {
        let level: Logger.Level
        let label: String
        let message: String
        let metadata: [String: String]
        let error: String?
        let source: String

        /// The line as a log backend would print it: message, every metadata
        /// key and value (including nested ones) and any attached error.
        var rendered: String {
            let meta = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            return "\(level) [\(label)] \(message) {\(meta)}" + (error.map { " error=\($0)" } ?? "") + " (\(source))"
        }
    }

    private let storage = Mutex<[Line]>([])

    func append(_ line: Line) { storage.withLock { $0.append(line) } }
    var lines: [Line] { storage.withLock { $0 } }

    /// A logger at trace level whose every line lands here.
    func logger(label: String = "eenloket-capture") -> Logger {
        var logger = Logger(label: label) { label in TrustCapturingLogHandler(label: label, capture: self) }
        logger.logLevel = .trace
        return logger
    }
}

/// A swift-log handler that keeps every line (message, merged metadata, error).
struct TrustCapturingLogHandler: LogHandler {
    let label: String
    let capture: TrustLogCapture
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        capture.append(
            TrustLogCapture.Line(
                level: event.level, label: label, message: event.message.description,
                metadata: merged.mapValues { $0.description }, error: event.error.map { String(reflecting: $0) }, source: event.source))
    }
}

/// Builds the application the way `withApp` does, but with a logger of the
/// caller's choosing, served over a real socket (`.live`), so the HTTP server's
/// own lines are captured as well.
func withTrustApp<T: Sendable>(
    logger: Logger,
    clock: ManualClock = ManualClock(testStart),
    configure: (inout AppConfiguration) -> Void = { _ in },
    _ body: @Sendable (TestContext) async throws -> T
) async throws -> T {
    var config = testConfiguration()
    configure(&config)
    let postgres = try await TestDatabase.shared.freshDatabase()
    let (app, deps) = try makeApplication(config, postgres: postgres, clock: clock, logger: logger)
    return try await app.test(.live) { client in
        try await body(TestContext(api: API(client: client), deps: deps, clock: clock, postgres: postgres))
    }
}
