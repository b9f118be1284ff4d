public import Domain
public import Postgres
import Storage

/// A registered job as `GET /jobs` shows it.
public struct JobStatus: Sendable {
    public let name: String
    public let schedule: JobSchedule
    /// Its row: nil until a runner has registered it.
    public let record: JobRecord?
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
        return registry.jobs.map { JobStatus(name: $0.name, schedule: $0.schedule, record: records[$0.name]) }
    }
}
