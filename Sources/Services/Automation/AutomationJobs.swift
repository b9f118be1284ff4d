public import Domain
public import Logging
public import Postgres

/// The jobs `sheaf serve` runs (issue 14 item 1), in one list: the runner runs them and
/// `GET /jobs` shows them. A new job is registered here (see ``ScheduledJob``).
public enum AutomationJobs {
    public static func standard(
        pool: PostgresPool, clock: any WallClock, sessionLifetime: SessionLifetime, linkSecret: [UInt8], publicURL: String = "",
        logger: Logger
    ) -> JobRegistry {
        var registry = JobRegistry()
        registry.register(RetainerInvoicing(pool: pool, clock: clock, logger: logger))
        registry.register(InvoiceOverdueJob())
        registry.register(ReminderJob())
        registry.register(ProjectSummaryJob(linkSecret: linkSecret, publicURL: publicURL))
        registry.register(TeamNudgeJob())
        for target in PruningJob.Target.allCases {
            registry.register(PruningJob(target, sessionLifetime: sessionLifetime))
        }
        return registry
    }
}
