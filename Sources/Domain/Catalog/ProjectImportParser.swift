import Foundation

/// A problem of an import file, at a row (its line or row number; the header's for a
/// missing column) and, when one is to blame, a column as the file names it.
public struct ImportCellProblem: Sendable, Hashable, CustomStringConvertible {
    public let row: Int
    public let column: String?
    public let message: String

    public init(row: Int, column: String?, message: String) {
        self.row = row
        self.column = column
        self.message = message
    }

    /// `row 3, column 'Budget (h)': …`.
    public var description: String {
        "row \(row)\(column.map { ", column '\($0)'" } ?? ""): \(message)"
    }
}

/// One row of a projects file, read through a ``ProjectImportMapping``.
public struct ProjectImportRow: Sendable, Hashable {
    public let row: Int
    public let name: String
    public let client: String?
    public let code: String?
    public let billingModel: BillingModel?
    public let status: ProjectStatus?
    public let budgetMinutes: Int?
    /// A plain decimal in major units (`1234.50`), made money in the client's currency later.
    public let budgetAmount: String?
    public let task: String?
    public let taskBillable: Bool?
    public let taskEstimateMinutes: Int?
}

/// Reads a table of projects and tasks (CSV or a worksheet) through a mapping: every
/// problem of every row, each naming its row and column (issue 16 items 2 and 6).
public enum ProjectImportParser {
    public static func parse(
        _ table: CSVTable, mapping: ProjectImportMapping, numbers: NumberStyle
    ) -> (rows: [ProjectImportRow], problems: [ImportCellProblem]) {
        let columns = ImportColumns(header: table.header)
        let absent = mapping.columns.filter { columns.index(of: $0.column) == nil }
        guard absent.isEmpty else {
            return (
                [],
                absent.map { key, column in
                    ImportCellProblem(
                        row: table.headerLine, column: column,
                        message: "The mapping's \(key) names a column the file does not have (its columns: \(listing(table.header))).")
                }
            )
        }
        var rows: [ProjectImportRow] = []
        var problems: [ImportCellProblem] = []
        for record in table.records {
            if record.fields.allSatisfy({ CatalogText.trimmed($0).isEmpty }) { continue }
            var reader = CellReader(line: record.line, fields: record.fields, columns: columns)
            let name = reader.title(mapping.name, required: true)
            let client = mapping.client.flatMap { reader.title($0, required: true) }
            let code = mapping.code.flatMap { reader.text($0) }
            let billing = mapping.billingModel.flatMap { column in reader.word(column, Self.billingModels, expected: "time_and_materials, fixed_price or retainer") }
            let status = mapping.status.flatMap { column in reader.word(column, Self.statuses, expected: "active, on_hold or closed") }
            let budgetMinutes = mapping.budgetHours.flatMap { reader.hours($0, numbers: numbers) }
            let budgetAmount = mapping.budgetAmount.flatMap { reader.decimal($0, numbers: numbers) }
            let task = mapping.task.flatMap { reader.title($0, required: false) }
            let billable = mapping.taskBillable.flatMap { reader.flag($0) }
            let estimate = mapping.taskEstimateHours.flatMap { reader.hours($0, numbers: numbers) }
            problems += reader.problems
            guard reader.problems.isEmpty, let name else { continue }
            rows.append(
                ProjectImportRow(
                    row: record.line, name: name, client: client, code: code, billingModel: billing, status: status,
                    budgetMinutes: budgetMinutes, budgetAmount: budgetAmount, task: task, taskBillable: billable,
                    taskEstimateMinutes: estimate))
        }
        return (rows, problems)
    }

    static let billingModels: [String: BillingModel] = [
        "timeandmaterials": .timeAndMaterials, "timematerials": .timeAndMaterials, "tm": .timeAndMaterials, "hourly": .timeAndMaterials,
        "fixedprice": .fixedPrice, "fixed": .fixedPrice, "fixedfee": .fixedPrice, "retainer": .retainer,
    ]

    static let statuses: [String: ProjectStatus] = [
        "active": .active, "inprogress": .active, "notstarted": .active, "planned": .active, "open": .active, "onhold": .onHold,
        "paused": .onHold, "blocked": .onHold, "closed": .closed, "done": .closed, "completed": .closed, "archived": .closed,
        "cancelled": .closed, "canceled": .closed,
    ]

    private static func listing(_ header: [String]) -> String {
        let shown = header.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        return header.count > 12 ? shown + ", …" : shown
    }
}

/// The cells of one record by column name, collecting problems that name the column.
private struct CellReader {
    let line: Int
    let fields: [String]
    let columns: ImportColumns
    var problems: [ImportCellProblem] = []

    init(line: Int, fields: [String], columns: ImportColumns) {
        self.line = line
        self.fields = fields
        self.columns = columns
    }

    mutating func problem(_ column: String, _ message: String) {
        problems.append(ImportCellProblem(row: line, column: column, message: message))
    }

    func text(_ column: String) -> String? {
        guard let index = columns.index(of: column), index < fields.count else { return nil }
        let value = CatalogText.trimmed(fields[index])
        return value.isEmpty ? nil : value
    }

    /// A name, from a plain cell or a Notion relation cell (its one page's title).
    mutating func title(_ column: String, required: Bool) -> String? {
        guard let raw = text(column) else {
            if required { problem(column, "is empty") }
            return nil
        }
        let titles = NotionCell.titles(raw)
        guard titles.count == 1, let title = titles.first else {
            problem(column, "names \(titles.count) related pages; one is needed")
            return nil
        }
        guard CatalogText.isName(title) else {
            problem(column, "must be 1 to 200 characters")
            return nil
        }
        return title
    }

    /// One of `words`, compared without case, spaces or punctuation.
    mutating func word<Value>(_ column: String, _ words: [String: Value], expected: String) -> Value? {
        guard let raw = text(column) else { return nil }
        let key = String(raw.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
        guard let value = words[key] else {
            problem(column, "'\(raw.prefix(40))' is not one of \(expected)")
            return nil
        }
        return value
    }

    mutating func decimal(_ column: String, numbers: NumberStyle) -> String? {
        guard let raw = text(column) else { return nil }
        if numbers == .undeclared, NumberStyle.isAmbiguous(raw) {
            problem(column, "'\(raw)' is a thousand times more with a decimal comma than with a decimal point: give the file's locale (locale=de or locale=en)")
            return nil
        }
        guard let plain = numbers.plain(raw), !plain.hasPrefix("-") else {
            problem(column, "'\(raw.prefix(40))' is not a positive number\(numbers == .decimalComma ? " such as 1.234,50" : " such as 1,234.50")")
            return nil
        }
        return plain
    }

    mutating func hours(_ column: String, numbers: NumberStyle) -> Int? {
        guard let plain = decimal(column, numbers: numbers) else { return nil }
        guard let minutes = ImportValue.minutes(fromDuration: plain), minutes > 0, minutes <= Project.maximumMinutes else {
            problem(column, "'\(plain)' hours is not a budget Sheaf can hold (more than 0, at most \(Project.maximumMinutes / 60))")
            return nil
        }
        return minutes
    }

    mutating func flag(_ column: String) -> Bool? {
        guard let raw = text(column) else { return nil }
        if let value = ImportValue.flag(raw) { return value }
        // Notion writes checkboxes as Yes/No; a Sheets checkbox as TRUE/FALSE: both known.
        problem(column, "'\(raw.prefix(40))' is not yes or no")
        return nil
    }
}
