extension CSVWriter {
    /// Spreadsheet formula injection protection (OWASP "CSV Injection").
    ///
    /// Excel, LibreOffice and Google Sheets evaluate a cell whose text starts with
    /// `=`, `+`, `-` or `@` as a formula, even in a CSV file. Notes, task and project
    /// names are typed by users and client contacts, so an export could otherwise
    /// carry `=HYPERLINK(…)` or a DDE payload (`=cmd|' /C calc'!A0`) that runs or
    /// leaks data when an accountant opens the file. A leading tab or CR is included
    /// because some programs skip it and then see the formula character.
    ///
    /// The value is prefixed with a single quote `'`, which makes the cell plain text
    /// in these programs. Plain numbers such as `-5` or `-1.25` (a minus sign then
    /// digits with at most one `.`) are left alone: they cannot run anything and
    /// must stay numbers. Values that already start with one or more `'` before a
    /// formula character get one more, so that ``restoringFormula(_:)`` undoes the
    /// prefix exactly: `restoringFormula(neutralizingFormula(v)) == v` for every `v`.
    public static func neutralizingFormula(_ value: String) -> String {
        let quotes = leadingQuoteCount(value)
        guard startsWithTrigger(value, after: quotes) else { return value }
        if quotes == 0, isPlainNegativeNumber(value) { return value }
        return "'" + value
    }

    /// Undoes ``neutralizingFormula(_:)``: drops one leading `'` when the text after
    /// the leading quotes starts with a formula character. Only meaningful for
    /// files this writer produced (the Sheaf export).
    public static func restoringFormula(_ value: String) -> String {
        let quotes = leadingQuoteCount(value)
        guard quotes > 0, startsWithTrigger(value, after: quotes) else { return value }
        return String(value.unicodeScalars.dropFirst())
    }

    /// The first characters (as Unicode scalars: `"\r\n"` is one `Character`)
    /// that make a spreadsheet treat a cell as a formula.
    private static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    private static func leadingQuoteCount(_ value: String) -> Int {
        value.unicodeScalars.prefix { $0 == "'" }.count
    }

    private static func startsWithTrigger(_ value: String, after quotes: Int) -> Bool {
        guard let first = value.unicodeScalars.dropFirst(quotes).first else { return false }
        return formulaTriggers.contains(first)
    }

    /// `-` followed by digits, optionally a `.` and more digits: `-5`, `-1.25`.
    private static func isPlainNegativeNumber(_ value: String) -> Bool {
        var bytes = Array(value.utf8)[...]
        guard bytes.first == UInt8(ascii: "-") else { return false }
        bytes.removeFirst()
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }
    }
}
