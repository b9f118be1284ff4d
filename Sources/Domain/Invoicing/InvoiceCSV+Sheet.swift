extension InvoiceCSV {
    /// The export with one row per document as a typed sheet: dates as dates, every
    /// amount (`net`, each `net_…`/`vat_…` pair, `total`, `paid`…) in the document's
    /// currency (issue 16 item 4).
    public static func documentsSheet(_ documents: [Document]) -> SheetTable {
        let table = documentRows(documents)
        var sheet = SheetTable(
            name: "Invoices",
            columns: SheetColumn.columns(table.header) { name in
                switch name {
                case "issue_date", "due_date": .date
                case "type_code": .integer
                case "net", "vat", "total", "credited", "paid", "balance": .money(currencyColumn: "currency")
                case _ where name.hasPrefix("net_") || name.hasPrefix("vat_"): .money(currencyColumn: "currency")
                default: .text
                }
            })
        for row in table.rows { sheet.append(row) }
        return sheet
    }

    /// The export with one row per invoice line as a typed sheet.
    public static func linesSheet(_ documents: [Document]) -> SheetTable {
        let table = lineRows(documents)
        var sheet = SheetTable(
            name: "Invoice lines",
            columns: SheetColumn.columns(table.header) { name in
                switch name {
                case "issue_date": .date
                case "line": .integer
                case "quantity", "vat_rate": .decimal
                case "unit_price", "net": .money(currencyColumn: "currency")
                default: .text
                }
            })
        for row in table.rows { sheet.append(row) }
        return sheet
    }
}
