extension ExpenseCSV {
    /// The columns of the expense export as typed spreadsheet columns: amounts in the
    /// row's currency, percentages and the receipt count as numbers (issue 16 item 4).
    public static let sheetColumns = SheetColumn.columns(header) { name in
        switch name {
        case "date": .date
        case "amount", "billable_amount", "vat_amount": .money(currencyColumn: "currency")
        case "markup_percent", "vat_rate_percent": .decimal
        case "receipts": .integer
        case "rechargeable": .flag
        default: .text
        }
    }
}
