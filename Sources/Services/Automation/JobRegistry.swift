/// The jobs a ``JobRunner`` runs, by unique name, in registration order.
public struct JobRegistry: Sendable {
    public private(set) var jobs: [any ScheduledJob] = []

    public init(_ jobs: [any ScheduledJob] = []) {
        for job in jobs { register(job) }
    }

    /// Adds a job. Two jobs with one name are a programming error.
    public mutating func register(_ job: any ScheduledJob) {
        precondition(!jobs.contains { $0.name == job.name }, "two scheduled jobs are named \(job.name)")
        precondition(job.name.wholeMatch(of: /[a-z][a-z0-9_.\-]{0,99}/) != nil, "a job name is lowercase letters, digits, _ . -: \(job.name)")
        jobs.append(job)
    }

    public var names: [String] { jobs.map(\.name) }

    public func job(named name: String) -> (any ScheduledJob)? { jobs.first { $0.name == name } }
}
