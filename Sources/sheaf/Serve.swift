import API
import ArgumentParser
import Hummingbird
import Logging
import Metrics
import Postgres
import Prometheus
import ServiceLifecycle
import UnixSignals
import Services
import Storage

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the HTTP(S) API until SIGTERM or SIGINT, then drain in-flight requests and exit 0.",
        discussion: "Refuses to start when the database schema differs from this binary: run `sheaf migrate` first.")

    func run() async throws {
        let configuration = Bootstrap.configuration()
        let logger = Bootstrap.logger(configuration)
        let metrics = SheafMetrics()
        // Library metrics (if any) land in the same registry that /metrics renders.
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))

        let pool = PostgresPool(
            configuration: .init(
                connectionString: configuration.databaseURL, poolSize: configuration.poolSize, leaseTimeout: configuration.poolTimeout),
            logger: logger)
        do {
            try await Migrator(migrations: try Migration.bundled(), logger: logger).requireCurrent(on: pool)
        } catch {
            await pool.shutdown()
            Bootstrap.fail("cannot serve: \(error)")
        }

        // Reports read the standby when one is configured (falling back to the primary).
        let standby = configuration.reportsDatabaseURL.map { url in
            PostgresPool(
                configuration: .init(
                    connectionString: url, applicationName: "sheaf-reports", poolSize: configuration.poolSize,
                    leaseTimeout: configuration.poolTimeout),
                logger: logger)
        }
        let reports = ReportDatabase(primary: pool, standby: standby, maxLag: configuration.reportsMaxLag, logger: logger)
        let hasher = PasswordHasher(cost: configuration.bcryptCost)
        let application = try buildApplication(
            AppEnvironment(
                configuration: configuration, pool: pool, metrics: metrics, logger: logger, hasher: hasher,
                pdfRenderer: WeasyPrintRenderer.located(), reports: reports))
        logger.info(
            "sheaf starting",
            metadata: [
                "address": "\(configuration.tlsEnabled ? "https" : "http")://\(configuration.host):\(configuration.port)",
                "pool_size": "\(configuration.poolSize)",
                "reports": "\(standby == nil ? "primary" : "standby, falling back to the primary")",
            ])
        // Services stop in reverse order: the server drains first, then the background
        // jobs stop, then the pool closes.
        let retainerInvoicing = RetainerInvoicing(pool: pool, clock: SystemClock(), logger: logger) { succeeded in
            metrics.registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "sheaf", metricName: "job_runs", unitName: "total", helpText: "Background job ticks by job and outcome"),
                labels: [("job", "retainer_invoicing"), ("outcome", succeeded ? "success" : "failure")]
            ).increment()
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: PoolLifecycle(pool: pool, reports: reports)), .init(service: retainerInvoicing), .init(service: application)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
        logger.info("sheaf stopped")
    }
}

/// Closes the pool once the server has drained.
struct PoolLifecycle: Service {
    let pool: PostgresPool
    let reports: ReportDatabase
    func run() async throws {
        try? await gracefulShutdown()
        await reports.shutdown()
        await pool.shutdown()
    }
}
