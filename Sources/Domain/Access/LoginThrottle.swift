public import Foundation

/// Limits on failed logins per account and per client address (SPEC §7).
///
/// Pure: the store counts the failures inside each window (and finds the oldest
/// one), this decides. Defaults: 5 failures per account and 20 per address in
/// 15 minutes. Attempts refused by the throttle should not be recorded as
/// failures, or a blocked caller would keep extending its own block.
public struct LoginThrottle: Hashable, Sendable {
    /// At most `maxFailures` failures within a sliding `window`.
    public struct Limit: Hashable, Sendable {
        /// The number of failures that blocks further attempts.
        public let maxFailures: Int
        /// How far back failures count.
        public let window: Duration

        /// Creates a limit.
        public init(maxFailures: Int, window: Duration) {
            self.maxFailures = maxFailures
            self.window = window
        }
    }

    /// The failures the store found inside one window.
    public struct Failures: Hashable, Sendable {
        /// How many failures lie inside the window.
        public let count: Int
        /// When the oldest of them happened; `nil` when there are none.
        public let oldestAt: Date?

        /// Creates a failure count.
        public init(count: Int, oldestAt: Date?) {
            self.count = count
            self.oldestAt = oldestAt
        }

        /// No failures.
        public static let none = Failures(count: 0, oldestAt: nil)
    }

    /// The limit per account (per normalized email).
    public let perAccount: Limit
    /// The limit per client address.
    public let perAddress: Limit

    /// Creates a throttle, by default 5 per account and 20 per address in 15 minutes.
    public init(
        perAccount: Limit = Limit(maxFailures: 5, window: .seconds(15 * 60)),
        perAddress: Limit = Limit(maxFailures: 20, window: .seconds(15 * 60))
    ) {
        self.perAccount = perAccount
        self.perAddress = perAddress
    }

    /// The start of `limit`'s window at `now`: failures at or after it count.
    public func windowStart(of limit: Limit, now: Date) -> Date {
        Date(millisecondsSince1970: now.millisecondsSince1970.addingSaturating(-limit.window.wholeMilliseconds))
    }

    /// `nil` when a login attempt may proceed; otherwise the seconds to wait
    /// (at least 1): until the oldest failure leaves the window of every limit
    /// that is reached.
    public func retryAfterSeconds(account: Failures, address: Failures, now: Date) -> Int? {
        let waits = [wait(account, perAccount, now), wait(address, perAddress, now)].compactMap { $0 }
        return waits.max()
    }

    /// Throws when a login attempt must be refused.
    /// - Throws: ``DomainError/tooManyRequests(retryAfterSeconds:)``.
    public func check(account: Failures, address: Failures, now: Date) throws(DomainError) {
        if let seconds = retryAfterSeconds(account: account, address: address, now: now) {
            throw .tooManyRequests(retryAfterSeconds: seconds)
        }
    }

    private func wait(_ failures: Failures, _ limit: Limit, _ now: Date) -> Int? {
        guard failures.count >= limit.maxFailures else { return nil }
        let windowMilliseconds = max(0, limit.window.wholeMilliseconds)
        // Without a timestamp, assume the failures just happened.
        let oldest = failures.oldestAt?.millisecondsSince1970 ?? now.millisecondsSince1970
        let remaining = oldest.addingSaturating(windowMilliseconds).addingSaturating(-now.millisecondsSince1970)
        let seconds = remaining / 1000 + (remaining % 1000 > 0 ? 1 : 0)
        return Int(max(1, seconds))
    }
}
