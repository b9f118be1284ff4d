import Domain
import Testing

@Suite("SheetTable")
struct SheetTableTests {
    @Test func fieldsBecomeCellsOfTheirColumnsKind() {
        var sheet = SheetTable(
            name: "Mixed",
            columns: [
                SheetColumn("date", .date), SheetColumn("n", .integer), SheetColumn("h", .decimal),
                SheetColumn("amount", .money(currencyColumn: "currency")), SheetColumn("currency"), SheetColumn("ok", .flag),
                SheetColumn("note"),
            ])
        sheet.append(["2026-03-02", "90", "1.50", "-1210.00", "JPY", "true", "=cmd|' /C calc'!A0"])
        sheet.append(["", "", "", "", "", "", ""])
        #expect(
            sheet.rows[0] == [
                .date(LocalDate(year: 2026, month: 3, day: 2)!), .integer("90"), .decimal("1.50"), .money("-1210.00", .jpy), .text("JPY"),
                .flag(true), .text("=cmd|' /C calc'!A0"),
            ])
        #expect(sheet.rows[1].allSatisfy { $0 == .empty })
    }

    @Test(arguments: [
        ("2026-02-30", SheetColumn.Kind.date), ("1e3", .decimal), ("1,5", .decimal), ("1.5", .integer), ("12.", .money(currencyColumn: nil)),
        ("--1", .integer), ("yes", .flag), ("0x10", .integer),
    ])
    func aFieldThatIsNotItsKindStaysText(field: String, kind: SheetColumn.Kind) {
        #expect(SheetCell.of(field, kind: kind) == .text(field))
    }

    @Test func anUnknownCurrencyColumnLeavesTheAmountWithoutCurrency() {
        var sheet = SheetTable(name: "x", columns: [SheetColumn("net", .money(currencyColumn: "currency")), SheetColumn("currency")])
        sheet.append(["10.00", "euro"])
        #expect(sheet.rows[0][0] == .money("10.00", nil))
    }

    @Test func widthsFollowTheLongestValueWithinBounds() {
        var sheet = SheetTable(name: "x", columns: [SheetColumn("id"), SheetColumn("a long header name"), SheetColumn("note")])
        sheet.append(["1", "x", String(repeating: "n", count: 300)])
        #expect(sheet.widths == [8, 20, 60])
    }

    @Test func theSheetNameIsCleanedToWhatSpreadsheetsAccept() {
        #expect(SheetTable(name: "Q1/2026: [draft]*?", columns: []).name == "Q12026 draft")
        #expect(SheetTable(name: String(repeating: "a", count: 40), columns: []).name.count == 31)
        #expect(SheetTable(name: "/:", columns: []).name == "Sheet1")
    }

    @Test func theExportsDeclareAColumnForEveryHeader() {
        #expect(SheafTimeCSV.sheetColumns.map(\.name) == SheafTimeCSV.header)
        #expect(ExpenseCSV.sheetColumns.map(\.name) == ExpenseCSV.header)
        #expect(SheafTimeCSV.sheetColumns.first { $0.name == "hours" }?.kind == .decimal)
        #expect(ExpenseCSV.sheetColumns.first { $0.name == "vat_amount" }?.kind == .money(currencyColumn: "currency"))
    }
}
