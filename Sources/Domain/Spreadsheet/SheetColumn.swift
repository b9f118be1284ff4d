/// One column of a spreadsheet export: its header and what its values are, so that
/// a spreadsheet writer can type the cells (issue 16 item 4).
///
/// The rows are the very `[String]` rows the CSV exports write (``SheafTimeCSV``,
/// ``ExpenseCSV``, ``InvoiceCSV``); the kind says how to read each field back into a
/// typed cell, so every CSV export can also be written as a workbook without a
/// second row model.
public struct SheetColumn: Sendable, Hashable {
    /// How the fields of a column become cells.
    public enum Kind: Sendable, Hashable {
        /// Text as is.
        case text
        /// An ISO date (`2026-03-02`): a date cell.
        case date
        /// A whole number (`90`): a number cell without decimals.
        case integer
        /// A decimal number (`1.50`, `95.0000`): a number cell shown with two decimals
        /// (hours, percentages, hourly rates).
        case decimal
        /// An amount in major units (`1210.00`): a number cell shown with the
        /// currency's decimals and its code. The code is the field of the same row in
        /// `currencyColumn`, when the export has one.
        case money(currencyColumn: String?)
        /// `true` or `false`: a boolean cell.
        case flag
    }

    /// The header, as in the CSV export.
    public let name: String
    /// How its fields become cells.
    public let kind: Kind

    public init(_ name: String, _ kind: Kind = .text) {
        self.name = name
        self.kind = kind
    }

    /// The columns of `header`, each with the kind `kind(name)` answers.
    public static func columns(_ header: [String], kind: (String) -> Kind) -> [SheetColumn] {
        header.map { SheetColumn($0, kind($0)) }
    }
}
