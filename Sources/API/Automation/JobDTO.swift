import Domain
import Foundation
import Services

/// A job of the runner, as `GET /jobs` shows it.
struct JobDTO: Encodable, Sendable {
    let name: String
    let schedule: String
    @Nullable var nextRunAt: Date?
    @Nullable var lastStartedAt: Date?
    @Nullable var lastFinishedAt: Date?
    /// `succeeded`, `failed`, or null before the first run.
    @Nullable var lastOutcome: String?
    @Nullable var lastError: String?
    @Nullable var lastDurationMs: Int64?
    @Nullable var lastRunner: String?
    let runs: Int64

    init(_ status: JobStatus) {
        name = status.name
        schedule = status.schedule.description
        let record = status.record
        nextRunAt = record?.nextRunAt
        lastStartedAt = record?.lastStartedAt
        lastFinishedAt = record?.lastFinishedAt
        lastOutcome = record?.lastSucceeded.map { $0 ? "succeeded" : "failed" }
        lastError = record?.lastError
        lastDurationMs = record?.lastDurationMilliseconds
        lastRunner = record?.lastRunner
        runs = record?.runs ?? 0
    }
}
