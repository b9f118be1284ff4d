public import Domain
public import Foundation
import Postgres
import Storage

extension TimeEntryService {
    /// The entries of ``exportCSV(_:caller:)`` as an XLSX workbook (issue 16 item 4):
    /// the same rows, typed — the date as a date, minutes and hours as numbers,
    /// `billable` as a boolean.
    public func exportXLSX(_ query: TimeEntryQuery, caller: Caller) async throws -> Data {
        var bounded = query
        bounded.limit = Self.maximumExportRows
        bounded.after = nil
        let rows = try await entries.export(bounded, visibility: TimeEntryVisibility.of(caller.actor), on: pool)
        guard rows.count <= Self.maximumExportRows else {
            throw DomainError.invalid(
                field: "from", message: "More than \(Self.maximumExportRows) entries match; narrow the date range or filters.")
        }
        let showsCost = Policy.seesCostRates(caller.actor)
        var sheet = SheetTable(name: "Time entries", columns: SheafTimeCSV.sheetColumns)
        for row in rows {
            let entry = row.entry
            sheet.append(
                SheafTimeCSV.row(
                    id: entry.id.uuid, date: entry.workDate, userEmail: row.userEmail, userName: row.userName, client: row.clientName,
                    projectCode: row.projectCode, project: row.projectName, task: row.taskName, minutes: entry.minutes,
                    billable: entry.billable, status: entry.status.rawValue, note: entry.note, billableRate: entry.billableRate,
                    costRate: showsCost ? entry.costRate : nil))
        }
        return try XLSXWriter.data(sheet)
    }
}
