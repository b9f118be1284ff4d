public import Domain
public import Foundation
public import Logging
public import Postgres

/// A job the ``JobRunner`` runs by itself on a schedule (issue 14 item 1).
///
/// How to add a job:
/// 1. Write a type conforming to `ScheduledJob` (or use ``ClosureJob``) with a stable,
///    unique `name` (it is the key of its `jobs` row: lowercase, digits, `_ . -`), a
///    ``JobSchedule`` and `run(_:)`.
/// 2. Register it in ``AutomationJobs/standard(pool:clock:logger:)`` (what `sheaf serve`
///    runs and `GET /jobs` lists).
/// 3. Make `run` safe to run again: a crash mid-run rolls back the claim and another
///    instance runs the job again from the start. Whatever the job produces must be
///    claimed by a unique constraint in the same transaction as the product (see
///    `RetainerRunStore.claim`), so a second run finds it done.
///
/// The runner guarantees one run per due time across any number of instances: it holds a
/// row lock on the job's `jobs` row while `run` executes and moves `next_run_at` in the
/// same transaction. `run` gets its own connections from `context.pool`; it should not
/// hold one transaction for a long time (do the work in small transactions). Throwing
/// records the error in `GET /jobs` and tries again after ``JobRunner/retryAfterFailure``.
public protocol ScheduledJob: Sendable {
    var name: String { get }
    var schedule: JobSchedule { get }
    func run(_ context: JobContext) async throws
}

/// What a job run gets.
public struct JobContext: Sendable {
    public let pool: PostgresPool
    /// The runner's clock: the test clock in tests.
    public let clock: any WallClock
    public let logger: Logger
    /// The due time this run serves (`jobs.next_run_at` when claimed): a weekly job
    /// knows its week from it, whenever the run actually starts.
    public let dueAt: Date
    /// When the run started, by `clock`.
    public let startedAt: Date

    public init(pool: PostgresPool, clock: any WallClock, logger: Logger, dueAt: Date, startedAt: Date) {
        self.pool = pool
        self.clock = clock
        self.logger = logger
        self.dueAt = dueAt
        self.startedAt = startedAt
    }
}

/// A job made of a closure.
public struct ClosureJob: ScheduledJob {
    public let name: String
    public let schedule: JobSchedule
    let body: @Sendable (JobContext) async throws -> Void

    public init(name: String, schedule: JobSchedule, _ body: @escaping @Sendable (JobContext) async throws -> Void) {
        self.name = name
        self.schedule = schedule
        self.body = body
    }

    public func run(_ context: JobContext) async throws { try await body(context) }
}
