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
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ready"}"#)))
    }

    /// Prometheus text for the allowed addresses only; anyone else gets the same 404 as
    /// an unknown path (the route's existence is nobody else's business).
    @Sendable func metricsText(_ request: Request, context: SheafRequestContext) async throws -> Response {
        guard metricsAllowed.contains(where: { $0.contains(context.clientAddress) }) else { throw HTTPError(.notFound) }
        let text = metrics.render(pool: await pool.statistics())
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
