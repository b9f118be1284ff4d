public import Foundation

/// A registered job's row in `jobs`: its next due time and its last run, as `GET /jobs`
/// shows them.
public struct JobRecord: Sendable, Equatable {
    public let name: String
    public let nextRunAt: Date
    public let lastStartedAt: Date?
    public let lastFinishedAt: Date?
    /// Nil before the first run.
    public let lastSucceeded: Bool?
    public let lastError: String?
    public let lastDurationMilliseconds: Int64?
    /// The instance (host and process) that ran it last.
    public let lastRunner: String?
    public let runs: Int64

    public init(
        name: String, nextRunAt: Date, lastStartedAt: Date?, lastFinishedAt: Date?, lastSucceeded: Bool?, lastError: String?,
        lastDurationMilliseconds: Int64?, lastRunner: String?, runs: Int64
    ) {
        self.name = name
        self.nextRunAt = nextRunAt
        self.lastStartedAt = lastStartedAt
        self.lastFinishedAt = lastFinishedAt
        self.lastSucceeded = lastSucceeded
        self.lastError = lastError
        self.lastDurationMilliseconds = lastDurationMilliseconds
        self.lastRunner = lastRunner
        self.runs = runs
    }
}
