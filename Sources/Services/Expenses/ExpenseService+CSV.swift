public import Domain
public import Foundation
import Postgres
import Storage

extension ExpenseService {
    /// The most rows one export may hold; narrower filters split a larger one.
    public static let maximumExportRows = 100_000

    /// The expenses the caller may see that match `query`, as RFC 4180 CSV with the
    /// columns of ``ExpenseCSV`` (UTF-8, CRLF, header row). What the agency paid and
    /// its markup stay empty for client contacts, who see what they are billed.
    public func exportCSV(_ query: ExpenseQuery, caller: Caller) async throws -> Data {
        var writer = CSVWriter(header: ExpenseCSV.header)
        for fields in try await exportRows(query, caller: caller) { writer.append(fields) }
        return writer.data()
    }

    /// The fields (``ExpenseCSV/header`` order) of every expense the caller may see
    /// that matches `query`, for the CSV and the workbook alike.
    func exportRows(_ query: ExpenseQuery, caller: Caller) async throws -> [[String]] {
        var bounded = query
        bounded.limit = Self.maximumExportRows
        bounded.after = nil
        let rows = try await expenses.export(bounded, visibility: ExpenseVisibility.of(caller.actor), on: pool)
        guard rows.count <= Self.maximumExportRows else {
            throw DomainError.invalid(
                field: "from", message: "More than \(Self.maximumExportRows) expenses match; narrow the date range or filters.")
        }
        let showsInternal = caller.actor.role.isStaff
        return try rows.map { row in
            try ExpenseCSV.row(
                row.expense, userEmail: row.userEmail, userName: row.userName, client: row.clientName, projectCode: row.projectCode,
                project: row.projectName, receipts: row.receiptCount, showsInternal: showsInternal)
        }
    }
}
