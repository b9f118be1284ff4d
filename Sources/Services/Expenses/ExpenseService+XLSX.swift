public import Domain
public import Foundation
import Postgres
import Storage

extension ExpenseService {
    /// The expenses of ``exportCSV(_:caller:)`` as an XLSX workbook (issue 16 item 4):
    /// the same rows, with amounts as numbers in each expense's currency.
    public func exportXLSX(_ query: ExpenseQuery, caller: Caller) async throws -> Data {
        var sheet = SheetTable(name: "Expenses", columns: ExpenseCSV.sheetColumns)
        for fields in try await exportRows(query, caller: caller) { sheet.append(fields) }
        return try XLSXWriter.data(sheet)
    }
}
