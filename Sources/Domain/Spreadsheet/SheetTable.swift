/// A sheet of typed cells built from the rows of a CSV export (see ``SheetColumn``):
/// what an XLSX writer needs, and nothing about the file format.
///
/// ```swift
/// var sheet = SheetTable(name: "Time entries", columns: SheafTimeCSV.sheetColumns)
/// sheet.append(SheafTimeCSV.row(…))   // the same [String] the CSV writer takes
/// ```
public struct SheetTable: Sendable, Hashable {
    /// The sheet's tab name: at most 31 characters, none of `[]:*?/\` (spreadsheet rules).
    public let name: String
    public let columns: [SheetColumn]
    /// The data rows (the header not included), each with one cell per column.
    public private(set) var rows: [[SheetCell]] = []

    /// A sheet called `name` (cut and cleaned to what spreadsheets accept).
    public init(name: String, columns: [SheetColumn]) {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        let cleaned = String(name.filter { !forbidden.contains($0) }.prefix(31))
        self.name = cleaned.isEmpty ? "Sheet1" : cleaned
        self.columns = columns
    }

    /// Appends one row of CSV fields, in column order. It must have one field per
    /// column (a programming error otherwise).
    public mutating func append(_ fields: [String]) {
        precondition(fields.count == columns.count, "a sheet row needs \(columns.count) fields, got \(fields.count)")
        let cells = zip(columns, fields).map { column, field in
            SheetCell.of(field, kind: column.kind, currency: currency(of: column.kind, in: fields))
        }
        rows.append(cells)
    }

    private func currency(of kind: SheetColumn.Kind, in fields: [String]) -> Currency? {
        guard case .money(let column?) = kind, let index = columns.firstIndex(where: { $0.name == column }) else { return nil }
        return try? Currency(fields[index])
    }

    /// A width for each column, in characters: its longest value or header, between
    /// 8 and 60.
    public var widths: [Int] {
        columns.indices.map { index in
            let longest = rows.reduce(columns[index].name.count) { max($0, $1[index].displayLength) }
            return min(60, max(8, longest + 2))
        }
    }
}
