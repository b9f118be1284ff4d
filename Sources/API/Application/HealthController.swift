import Domain
import Foundation
import Logging
import Hummingbird
import Postgres
import Services

/// `/healthz` (the process answers), `/readyz` (the database answers and its schema is
/// the one this binary expects) and `/metrics` (Prometheus text).
struct HealthController {
    let pool: PostgresPool
    /// Where reports read; `/readyz` shows it and the standby's lag.
    let reports: ReportDatabase
    let readiness: ReadinessService
    let metrics: SheafMetrics
    /// Who may read `/metrics` (`SHEAF_METRICS_ALLOWED`).
    let metricsAllowed: [CIDR]

    func register(on router: Router<SheafRequestContext>) {
        router.get("/healthz", use: healthz)
        router.get("/readyz", use: readyz)
        router.get("/metrics", use: metricsText)
    }

    @Sendable func healthz(_ request: Request, context: SheafRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
    }

    @Sendable func readyz(_ request: Request, context: SheafRequestContext) async throws -> Response {
        switch await readiness.check(logger: context.logger) {
        case .schemaNotCurrent(let reason):
            return Problem(status: .serviceUnavailable, code: "schema_not_current", detail: reason).response()
        case .databaseUnavailable:
            return Problem(status: .serviceUnavailable, code: "database_unavailable", detail: "The database is not reachable.")
                .response(headers: [.retryAfter: "1"])
        case .ready:
            break
        }
        // The standby is not needed to serve (reports fall back to the primary), so it
        // never makes the instance unready; its state is shown for operators.
        let status = await reports.status()
        let body = Readiness(
            status: "ready",
            reports: .init(
                source: status.source.rawValue, maxLagSeconds: Double(status.maxLagMilliseconds) / 1000,
                standbyLagSeconds: status.lagMilliseconds.map { Double($0) / 1000 }, fallbackReason: status.fallbackReason,
                standbyConfigured: status.standbyConfigured))
        return try JSONBody.response(body)
    }

    /// Prometheus text for the allowed addresses only; anyone else gets the same 404 as
    /// an unknown path (the route's existence is nobody else's business).
    @Sendable func metricsText(_ request: Request, context: SheafRequestContext) async throws -> Response {
        guard metricsAllowed.contains(where: { $0.contains(context.clientAddress) }) else { throw HTTPError(.notFound) }
        let text = metrics.render(pool: await pool.statistics(), reports: await reports.status())
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The body of a ready `/readyz`.
private struct Readiness: Encodable {
    /// Where reports read now and, with a standby configured, its replay lag (null when
    /// it does not answer) and why reports fell back to the primary (null when they did not).
    struct Reports: Encodable {
        let source: String
        let maxLagSeconds: Double
        let standbyLagSeconds: Double?
        let fallbackReason: String?
        let standbyConfigured: Bool

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(source, forKey: .source)
            try container.encode(maxLagSeconds, forKey: .maxLagSeconds)
            guard standbyConfigured else { return }
            try container.encode(standbyLagSeconds, forKey: .standbyLagSeconds)
            try container.encode(fallbackReason, forKey: .fallbackReason)
        }

        enum CodingKeys: String, CodingKey {
            case source
            case maxLagSeconds = "max_lag_seconds"
            case standbyLagSeconds = "standby_lag_seconds"
            case fallbackReason = "fallback_reason"
        }
    }

    let status: String
    let reports: Reports
}
