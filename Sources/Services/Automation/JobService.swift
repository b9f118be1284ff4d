public import Domain
public import Foundation
public import Postgres
import Storage

/// A registered job as `GET /jobs` shows it.
public struct JobStatus: Sendable {
    public let name: String
    public let schedule: JobSchedule
    /// Nil until a runner has registered it.
    public let nextRunAt: Date?
    public let lastStartedAt: Date?
    public let lastFinishedAt: Date?
    public let lastSucceeded: Bool?
    public let lastError: String?
    public let lastDurationMilliseconds: Int64?
    public let lastRunner: String?
    public let runs: Int64
}

/// The jobs of the runner, for the admin (issue 14 item 1).
public struct JobService: Sendable {
    let pool: PostgresPool
    let registry: JobRegistry
    let jobs = JobStore()

    public init(pool: PostgresPool, registry: JobRegistry) {
        self.pool = pool
        self.registry = registry
    }

    public func list(caller: Caller) async throws -> [JobStatus] {
        try Policy.require(caller.actor, .manageSettings, .agency)
        let records = Dictionary(uniqueKeysWithValues: try await jobs.list(names: registry.names, on: pool).map { ($0.name, $0) })
        return registry.jobs.map { job in
            let record = records[job.name]
            return JobStatus(
                name: job.name, schedule: job.schedule, nextRunAt: record?.nextRunAt, lastStartedAt: record?.lastStartedAt,
                lastFinishedAt: record?.lastFinishedAt, lastSucceeded: record?.lastSucceeded, lastError: record?.lastError,
                lastDurationMilliseconds: record?.lastDurationMilliseconds, lastRunner: record?.lastRunner, runs: record?.runs ?? 0)
        }
    }
}
