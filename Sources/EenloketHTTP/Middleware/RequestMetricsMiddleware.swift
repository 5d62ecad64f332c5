import Hummingbird
import Prometheus

/// Counts requests and records their latency by route, method and status.
///
/// Records into the application's own registry (not the global metrics
/// system), so several applications in one process (tests) stay apart.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry

    static var buckets: [Duration] {
        [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(40),
         .milliseconds(80), .milliseconds(160), .milliseconds(320), .milliseconds(640), .seconds(1), .seconds(2), .seconds(5)]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let labels = [
            ("route", context.endpointPath ?? "unmatched"), ("method", request.method.rawValue),
            ("status", String(response.status.code)),
        ]
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "eenloket", subsystem: "http", metricName: "requests", unitName: "total",
                helpText: "HTTP requests by route, method and status"),
            labels: labels
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "eenloket", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                helpText: "HTTP request latency by route, method and status"),
            labels: labels, buckets: Self.buckets
        ).record(ContinuousClock.now - start)
        return response
    }
}
