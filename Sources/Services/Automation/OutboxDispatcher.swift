public import Domain
import Foundation
public import Logging
public import Postgres
import Storage

/// Sends the outbox's due deliveries through their channels (issue 14 items 2–3): run by
/// the ``JobRunner`` in its own loop, never by a request, so a slow or dead receiver
/// never delays one.
///
/// Each pass claims up to ``batchSize`` due deliveries (`FOR UPDATE SKIP LOCKED`, so
/// instances share the work without sending anything twice at once), makes one attempt
/// of each concurrently, and records it: succeeded, pending with the next attempt after
/// an exponential, jittered backoff, or failed once ``policy`` gives up.
public struct OutboxDispatcher: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let channels: [DeliveryChannelKind: any DeliveryChannel]
    public let policy: DeliveryRetryPolicy
    /// How long a claimed delivery is left to its dispatcher before another may try it.
    public let lease: Duration
    public let batchSize: Int
    let logger: Logger
    let outbox = OutboxStore()

    public init(
        pool: PostgresPool, clock: any WallClock, channels: [any DeliveryChannel], policy: DeliveryRetryPolicy = DeliveryRetryPolicy(),
        lease: Duration = .seconds(120), batchSize: Int = 16, logger: Logger
    ) {
        self.pool = pool
        self.clock = clock
        self.channels = Dictionary(channels.map { ($0.kind, $0) }, uniquingKeysWith: { _, last in last })
        self.policy = policy
        self.lease = lease
        self.batchSize = max(1, batchSize)
        self.logger = logger
    }

    /// One pass. - Returns: how many attempts it made (a full batch: call again soon).
    @discardableResult
    public func runOnce() async throws -> Int {
        guard !channels.isEmpty else { return 0 }
        let claimed = try await outbox.claimDue(
            channels: Array(channels.keys), now: clock.now(), lease: lease, limit: batchSize, on: pool)
        await withTaskGroup(of: Void.self) { group in
            for delivery in claimed {
                group.addTask { await attempt(delivery) }
            }
        }
        return claimed.count
    }

    func attempt(_ delivery: ClaimedDelivery) async {
        guard let channel = channels[delivery.channel] else { return }
        let startedAt = clock.now()
        let start = ContinuousClock.now
        let result = await channel.deliver(delivery)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Int(elapsed.components.seconds) * 1000 + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)
        let now = clock.now()
        let retryAt: Date? =
            switch result.outcome {
            case .succeeded, .giveUp: nil
            case .retry:
                policy.nextAttempt(afterAttempts: delivery.attempt, failedAt: now, createdAt: delivery.createdAt, random: Double.random(in: 0..<1))
            }
        let record = AttemptRecord(
            startedAt: startedAt, durationMilliseconds: milliseconds, succeeded: result.outcome == .succeeded, httpStatus: result.httpStatus,
            error: result.outcome == .succeeded ? nil : (result.error ?? "failed"))
        do {
            try await outbox.record(record, of: delivery, retryAt: retryAt, now: now, on: pool)
        } catch {
            // The lease runs out and the delivery is tried again: at least once.
            logger.warning("could not record a delivery attempt", metadata: ["delivery": "\(delivery.id)", "error": "\(error)"])
        }
        if result.outcome != .succeeded {
            logger.info(
                "delivery attempt failed",
                metadata: [
                    "delivery": "\(delivery.id)", "channel": "\(delivery.channel.rawValue)", "attempt": "\(delivery.attempt)",
                    "error": "\(record.error ?? "")", "next": "\(retryAt.map { "\($0)" } ?? "none: failed")",
                ])
        }
    }
}
