public import Domain
public import Foundation
public import Postgres

/// `jobs`: the schedule of the registered jobs and the claim that makes each due run
/// happen once across instances.
public struct JobStore: Sendable {
    public init() {}

    /// Adds a row for each job that has none yet (an existing row keeps its next run).
    public func register(_ jobs: [(name: String, firstRunAt: Date)], on db: some PostgresQueryable) async throws {
        try await db.execute(
            """
            INSERT INTO jobs (name, next_run_at)
            SELECT * FROM unnest(\(jobs.map(\.name))::text[], \(jobs.map(\.firstRunAt))::timestamptz[])
            ON CONFLICT (name) DO NOTHING
            """)
    }

    /// The named jobs due at `now` (a hint: the claim decides).
    public func due(names: [String], now: Date, on db: some PostgresQueryable) async throws -> [String] {
        try await db.query("SELECT name FROM jobs WHERE name = ANY(\(names)) AND next_run_at <= \(now)") { try $0.decode("name") }
    }

    /// Locks the job's row when it is due at `now` and no other transaction holds it;
    /// nil otherwise. The lock lasts until `tx` ends: the runner keeps it while the job
    /// runs, so another instance skips the job, and a crash (the connection dropping)
    /// rolls the claim back and leaves the job due. The transaction's
    /// `application_name` names the job, which shows in `pg_stat_activity`.
    /// - Returns: the due time the run serves.
    public func claimDue(name: String, now: Date, on tx: PostgresTransaction) async throws -> Date? {
        guard
            let row = try await tx.queryOptional(
                "SELECT next_run_at FROM jobs WHERE name = \(name) AND next_run_at <= \(now) FOR UPDATE SKIP LOCKED")
        else { return nil }
        try await tx.execute("SELECT set_config('application_name', \("sheaf-job:" + name), true)")
        return try row.decode("next_run_at", as: Date.self)
    }

    /// Records a finished run and the next due time, in the claiming transaction.
    public func finish(
        name: String, startedAt: Date, finishedAt: Date, durationMilliseconds: Int64, error: String?, runner: String, nextRunAt: Date,
        on tx: PostgresTransaction
    ) async throws {
        let outcome = error == nil ? "succeeded" : "failed"
        try await tx.execute(
            """
            UPDATE jobs SET next_run_at = \(nextRunAt), last_started_at = \(startedAt), last_finished_at = \(finishedAt),
                   last_outcome = \(outcome), last_error = left(\(error), 2000), last_duration_ms = \(durationMilliseconds),
                   last_runner = left(\(runner), 200), runs = runs + 1
            WHERE name = \(name)
            """)
    }

    /// The rows of the named jobs, by name.
    public func list(names: [String], on db: some PostgresQueryable) async throws -> [JobRecord] {
        try await db.query(
            """
            SELECT name, next_run_at, last_started_at, last_finished_at, last_outcome, last_error, last_duration_ms, last_runner, runs
            FROM jobs WHERE name = ANY(\(names)) ORDER BY name
            """
        ) { row in
            let outcome: String? = try row.decode("last_outcome")
            return JobRecord(
                name: try row.decode("name"), nextRunAt: try row.decode("next_run_at"), lastStartedAt: try row.decode("last_started_at"),
                lastFinishedAt: try row.decode("last_finished_at"), lastSucceeded: outcome.map { $0 == "succeeded" },
                lastError: try row.decode("last_error"), lastDurationMilliseconds: try row.decode("last_duration_ms"),
                lastRunner: try row.decode("last_runner"), runs: try row.decode("runs"))
        }
    }
}
