// The benchmark's ceiling (Tests/Benchmarks/run.sh): the service's stack, Hummingbird 2 and PostgresNIO, doing one
// primary-key read of a case answered as JSON and nothing else: no authentication, no middleware, no access log.
// `GET /cases/{id}` of the service is measured as a ratio of this. Not shipped; the service never uses it.
import Foundation
import Hummingbird
import Logging
import NIOCore
import PostgresNIO

/// One case by primary key, prepared once per connection as the service's statements are.
struct CaseById: PostgresPreparedStatement {
    static let sql = "SELECT id, reference, status::text, created_at FROM cases WHERE id = $1"
    typealias Row = (UUID, String, String, Date)
    let id: UUID

    func makeBindings() throws -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(id)
        return binds
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

struct CaseJSON: Encodable {
    let id: String
    let reference: String
    let status: String
    let createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, reference, status
        case createdAt = "created_at"
    }
}

func runCeiling() async throws {
    let env = ProcessInfo.processInfo.environment
    var logger = Logger(label: "eenloket-ceiling")
    logger.logLevel = .warning
    var postgres = PostgresClient.Configuration(
        host: env["CEILING_PG_HOST"] ?? "127.0.0.1", port: Int(env["CEILING_PG_PORT"] ?? "") ?? 5432,
        username: env["CEILING_PG_USER"] ?? "eenloket_app", password: nil,
        database: env["CEILING_PG_DATABASE"] ?? "eenloket", tls: .disable)
    postgres.options.maximumConnections = Int(env["CEILING_POOL_SIZE"] ?? "") ?? 40
    let client = PostgresClient(configuration: postgres, backgroundLogger: logger)
    let log = logger
    let router = Router()
    router.get("/cases/{id}") { _, context -> Response in
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            return Response(status: .notFound)
        }
        var found: CaseJSON?
        for try await (rowId, reference, status, createdAt) in try await client.execute(CaseById(id: id), logger: log) {
            found = CaseJSON(
                id: rowId.uuidString.lowercased(), reference: reference, status: status,
                createdAt: createdAt.formatted(.iso8601))
        }
        guard let found else { return Response(status: .notFound) }
        // Encoded as the service encodes its answers (JSONResponse), so the ratio compares like with like.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(found))))
    }
    let app = Application(
        router: router,
        configuration: .init(
            address: .hostname("127.0.0.1", port: Int(env["CEILING_PORT"] ?? "") ?? 8081), serverName: "eenloket-ceiling"),
        services: [client], logger: logger)
    try await app.runService()
}

try await runCeiling()
