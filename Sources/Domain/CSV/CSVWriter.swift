public import Foundation

/// Writes CSV as RFC 4180 describes it: a header row, CRLF line ends, UTF-8, and
/// a field quoted (inner `"` doubled) whenever it contains the delimiter, a `"`,
/// a CR or an LF.
///
/// Every field also passes through ``neutralizingFormula(_:)`` (spreadsheet
/// formula injection protection, see there), so an exported note such as
/// `=HYPERLINK("http://evil.example","click")` opens as text, not as a formula.
///
/// ```swift
/// var writer = CSVWriter(header: ["date", "minutes", "note"])
/// writer.append(["2024-03-05", "90", "Kick-off, \"v2\""])
/// writer.text  // "date,minutes,note\r\n2024-03-05,90,\"Kick-off, \"\"v2\"\"\"\r\n"
/// ```
public struct CSVWriter: Sendable {
    /// The column names, written as the first row.
    public let header: [String]
    /// The field separator (`,` by default).
    public let delimiter: CSVDelimiter
    /// The CSV written so far: the header line and every appended record, each
    /// ended by CRLF.
    public private(set) var text: String
    /// The number of data records appended (the header not counted).
    public private(set) var recordCount = 0

    /// Starts a document with its header row.
    public init(header: [String], delimiter: CSVDelimiter = .comma) {
        self.header = header
        self.delimiter = delimiter
        self.text = Self.line(header, delimiter: delimiter)
    }

    /// Appends one record. It must have as many fields as the header (a programming
    /// error otherwise).
    public mutating func append(_ fields: [String]) {
        precondition(fields.count == header.count, "a CSV record needs \(header.count) fields, got \(fields.count)")
        text += Self.line(fields, delimiter: delimiter)
        recordCount += 1
    }

    /// The document as UTF-8 bytes. With `byteOrderMark`, the bytes start with the
    /// UTF-8 byte order mark, which Excel needs to read non-ASCII text correctly
    /// when a file is opened by double-click.
    public func data(byteOrderMark: Bool = false) -> Data {
        var data = Data(capacity: text.utf8.count + 3)
        if byteOrderMark { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        data.append(contentsOf: text.utf8)
        return data
    }

    /// One record as a CSV line ending in CRLF, every field encoded by ``field(_:delimiter:)``.
    public static func line(_ fields: [String], delimiter: CSVDelimiter = .comma) -> String {
        fields.map { field($0, delimiter: delimiter) }.joined(separator: String(delimiter.character)) + "\r\n"
    }

    /// One field as written: formula-neutralized, then quoted with inner `"` doubled
    /// when it contains the delimiter, `"`, CR or LF; otherwise as is.
    public static func field(_ value: String, delimiter: CSVDelimiter = .comma) -> String {
        let safe = neutralizingFormula(value)
        let needsQuotes = safe.utf8.contains { byte in
            byte == delimiter.byte || byte == UInt8(ascii: "\"") || byte == 0x0D || byte == 0x0A
        }
        guard needsQuotes else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
