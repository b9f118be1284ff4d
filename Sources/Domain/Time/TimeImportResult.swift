/// What a time import file holds: the rows that passed validation and the lines
/// that did not, each in file order. A malformed row never stops the others from
/// being read; whether to import the good rows anyway is the caller's decision.
public struct TimeImportResult: Sendable, Hashable {
    /// The valid rows, in file order.
    public var rows: [ImportedTimeRow]
    /// The rejected lines with their reasons, in line order.
    public var rejected: [ImportRejection]

    /// Creates a result.
    public init(rows: [ImportedTimeRow], rejected: [ImportRejection]) {
        self.rows = rows
        self.rejected = rejected
    }

    /// `true` when nothing was rejected (an all-or-nothing import may proceed).
    public var isClean: Bool { rejected.isEmpty }
}
