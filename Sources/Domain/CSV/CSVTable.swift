/// A parsed CSV file: its header row, its data records, and the delimiter used.
public struct CSVTable: Sendable, Hashable {
    /// The header record's fields (column names), as in the file.
    public let header: [String]
    /// The 1-based line of the header (1 unless blank lines precede it).
    public let headerLine: Int
    /// The data records in file order; blank lines are left out.
    public let records: [CSVRecord]
    /// The delimiter the file was read with.
    public let delimiter: CSVDelimiter

    /// Creates a table.
    public init(header: [String], headerLine: Int = 1, records: [CSVRecord], delimiter: CSVDelimiter) {
        self.header = header
        self.headerLine = headerLine
        self.records = records
        self.delimiter = delimiter
    }
}
