public import Domain
import Foundation
import Logging
import Storage

/// Deletes what has outlived its use (issue 14 item 1): sessions that ended, login
/// failures older than any throttling window, idempotency answers no longer replayed.
/// Each keeps a margin of ``retention`` past the end of its use, so that a clock a little
/// off never deletes a row still in use. Deleting twice is harmless: exactly-once is not
/// needed here, the runner gives it anyway.
public struct PruningJob: ScheduledJob {
    public enum Target: String, Sendable, CaseIterable {
        case sessions = "prune-sessions"
        case loginFailures = "prune-login-failures"
        case idempotencyKeys = "prune-idempotency-keys"
    }

    public let target: Target
    public let schedule: JobSchedule
    let sessionLifetime: SessionLifetime
    /// How long past the end of its use a row is kept.
    public let retention: Duration

    public init(_ target: Target, sessionLifetime: SessionLifetime, schedule: JobSchedule = .every(.seconds(3600)), retention: Duration = .seconds(86_400)) {
        self.target = target
        self.sessionLifetime = sessionLifetime
        self.schedule = schedule
        self.retention = retention
    }

    public var name: String { target.rawValue }

    public func run(_ context: JobContext) async throws {
        let cutoff = context.clock.now().addingTimeInterval(-Self.seconds(retention))
        let dropped: Int
        switch target {
        case .sessions:
            dropped = try await SessionStore().pruneEnded(
                before: cutoff, idleSince: cutoff.addingTimeInterval(-Self.seconds(sessionLifetime.idleTimeout)), on: context.pool)
        case .loginFailures:
            // The throttle's windows are minutes long; a day's margin covers any of them.
            dropped = try await SessionStore().pruneFailures(before: cutoff, on: context.pool)
        case .idempotencyKeys:
            // Kept answers are replayed for 24 hours.
            dropped = try await IdempotencyStore().prune(before: cutoff.addingTimeInterval(-86_400), on: context.pool)
        }
        if dropped > 0 { context.logger.info("pruned", metadata: ["job": "\(name)", "rows": "\(dropped)"]) }
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
