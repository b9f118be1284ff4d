public import Domain
public import Foundation
import Postgres
import Storage

extension ExpenseService {
    /// The expenses of ``exportCSV(_:caller:)`` as an XLSX workbook (issue 16 item 4):
    /// the same rows, with amounts as numbers in each expense's currency.
    public func exportXLSX(_ query: ExpenseQuery, caller: Caller) async throws -> Data {
        var bounded = query
        bounded.limit = Self.maximumExportRows
        bounded.after = nil
        let rows = try await expenses.export(bounded, visibility: ExpenseVisibility.of(caller.actor), on: pool)
        guard rows.count <= Self.maximumExportRows else {
            throw DomainError.invalid(
                field: "from", message: "More than \(Self.maximumExportRows) expenses match; narrow the date range or filters.")
        }
        let showsInternal = caller.actor.role.isStaff
        var sheet = SheetTable(name: "Expenses", columns: ExpenseCSV.sheetColumns)
        for row in rows {
            sheet.append(
                try ExpenseCSV.row(
                    row.expense, userEmail: row.userEmail, userName: row.userName, client: row.clientName, projectCode: row.projectCode,
                    project: row.projectName, receipts: row.receiptCount, showsInternal: showsInternal))
        }
        return try XLSXWriter.data(sheet)
    }
}
