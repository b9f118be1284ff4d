public import Foundation

/// Reads CSV files as RFC 4180 describes them, tolerant of what real exports do:
/// an optional UTF-8 byte order mark, CRLF, LF or CR line ends, `;` instead of `,`
/// (detected from the header line), quoted fields holding delimiters, doubled
/// quotes and line breaks, blank lines (skipped), and a stray `"` inside an
/// unquoted field (kept as text, as spreadsheets do).
///
/// Every record carries the 1-based physical line it starts on (the header is
/// line 1), so errors can cite it. Fields are returned exactly as in the file:
/// not trimmed, and a quoted field's line breaks are kept.
///
/// Two modes: ``read(_:)-(Data)`` throws on the first malformed record;
/// ``readRecovering(_:)`` skips a malformed record, reports it, and goes on with
/// the next physical line after the one where the faulty quoted field opened.
public struct CSVReader: Sendable {
    /// The delimiter to split on, or `nil` (the default) to detect it from the
    /// header line: `;` when it holds more semicolons than commas outside quotes.
    public var delimiter: CSVDelimiter?

    /// Creates a reader; by default it detects the delimiter.
    public init(delimiter: CSVDelimiter? = nil) {
        self.delimiter = delimiter
    }

    /// Reads a whole file, failing on the first problem.
    /// - Throws: ``CSVError`` with the line of an empty file, text that is not
    ///   UTF-8, or the first malformed quoted field.
    public func read(_ data: Data) throws(CSVError) -> CSVTable {
        let (table, problems) = try readRecovering(data)
        if let first = problems.first { throw first }
        return table
    }

    /// Reads CSV text, failing on the first problem (see ``read(_:)-(Data)``).
    public func read(_ text: String) throws(CSVError) -> CSVTable {
        try read(Data(text.utf8))
    }

    /// Reads a whole file, skipping each malformed record and reporting it.
    ///
    /// Quoting problems in data records become `problems` (in file order) and the
    /// rest of the file is still read; only file-level problems throw.
    /// - Throws: ``CSVError`` for an empty file, text that is not UTF-8, or a
    ///   malformed header row.
    public func readRecovering(_ data: Data) throws(CSVError) -> (table: CSVTable, problems: [CSVError]) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let offset = Self.firstInvalidUTF8Offset(bytes) {
            throw .notUTF8(line: Self.line(ofOffset: offset, in: bytes))
        }
        let delimiter = self.delimiter ?? Self.detectDelimiter(bytes)
        var parser = CSVParser(bytes: bytes, delimiter: delimiter.byte)

        var header: CSVRecord?
        var records: [CSVRecord] = []
        var problems: [CSVError] = []
        loop: while true {
            switch parser.next() {
            case .end:
                break loop
            case .blank:
                continue
            case .record(let record):
                if header == nil { header = record } else { records.append(record) }
            case .problem(let error):
                if header == nil { throw error }
                problems.append(error)
            }
        }
        guard let header else { throw .empty(line: 1) }
        let table = CSVTable(header: header.fields, headerLine: header.line, records: records, delimiter: delimiter)
        return (table, problems)
    }

    /// `;` when the first line has more semicolons than commas outside quotes,
    /// else `,`.
    static func detectDelimiter(_ bytes: [UInt8]) -> CSVDelimiter {
        var commas = 0
        var semicolons = 0
        var inQuotes = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): inQuotes.toggle()
            case UInt8(ascii: ","): if !inQuotes { commas += 1 }
            case UInt8(ascii: ";"): if !inQuotes { semicolons += 1 }
            case 0x0A, 0x0D: if !inQuotes { return semicolons > commas ? .semicolon : .comma }
            default: break
            }
        }
        return semicolons > commas ? .semicolon : .comma
    }

    /// The offset of the first byte that does not belong to valid UTF-8, if any.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The 1-based physical line holding the byte at `offset` (LF, CRLF and a lone CR end a line).
    static func line(ofOffset offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var index = 0
        while index < offset {
            if bytes[index] == 0x0A || (bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
                line += 1
            }
            index += 1
        }
        return line
    }
}
