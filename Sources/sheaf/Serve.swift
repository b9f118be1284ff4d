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
        let clock = SystemClock()
        let environment = AppEnvironment(
            configuration: configuration, pool: pool, metrics: metrics, logger: logger, clock: clock, hasher: hasher,
            pdfRenderer: WeasyPrintRenderer.located(), reports: reports)
        let application = try buildApplication(environment)
        logger.info(
            "sheaf starting",
            metadata: [
                "address": "\(configuration.tlsEnabled ? "https" : "http")://\(configuration.host):\(configuration.port)",
                "pool_size": "\(configuration.poolSize)",
                "reports": "\(standby == nil ? "primary" : "standby, falling back to the primary")",
            ])
        // Services stop in reverse order: the server drains first, then the job runner
        // finishes its running job and deliveries, then the pools close.
        let webhooks = WebhookChannel(
            pool: pool, clock: clock,
            settings: WebhookChannel.Settings(
                policy: configuration.webhookPolicy, publicURL: configuration.publicURL, timeout: configuration.webhookTimeout,
                trustRootsFile: configuration.webhookCAFile))
        let email = EmailDeliveryChannel(pool: pool, transport: environment.mailTransport, clock: clock)
        let runner = JobRunner(
            pool: pool, clock: clock, registry: environment.jobs, channels: [webhooks, email], logger: logger
        ) { job, succeeded in
            metrics.registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "sheaf", metricName: "job_runs", unitName: "total", helpText: "Background job runs by job and outcome"),
                labels: [("job", job), ("outcome", succeeded ? "success" : "failure")]
            ).increment()
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: PoolLifecycle(pool: pool, reports: reports)), .init(service: runner), .init(service: application)],
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
