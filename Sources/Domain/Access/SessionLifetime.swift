public import Foundation

/// When a session expires: after ``idleTimeout`` without use, and in any case
/// ``absoluteLifetime`` after it was created, whichever comes first (SPEC §7).
///
/// Pure: the caller supplies the clock. A non-positive timeout makes sessions
/// expire immediately (failing safe rather than never).
public struct SessionLifetime: Hashable, Sendable {
    /// How long a session survives without being used.
    public let idleTimeout: Duration
    /// How long a session survives after creation, however much it is used.
    public let absoluteLifetime: Duration

    /// Creates the rule.
    public init(idleTimeout: Duration, absoluteLifetime: Duration) {
        self.idleTimeout = idleTimeout
        self.absoluteLifetime = absoluteLifetime
    }

    /// `min(lastSeenAt + idleTimeout, createdAt + absoluteLifetime)`, to the millisecond.
    /// A `lastSeenAt` before `createdAt` counts as `createdAt`.
    public func expiresAt(createdAt: Date, lastSeenAt: Date) -> Date {
        Date(millisecondsSince1970: expiry(createdAt: createdAt, lastSeenAt: lastSeenAt))
    }

    /// Whether the session has expired at `now` (expiry instant included).
    public func isExpired(createdAt: Date, lastSeenAt: Date, now: Date) -> Bool {
        now.millisecondsSince1970 >= expiry(createdAt: createdAt, lastSeenAt: lastSeenAt)
    }

    private func expiry(createdAt: Date, lastSeenAt: Date) -> Int64 {
        let created = createdAt.millisecondsSince1970
        let lastSeen = max(created, lastSeenAt.millisecondsSince1970)
        let idleEnd = lastSeen.addingSaturating(max(0, idleTimeout.wholeMilliseconds))
        let absoluteEnd = created.addingSaturating(max(0, absoluteLifetime.wholeMilliseconds))
        return min(idleEnd, absoluteEnd)
    }
}
