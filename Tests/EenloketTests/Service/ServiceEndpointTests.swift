import EenloketDomain
import EenloketHTTP
import HTTPTypes
import Foundation
import Testing

@Suite("Service endpoints")
struct ServiceEndpointTests {
    @Test func healthAndReadiness() async throws {
        try await withApp { t in
            #expect(try await t.api.get("/health/live").status == 200)
            #expect(try await t.api.get("/health/ready").status == 200)
            // A database missing a migration is not ready.
            _ = try await t.sql("DELETE FROM schema_migrations WHERE version = 3")
            let notReady = try await t.api.get("/health/ready")
            expectProblem(notReady, 503)
            #expect(notReady.headers[.retryAfter] == "5")
        }
    }

    @Test func unknownRoutesAreProblems() async throws {
        try await withApp { t in
            expectProblem(try await t.api.get("/api/v1/nothing-here"), 404)
            expectProblem(try await t.api.request(.put, "/api/v1/cases", json: "{}"), 404)
        }
    }

    @Test func metricsCountRequestsByRouteAndStatusAndCasesByStatus() async throws {
        let scraper = "prometheus-token-" + String(repeating: "s", count: 16)
        try await withApp(configure: { $0.metricsToken = scraper }) { t in
            _ = try await t.file()
            _ = try await t.api.get("/api/v1/cases")
            let metrics = try await t.api.get("/metrics", token: scraper)
            #expect(metrics.status == 200)
            #expect(metrics.contentType.hasPrefix("text/plain"))
            let text = metrics.text
            #expect(text.contains(#"eenloket_http_requests_total{route="/api/v1/cases",method="POST",status="201"} 1"#), "\(text)")
            #expect(text.contains(#"eenloket_http_requests_total{route="/api/v1/cases",method="GET",status="401"} 1"#))
            #expect(text.contains("eenloket_http_request_duration_seconds_bucket"))
            #expect(text.contains(#"eenloket_cases{status="submitted"} 1"#))
        }
    }

    @Test func openAPIDescribesEveryRouteAndNothingElse() async throws {
        try await withApp { t in
            let reply = try await t.api.get("/openapi.yaml")
            #expect(reply.status == 200)
            let documented = OpenAPIPaths.operations(in: reply.text)
            #expect(reply.text.hasPrefix("openapi: 3."))
            let router = try buildRouter(t.deps)
            let served = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description.hasPrefix("/") ? "" : "/")\($0.path)" })
            let api = served.filter { $0.contains("/api/v1") || $0.contains("/health") || $0.contains("/metrics") || $0.contains("/openapi") }
            #expect(api == documented, "served but undocumented: \(api.subtracting(documented)); documented but not served: \(documented.subtracting(api))")
        }
    }
}

/// Reads "METHOD /path" pairs out of the OpenAPI YAML's `paths:` section.
enum OpenAPIPaths {
    static func operations(in yaml: String) -> Set<String> {
        var result: Set<String> = []
        var inPaths = false
        var currentPath: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            if inPaths, let first = line.first, first != " " { break }
            guard inPaths else { continue }
            if line.hasPrefix("  /") && line.hasSuffix(":") && !line.hasPrefix("   ") {
                currentPath = String(line.dropFirst(2).dropLast())
            } else if let path = currentPath, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete"].contains(String(key)) {
                    result.insert("\(key.uppercased()) \(path)")
                }
            }
        }
        return result
    }
}
