/// One record (row) of a CSV file with the line it starts on.
public struct CSVRecord: Sendable, Hashable {
    /// The 1-based physical line on which the record starts (the header is line 1).
    /// A record whose quoted field contains line breaks spans several lines, so the
    /// next record's line may be more than this one plus 1.
    public let line: Int
    /// The field values, unquoted and unescaped, exactly as in the file (not trimmed).
    public let fields: [String]

    /// Creates a record.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
