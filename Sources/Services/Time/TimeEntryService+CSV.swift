public import Domain
public import Foundation
import Postgres
import Storage

extension TimeEntryService {
    /// The most rows one export may hold; narrower filters split a larger one.
    public static let maximumExportRows = 100_000

    /// The entries the caller may see that match `query`, as RFC 4180 CSV with the
    /// columns of ``SheafTimeCSV`` (UTF-8, CRLF, header row). Cost rates are filled
    /// in only for those who may see them (the admin).
    public func exportCSV(_ query: TimeEntryQuery, caller: Caller) async throws -> Data {
        var bounded = query
        bounded.limit = Self.maximumExportRows
        bounded.after = nil
        let rows = try await entries.export(bounded, visibility: TimeEntryVisibility.of(caller.actor), on: pool)
        guard rows.count <= Self.maximumExportRows else {
            throw DomainError.invalid(
                field: "from", message: "More than \(Self.maximumExportRows) entries match; narrow the date range or filters.")
        }
        let showsCost = Policy.seesCostRates(caller.actor)
        var writer = CSVWriter(header: SheafTimeCSV.header)
        for row in rows {
            let entry = row.entry
            writer.append(
                SheafTimeCSV.row(
                    id: entry.id.uuid, date: entry.workDate, userEmail: row.userEmail, userName: row.userName, client: row.clientName,
                    projectCode: row.projectCode, project: row.projectName, task: row.taskName, minutes: entry.minutes,
                    billable: entry.billable, status: entry.status.rawValue, note: entry.note, billableRate: entry.billableRate,
                    costRate: showsCost ? entry.costRate : nil))
        }
        return writer.data()
    }
}
