/// A CSV file that cannot be read, or one record of it that cannot: the 1-based
/// physical line it concerns and a sentence saying what is wrong.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based physical line of the problem (the header is line 1). For a
    /// quoting problem it is the line on which the faulty quoted field opens.
    public let line: Int
    /// A clear English sentence for people, without the line number.
    public let message: String

    /// Creates an error on `line`.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `"line 4: …"`.
    public var description: String { "line \(line): \(message)" }

    static func empty(line: Int) -> CSVError {
        CSVError(line: line, message: "The file is empty; a header row is expected.")
    }

    static func notUTF8(line: Int) -> CSVError {
        CSVError(line: line, message: "The file is not UTF-8 text; export or save it as \"CSV UTF-8\".")
    }

    static func unterminatedQuote(line: Int) -> CSVError {
        CSVError(line: line, message: "A quoted field is never closed: a closing \" is missing.")
    }

    static func textAfterClosingQuote(line: Int) -> CSVError {
        CSVError(
            line: line,
            message: "Unexpected text after the closing \" of a quoted field; a \" inside a quoted field must be doubled (\"\")."
        )
    }
}
