public import Domain
public import Foundation
import Postgres
import Storage

extension TimeEntryService {
    /// The most rows one workbook holds. A workbook is built in memory (a zip archive
    /// cannot be streamed the way the CSV is), so a larger export is refused and the
    /// CSV, which has no limit, or narrower filters serve it.
    public static let maximumXLSXRows = 100_000

    /// The entries of ``exportCSV(_:caller:write:)`` as an XLSX workbook (issue 16
    /// item 4): the same rows, typed — the date as a date, minutes and hours as
    /// numbers, `billable` as a boolean.
    public func exportXLSX(_ query: TimeEntryQuery, caller: Caller) async throws -> Data {
        var unpaged = query
        unpaged.after = nil
        let visibility = TimeEntryVisibility.of(caller.actor)
        let showsCost = Policy.seesCostRates(caller.actor)
        var sheet = SheetTable(name: "Time entries", columns: SheafTimeCSV.sheetColumns)
        try await pool.withTransaction(maxAttempts: 1) { tx in
            try await entries.export(unpaged, visibility: visibility, on: tx) { rows in
                guard sheet.rows.count + rows.count <= Self.maximumXLSXRows else {
                    throw DomainError.invalid(
                        field: "from",
                        message: "More than \(Self.maximumXLSXRows) entries match; narrow the date range or filters, or export CSV.")
                }
                for row in rows { sheet.append(Self.exportFields(row, showsCost: showsCost)) }
            }
        }
        return try XLSXWriter.data(sheet)
    }
}
