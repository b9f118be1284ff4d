import Foundation
public import Hummingbird
public import Prometheus
import Synchronization
import Postgres
import Services

/// The server's Prometheus metrics, in a registry of its own so tests can build many apps.
public final class SheafMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
    ]

    static var requestsName: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "sheaf", metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route, method and status")
    }
    static var latencyName: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "sheaf", metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request latency by route")
    }

    private struct SeriesKey: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    /// The registry validates and looks up labels on every `make…` call; the series of
    /// a route are few, so they are kept here after the first request.
    private let series = Mutex<[SeriesKey: (Counter, DurationHistogram)]>([:])

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let key = SeriesKey(route: route, method: method, status: status)
        let (counter, histogram) = series.withLock { cache in
            if let found = cache[key] { return found }
            let made = (
                registry.makeCounter(descriptor: Self.requestsName, labels: [("route", route), ("method", method), ("status", String(status))]),
                registry.makeDurationHistogram(descriptor: Self.latencyName, labels: [("route", route), ("method", method)], buckets: Self.buckets)
            )
            cache[key] = made
            return made
        }
        counter.increment()
        histogram.record(duration)
    }

    /// Pool gauges are read when scraped rather than on every lease.
    func render(pool: PoolStatistics, reports: ReportDatabase.Status) -> String {
        func gauge(_ name: String, _ help: String, _ value: Int) {
            registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "sheaf", metricName: name, unitName: "", helpText: help))
                .set(Double(value))
        }
        gauge("db_pool_connections_in_use", "Database connections leased right now", pool.inUse)
        gauge("db_pool_connections_open", "Database connections open", pool.open)
        gauge("db_pool_waiters", "Requests waiting for a database connection", pool.waiters)
        gauge("db_pool_capacity", "Configured maximum of database connections", pool.capacity)
        if reports.standbyConfigured {
            gauge("reports_standby_up", "1 when the reports standby answers, else 0", reports.lagMilliseconds == nil ? 0 : 1)
            gauge("reports_on_standby", "1 when reports read the standby, 0 when they fell back to the primary", reports.source == .standby ? 1 : 0)
            // Seconds, a Double: Prometheus' own unit; -1 when the standby does not answer.
            registry.makeGauge(
                descriptor: MetricNameDescriptor(
                    namespace: "sheaf", metricName: "reports_standby_lag", unitName: "seconds", helpText: "Replay lag of the reports standby"))
                .set(reports.lagMilliseconds.map { Double($0) / 1000 } ?? -1)
        }
        return registry.emitToString()
    }
}

/// Counts requests and measures latency per matched route (never the raw path: ids
/// in paths would make every request its own time series).
public struct MetricsMiddleware: RouterMiddleware {
    public typealias Context = SheafRequestContext
    let metrics: SheafMetrics

    public init(metrics: SheafMetrics) { self.metrics = metrics }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        metrics.recordRequest(
            route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: response.status.code,
            duration: ContinuousClock.now - start)
        return response
    }
}
