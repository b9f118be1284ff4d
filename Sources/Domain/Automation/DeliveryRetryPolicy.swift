public import Foundation

/// When to try a failed delivery again (issue 14 item 3): exponential backoff from
/// `initialDelay`, doubling up to `maxDelay`, each delay scaled by a random jitter in
/// `1 ± jitter`, until `giveUpAfter` has passed since the delivery was made; then the
/// delivery is `failed`. The defaults retry for about three days (about 16 attempts).
public struct DeliveryRetryPolicy: Sendable, Equatable {
    public let initialDelay: Duration
    public let maxDelay: Duration
    public let jitter: Double
    public let giveUpAfter: Duration

    public init(
        initialDelay: Duration = .seconds(30), maxDelay: Duration = .seconds(12 * 3600), jitter: Double = 0.2,
        giveUpAfter: Duration = .seconds(3 * 86_400)
    ) {
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.jitter = min(max(jitter, 0), 0.9)
        self.giveUpAfter = giveUpAfter
    }

    /// The delay before the attempt after attempt number `attempts` (1 = the first one
    /// failed), before jitter.
    public func baseDelay(afterAttempts attempts: Int) -> Duration {
        let initial = Double(initialDelay.components.seconds)
        let cap = Double(maxDelay.components.seconds)
        let exponent = min(max(attempts - 1, 0), 40)
        return .seconds(Int64(min(cap, initial * pow(2, Double(exponent)))))
    }

    /// The next attempt's time after attempt `attempts` failed at `now`, or nil when the
    /// delivery made at `createdAt` should be given up. `random` is in 0..<1.
    public func nextAttempt(afterAttempts attempts: Int, failedAt now: Date, createdAt: Date, random: Double) -> Date? {
        let base = Double(baseDelay(afterAttempts: attempts).components.seconds)
        let factor = 1 + jitter * (2 * min(max(random, 0), 1) - 1)
        let next = now.addingTimeInterval(base * factor)
        let deadline = createdAt.addingTimeInterval(Double(giveUpAfter.components.seconds))
        return next > deadline ? nil : next
    }
}
