public import Domain
import Foundation
public import Logging
public import Postgres
public import ServiceLifecycle
import Storage

/// The job runner of `sheaf serve` (issue 14 item 1): a swift-service-lifecycle service
/// that runs the registered ``ScheduledJob``s when due and, in a second loop, the
/// outbox ``OutboxDispatcher``.
///
/// Exactly once across instances: every tick it makes sure each registered job has its
/// `jobs` row, and for each due one opens a transaction, locks the row with
/// `FOR UPDATE SKIP LOCKED` (another instance running it → skipped), runs the job while
/// holding the lock, and moves `next_run_at` on in the same transaction. A crash mid-run
/// (process killed, connection lost) rolls the claim back: the job stays due and the next
/// instance to look runs it again, which is why jobs claim what they produce with unique
/// constraints (see ``ScheduledJob``).
///
/// Shutdown: on SIGTERM the loops stop taking new work; a job that is running finishes
/// first (it is not cancelled), and so do the deliveries in flight (bounded by their
/// channels' timeouts).
///
/// To add a job, see ``ScheduledJob``; to add a delivery channel, see ``DeliveryChannel``.
public struct JobRunner: Service {
    /// After a failed run, the job is tried again this soon (or at its next due time if sooner).
    public static let retryAfterFailure: Duration = .seconds(300)

    let pool: PostgresPool
    let clock: any WallClock
    public let registry: JobRegistry
    public let dispatcher: OutboxDispatcher
    let tick: Duration
    /// Names this instance in `GET /jobs` (host and process id by default).
    public let instance: String
    let logger: Logger
    /// Told the outcome of every run of a job (its name; true: it succeeded), for the
    /// `sheaf_job_runs_total` metric that `sheaf serve` exports.
    let onRun: @Sendable (_ job: String, _ succeeded: Bool) -> Void
    let jobs = JobStore()

    public init(
        pool: PostgresPool, clock: any WallClock, registry: JobRegistry, channels: [any DeliveryChannel] = [],
        retryPolicy: DeliveryRetryPolicy = DeliveryRetryPolicy(), tick: Duration = .seconds(2), instance: String? = nil, logger: Logger,
        onRun: @escaping @Sendable (_ job: String, _ succeeded: Bool) -> Void = { _, _ in }
    ) {
        self.onRun = onRun
        self.pool = pool
        self.clock = clock
        self.registry = registry
        self.dispatcher = OutboxDispatcher(pool: pool, clock: clock, channels: channels, policy: retryPolicy, logger: logger)
        self.tick = tick
        self.instance = instance ?? "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        self.logger = logger
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await loop("jobs") {
                    _ = try await runDueJobs()
                    return false
                }
            }
            group.addTask { await loop("outbox") { try await dispatcher.runOnce() >= dispatcher.batchSize } }
        }
        logger.info("job runner stopped", metadata: ["instance": "\(instance)"])
    }

    /// Runs `pass` until shutdown, sleeping `tick` between passes unless it says more is waiting.
    func loop(_ name: String, _ pass: () async throws -> Bool) async {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            var more = false
            do {
                more = try await pass()
            } catch {
                // A database blip: the next tick tries again; a claim not committed is rolled back.
                logger.warning("job runner pass failed; retrying later", metadata: ["loop": "\(name)", "error": "\(error)"])
            }
            if !more { try? await cancelWhenGracefulShutdown { try await Task.sleep(for: tick) } }
        }
    }

    /// One pass over the registered jobs: runs each one that is due and that no other
    /// instance is running, one after the other.
    /// - Returns: the names of the jobs this call ran (successfully or not).
    @discardableResult
    public func runDueJobs() async throws -> [String] {
        let now = clock.now()
        try await jobs.register(registry.jobs.map { ($0.name, $0.schedule.firstRun(registeredAt: now)) }, on: pool)
        let due = Set(try await jobs.due(names: registry.names, now: now, on: pool))
        var ran: [String] = []
        for job in registry.jobs where due.contains(job.name) {
            if Task.isShuttingDownGracefully || Task.isCancelled { break }
            if try await runIfDue(job) { ran.append(job.name) }
        }
        return ran
    }

    /// Claims `job` if it is due and free, runs it holding the claim, records the run.
    /// - Returns: whether it ran here.
    public func runIfDue(_ job: any ScheduledJob) async throws -> Bool {
        try await pool.withTransaction(maxAttempts: 1) { tx in
            guard let dueAt = try await jobs.claimDue(name: job.name, now: clock.now(), on: tx) else { return false }
            let startedAt = clock.now()
            let start = ContinuousClock.now
            var failure: String?
            do {
                try await job.run(JobContext(pool: pool, clock: clock, logger: logger, dueAt: dueAt, startedAt: startedAt))
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                failure = String(describing: error)
                logger.error("job failed", metadata: ["job": "\(job.name)", "error": "\(error)"])
            }
            // Cancelled mid-run (not a graceful stop): leave the job due rather than record half a run.
            try Task.checkCancellation()
            let finishedAt = clock.now()
            let elapsed = ContinuousClock.now - start
            var next = job.schedule.next(afterDue: dueAt, now: finishedAt)
            if failure != nil { next = min(next, finishedAt.addingTimeInterval(Double(Self.retryAfterFailure.components.seconds))) }
            try await jobs.finish(
                name: job.name, startedAt: startedAt, finishedAt: finishedAt,
                durationMilliseconds: elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000,
                error: failure, runner: instance, nextRunAt: next, on: tx)
            onRun(job.name, failure == nil)
            return true
        }
    }
}
