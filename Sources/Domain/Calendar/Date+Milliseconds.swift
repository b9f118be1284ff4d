import Foundation

extension Date {
    /// Whole milliseconds since 1970, rounded to the nearest. This and
    /// ``init(millisecondsSince1970:)`` are the only places in `Domain` where
    /// `Date`'s floating-point `TimeInterval` is touched; time arithmetic is done
    /// on these integers.
    /// Clamped to the `Int64` range for absurd dates instead of trapping.
    var millisecondsSince1970: Int64 {
        let milliseconds = (timeIntervalSince1970 * 1000).rounded()
        return Int64(exactly: milliseconds) ?? (milliseconds < 0 ? .min : .max)
    }

    /// The instant `milliseconds` after 1970.
    init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}

extension Duration {
    /// Whole milliseconds (truncated), saturating at the `Int64` range.
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        return milliseconds.addingSaturating(attoseconds / 1_000_000_000_000_000)
    }
}

extension Int64 {
    /// `self + other`, clamped to the `Int64` range instead of overflowing.
    func addingSaturating(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other < 0 ? .min : .max
    }
}
