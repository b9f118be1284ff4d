/// The RFC 4180 state machine behind ``CSVReader``: works on UTF-8 bytes (the
/// delimiter, `"`, CR and LF are ASCII, so they never occur inside a multi-byte
/// character) and tracks the physical line.
struct CSVParser {
    /// What one call to ``next()`` found.
    enum Outcome {
        /// A record and the line it starts on.
        case record(CSVRecord)
        /// An empty physical line (skipped by the reader).
        case blank
        /// A malformed record; parsing resumes on the line after the faulty field opened.
        case problem(CSVError)
        /// No more input.
        case end
    }

    private static let quote = UInt8(ascii: "\"")
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A

    private let bytes: [UInt8]
    private let delimiter: UInt8
    /// The byte offset where each physical line starts: `lineStarts[n - 1]` for line n.
    private let lineStarts: [Int]
    private var position = 0
    private var line = 1

    /// Parses `bytes` (valid UTF-8, without a byte order mark).
    init(bytes: [UInt8], delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
        var starts = [0]
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == Self.lf || (byte == Self.cr && (index + 1 == bytes.count || bytes[index + 1] != Self.lf)) {
                starts.append(index + 1)
            }
        }
        self.lineStarts = starts
    }

    /// The next record, blank line, problem, or the end.
    mutating func next() -> Outcome {
        guard position < bytes.count else { return .end }
        let recordLine = line
        if isLineEnd(bytes[position]) {
            consumeLineEnd()
            return .blank
        }
        var fields: [String] = []
        while true {
            if position < bytes.count, bytes[position] == Self.quote {
                let openLine = line
                guard let field = readQuoted() else {
                    // Text after a quote that closes on a later line means, far more
                    // often than not, that this field's closing quote is missing.
                    let unterminated = position >= bytes.count || line > openLine
                    let error: CSVError = unterminated ? .unterminatedQuote(line: openLine) : .textAfterClosingQuote(line: openLine)
                    resume(atLine: openLine + 1)
                    return .problem(error)
                }
                fields.append(field)
            } else {
                fields.append(readUnquoted())
            }
            guard position < bytes.count else { break }
            if bytes[position] == delimiter {
                position += 1
                continue
            }
            consumeLineEnd()
            break
        }
        return .record(CSVRecord(line: recordLine, fields: fields))
    }

    /// Reads up to the next delimiter, line end or the end of input.
    private mutating func readUnquoted() -> String {
        let start = position
        while position < bytes.count, bytes[position] != delimiter, !isLineEnd(bytes[position]) {
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Reads a quoted field starting at the opening `"`; `nil` when it is never
    /// closed (position at the end) or text follows the closing quote.
    private mutating func readQuoted() -> String? {
        position += 1
        var value: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.quote {
                if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                    value.append(Self.quote)
                    position += 2
                    continue
                }
                position += 1
                guard position == bytes.count || bytes[position] == delimiter || isLineEnd(bytes[position]) else {
                    return nil
                }
                return String(decoding: value, as: UTF8.self)
            }
            if byte == Self.lf || (byte == Self.cr && (position + 1 == bytes.count || bytes[position + 1] != Self.lf)) {
                line += 1
            }
            value.append(byte)
            position += 1
        }
        return nil
    }

    private func isLineEnd(_ byte: UInt8) -> Bool {
        byte == Self.cr || byte == Self.lf
    }

    /// Consumes CRLF, LF or a lone CR at `position`.
    private mutating func consumeLineEnd() {
        if bytes[position] == Self.cr, position + 1 < bytes.count, bytes[position + 1] == Self.lf {
            position += 2
        } else {
            position += 1
        }
        line += 1
    }

    /// Moves to the start of physical line `target` (or the end of input).
    private mutating func resume(atLine target: Int) {
        line = target
        position = target - 1 < lineStarts.count ? lineStarts[target - 1] : bytes.count
    }
}
