public import Foundation

/// The current time, injectable so tests can move it (session expiry, throttling windows).
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The system clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}
