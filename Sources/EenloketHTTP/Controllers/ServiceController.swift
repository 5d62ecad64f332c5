import EenloketDomain
import EenloketStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus

/// Health, the OpenAPI document and metrics.
struct ServiceController {
    let deps: AppDependencies
    let document: OpenAPIDocument

    init(deps: AppDependencies) throws {
        self.deps = deps
        self.document = try OpenAPIDocument.served(contact: deps.configuration.contact)
    }

    func register(on router: Router<AppRequestContext>) {
        router.get("health/live", use: live)
        router.get("health/ready", use: ready)
        router.get("openapi.yaml", use: openAPIYAML)
        router.get("api/v1/openapi.json", use: openAPIJSON)
        router.get("metrics", use: metrics)
    }

    /// `GET /health/live`: 200 while the process runs.
    @Sendable func live(_ request: Request, context: AppRequestContext) async throws -> Response {
        plain("ok\n")
    }

    /// `GET /health/ready`: 200 when the database answers within two seconds
    /// and every migration is applied; 503 otherwise.
    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> Response {
        let deps = self.deps
        let upToDate = try? await TimeLimit.run(seconds: 2) {
            try await deps.migrations.isUpToDate(on: deps.database.client, logger: deps.database.logger)
        }
        // Not ready is an error answer like any other: a problem document with Retry-After.
        guard upToDate == true else { return Problem.response(for: .unavailable) }
        return plain("ready\n")
    }

    /// `GET /openapi.yaml`.
    @Sendable func openAPIYAML(_ request: Request, context: AppRequestContext) async throws -> Response {
        documentResponse(document.yaml, contentType: "application/yaml; charset=utf-8")
    }

    /// `GET /api/v1/openapi.json`: the same document where the design rules look for it (/core/publish-openapi).
    @Sendable func openAPIJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        documentResponse(document.json, contentType: "application/json; charset=utf-8")
    }

    /// Any web page may read the document (/core/transport/cors); it holds no personal data.
    private func documentResponse(_ text: String, contentType: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: contentType, .accessControlAllowOrigin: "*"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `GET /metrics`: Prometheus text format, with cases by status read at scrape time.
    /// Only for a scraper on this machine (loopback, not through a proxy) or one
    /// holding `EENLOKET_METRICS_TOKEN`; the service does not rely on a proxy blocking it.
    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard MetricsAccess.allows(request, context: context, token: deps.configuration.metricsToken) else {
            throw AppError.forbidden("De meetgegevens zijn alleen voor de monitoring van deze server.")
        }
        if let counts = try? await deps.stats.casesByStatus() {
            let descriptor = MetricNameDescriptor(namespace: "eenloket", metricName: "cases", helpText: "Cases by status")
            for (status, count) in counts {
                deps.metrics.makeGauge(descriptor: descriptor, labels: [("status", status.rawValue)]).set(Double(count))
            }
        }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: deps.metrics.emitToBuffer())))
    }

    private func plain(_ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Who may read `/metrics`.
enum MetricsAccess {
    static func allows(_ request: Request, context: AppRequestContext, token: String?) -> Bool {
        if let token, let header = request.headers[.authorization], let given = AuthenticationMiddleware.bearerToken(header),
            given.utf8.count == token.utf8.count, zip(given.utf8, token.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
        {
            return true
        }
        // A request a proxy passed on carries its client's address: the proxy's own loopback peer does not count.
        let forwarded = request.headers[.init("X-Forwarded-For")!] != nil || request.headers[.init("Forwarded")!] != nil
        return !forwarded && isLoopback(context.peerAddress)
    }

    static func isLoopback(_ address: String?) -> Bool {
        guard let address else { return false }
        return address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
    }
}
