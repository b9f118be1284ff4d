import Foundation

/// One data record of an import file seen through its columns: typed values by
/// column name, and the problems found while reading them.
struct ImportRecord {
    /// The 1-based line the record starts on.
    let line: Int
    /// What is wrong with the record so far, each a clause without a final period.
    private(set) var problems: [String] = []

    private let fields: [String]
    private let columns: ImportColumns
    private let restoresFormulas: Bool

    /// Wraps a record whose field count matches the header. With `restoresFormulas`,
    /// text values go through ``CSVWriter/restoringFormula(_:)`` (Sheaf's own export).
    init(line: Int, fields: [String], columns: ImportColumns, restoresFormulas: Bool) {
        self.line = line
        self.fields = fields
        self.columns = columns
        self.restoresFormulas = restoresFormulas
    }

    /// Whether the file has the column.
    func has(_ column: String) -> Bool {
        columns.index(of: column) != nil
    }

    /// The trimmed value of `column`; `nil` when the file lacks the column or the value is empty.
    func text(_ column: String) -> String? {
        guard let index = columns.index(of: column), index < fields.count else { return nil }
        var value = fields[index]
        if restoresFormulas { value = CSVWriter.restoringFormula(value) }
        value = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    /// Records a problem.
    mutating func problem(_ clause: String) {
        problems.append(clause)
    }

    /// The date in `column`, or `nil` after recording why not.
    mutating func date(_ column: String, style: ImportValue.DateStyle) -> LocalDate? {
        guard let text = text(column) else {
            problem("\(column) is empty")
            return nil
        }
        guard let date = ImportValue.date(text, style: style) else {
            problem("\(column) \(ImportValue.quoted(text)) is not a valid date (expected \(style.expected))")
            return nil
        }
        return date
    }

    /// The duration in `column` as 1…1440 minutes, or `nil` after recording why not.
    mutating func minutes(fromDuration column: String) -> Int? {
        guard let text = text(column) else {
            problem("\(column) is empty")
            return nil
        }
        guard let minutes = ImportValue.minutes(fromDuration: text) else {
            problem("\(column) \(ImportValue.quoted(text)) is not a duration such as 1:30:00 or 1.5")
            return nil
        }
        return checked(minutes, column: column, text: text)
    }

    /// The minutes from the time in `start` to the time in `end`, 1…1440, or `nil`
    /// after recording why not.
    mutating func minutes(from start: String, to end: String) -> Int? {
        guard let from = text(start), let to = text(end) else {
            problem("\(text(start) == nil ? start : end) is empty")
            return nil
        }
        guard let minutes = ImportValue.minutes(from: from, to: to) else {
            problem("\(start) \(ImportValue.quoted(from)) to \(end) \(ImportValue.quoted(to)) are not times of day such as 09:30")
            return nil
        }
        return checked(minutes, column: end, text: to)
    }

    /// The whole number of minutes in `column`, 1…1440, or `nil` after recording why not.
    mutating func wholeMinutes(_ column: String) -> Int? {
        guard let text = text(column) else {
            problem("\(column) is empty")
            return nil
        }
        guard let minutes = ImportValue.wholeMinutes(text) else {
            problem("\(column) \(ImportValue.quoted(text)) is not a whole number of minutes")
            return nil
        }
        return checked(minutes, column: column, text: text)
    }

    /// The yes/no flag in `column`; `nil` when absent or empty, or after recording
    /// that it is neither.
    mutating func flag(_ column: String) -> Bool? {
        guard let text = text(column) else { return nil }
        guard let flag = ImportValue.flag(text) else {
            problem("\(column) \(ImportValue.quoted(text)) is not Yes or No")
            return nil
        }
        return flag
    }

    /// The email address in `column`; `nil` when absent or empty, or after recording
    /// that it is malformed.
    mutating func email(_ column: String) -> String? {
        guard let text = text(column) else { return nil }
        guard Email.problems(text).isEmpty else {
            problem("\(column) \(ImportValue.quoted(text)) is not a valid email address")
            return nil
        }
        return text
    }

    /// The note in `column` with line breaks as `\n`; empty when absent.
    func note(_ column: String) -> String {
        guard let text = text(column) else { return "" }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// The row, when it has a date, minutes, a person (email or name) and a project
    /// (name or code) and no problem was found; otherwise `nil`, with every problem
    /// recorded. `personColumns` and `projectColumns` name the columns for the
    /// message when one is missing (those the file lacks are left out).
    mutating func finish(
        date: LocalDate?,
        minutes: Int?,
        personEmail: String? = nil,
        personName: String?,
        personColumns: [String],
        projectName: String?,
        projectCode: String? = nil,
        projectColumns: [String],
        clientName: String?,
        taskName: String?,
        note: String,
        billable: Bool?,
        externalID: String? = nil
    ) -> ImportedTimeRow? {
        // Judged on the columns, so a malformed email is not also reported as missing.
        if personColumns.allSatisfy({ text($0) == nil }) { problem("No person: \(listing(personColumns)) empty") }
        if projectColumns.allSatisfy({ text($0) == nil }) { problem("No project: \(listing(projectColumns)) empty") }
        guard problems.isEmpty, let date, let minutes else { return nil }
        return ImportedTimeRow(
            line: line,
            date: date,
            minutes: minutes,
            personEmail: personEmail,
            personName: personName,
            clientName: clientName,
            projectName: projectName,
            projectCode: projectCode,
            taskName: taskName,
            note: note,
            billable: billable,
            externalID: externalID
        )
    }

    /// `Project is` / `Project and Project Code are`, for the columns the file has.
    private func listing(_ names: [String]) -> String {
        let present = names.filter(has)
        let shown = present.isEmpty ? names : present
        return shown.joined(separator: " and ") + (shown.count == 1 ? " is" : " are")
    }

    private mutating func checked(_ minutes: Int, column: String, text: String) -> Int? {
        let quoted = ImportValue.quoted(text)
        switch minutes {
        case ..<0: problem("\(column) \(quoted) is negative")
        case 0: problem("\(column) \(quoted) is less than a minute; a time entry needs at least 1 minute")
        case 1...1440: return minutes
        default: problem("\(column) \(quoted) is more than 24 hours")
        }
        return nil
    }
}
