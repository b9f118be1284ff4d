/// A line of an import file that was not accepted, and why.
///
/// A problem with the whole file (missing columns, not a CSV file) is reported
/// as one rejection on the header's line, 1.
public struct ImportRejection: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based physical line the rejected record starts on (the header is line 1).
    public let line: Int
    /// What is wrong, in clear English without the line number, e.g.
    /// `Duration '25:00:00' is more than 24 hours`. Several problems of one row
    /// are joined by `; `.
    public let reason: String

    /// Creates a rejection.
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    /// `"line 7: Duration '25:00:00' is more than 24 hours"`.
    public var description: String { "line \(line): \(reason)" }
}
