import EenloketDomain
@testable import EenloketStore
import Foundation
import Logging
import PostgresNIO
import Testing

/// Errors tell the truth: an unavailable database is a 503 with Retry-After;
/// a bug is a 500 that names the request id, logged at critical with that id.
@Suite("Service: a bug is a 500 with a request id, an outage a 503")
struct ErrorTruthTests {
    @Test func aQueryThePostgreSQLRefusesIsA500NamingTheRequestId() async throws {
        let capture = TrustLogCapture()
        try await withTrustApp(logger: capture.logger()) { t in
            let c = try await t.file()
            // A schema the code does not expect (a deploy gone wrong): every statement read fails with 42703.
            try await TestDatabase.shared.asSuperuser(
                t.postgres.database!, ["ALTER TABLE case_statements RENAME COLUMN text TO text_renamed"])
            let reply = try await t.api.get("/api/v1/cases/\(c.id)/statements", token: c.token)
            expectProblem(reply, 500)
            #expect(reply.headers[.retryAfter] == nil, "a bug is not worth retrying")
            let requestId = try #require(reply["request_id"].string)
            #expect(reply["detail"].string?.contains(requestId) == true)
            #expect(!reply.text.contains("text_renamed") && !reply.text.contains("42703"), "nothing of the failure reaches the client")
            let critical = capture.lines.filter { $0.level == .critical }
            #expect(critical.contains { $0.metadata["hb.request.id"] == requestId && $0.message.hasPrefix("bug:") }, "\(critical.map(\.rendered))")
            #expect(critical.contains { $0.metadata["sqlstate"] == "42703" })
            // The same on a page: a Dutch page with the number.
            let cookie = try await t.openLink(c.token)
            let page = try await t.partyPage("/zaak", cookie: cookie)
            #expect(page.status == 500 && page.text.contains("Er ging iets mis bij ons"))
        }
    }

    @Test func theMappingTellsOutagesFromBugs() {
        let logger = Logger(label: "test")
        // Outages and overload: 503.
        for state in ["08006", "53300", "57014", "57P01", "58030", "55P03"] {
            #expect(DatabaseErrors.isUnavailability(state), "\(state)")
        }
        // A wrong query or schema: a bug.
        for state in ["42703", "42P01", "42601", "XX000", "0A000"] {
            #expect(!DatabaseErrors.isUnavailability(state), "\(state)")
        }
        // An error that is no database error at all (a row that does not decode, say) is a bug too.
        struct Unexpected: Error {}
        #expect(DatabaseErrors.map(Unexpected(), logger: logger) as? AppError == .internalError)
        #expect(DatabaseErrors.map(CancellationError(), logger: logger) is CancellationError, "a cancelled request is not a bug")
        #expect(DatabaseErrors.map(AppError.notFound, logger: logger) as? AppError == .notFound)
    }
}
