public import Domain
public import Foundation
import Postgres
import Storage

extension TimeEntryService {
    /// The entries the caller may see that match `query`, as RFC 4180 CSV with the
    /// columns of ``SheafTimeCSV`` (UTF-8, CRLF, header row), handed to `write` in
    /// pieces: the header, then one piece per thousand rows read from a cursor, so an
    /// export of a million entries takes the memory of a thousand (issue 18 item 5).
    /// Cost rates are filled in only for those who may see them (the admin).
    ///
    /// Nothing is retried: once a piece is written it cannot be taken back. An error
    /// after the first piece leaves the file cut short (the HTTP response is then
    /// closed unfinished, which a client sees as a failed download).
    public func exportCSV(_ query: TimeEntryQuery, caller: Caller, write: (Data) async throws -> Void) async throws {
        var unpaged = query
        unpaged.after = nil
        let visibility = TimeEntryVisibility.of(caller.actor)
        let showsCost = Policy.seesCostRates(caller.actor)
        try await pool.withTransaction(maxAttempts: 1) { tx in
            try await write(Data(CSVWriter.line(SheafTimeCSV.header).utf8))
            try await entries.export(unpaged, visibility: visibility, on: tx) { rows in
                let text = rows.map { CSVWriter.line(Self.exportFields($0, showsCost: showsCost)) }.joined()
                try await write(Data(text.utf8))
            }
        }
    }

    /// One entry as the export's fields (``SheafTimeCSV/header`` order), for the CSV and
    /// the workbook alike; the cost rate only when `showsCost`.
    static func exportFields(_ row: TimeEntryDetail, showsCost: Bool) -> [String] {
        let entry = row.entry
        return SheafTimeCSV.row(
            id: entry.id.uuid, date: entry.workDate, userEmail: row.userEmail, userName: row.userName,
            client: row.clientName, projectCode: row.projectCode, project: row.projectName, task: row.taskName,
            minutes: entry.minutes, billable: entry.billable, status: entry.status.rawValue, note: entry.note,
            billableRate: entry.billableRate, costRate: showsCost ? entry.costRate : nil)
    }
}
