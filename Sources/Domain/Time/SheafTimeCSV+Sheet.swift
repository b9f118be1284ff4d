extension SheafTimeCSV {
    /// The columns of the time-entry export as typed spreadsheet columns: the date
    /// as a date, minutes as a whole number, hours and hourly rates as numbers,
    /// `billable` as a boolean (issue 16 item 4). Rates are in each project's
    /// currency, which the row does not name, so they are plain decimals.
    public static let sheetColumns = SheetColumn.columns(header) { name in
        switch name {
        case "date": .date
        case "minutes": .integer
        case "hours", "billable_rate", "cost_rate": .decimal
        case "billable": .flag
        default: .text
        }
    }
}
