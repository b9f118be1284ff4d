import Domain
public import Foundation

extension TimeEntryService {
    /// Imports time entries from the first worksheet of an XLSX workbook, read as the
    /// CSV file of ``importCSV(_:options:caller:)`` would be (issue 16 item 4): Sheaf's
    /// own `.xlsx` export imports back with the `sheaf` format. A file that is not a
    /// workbook is rejected on line 1, as a CSV file that cannot be read is.
    public func importXLSX(_ data: Data, options: TimeImportOptions, caller: Caller) async throws -> TimeImportReport {
        try Self.checkImports(caller)
        let parsed: TimeImportResult
        do throws(XLSXReader.ReadError) {
            parsed = TimeImportParser.parse(table: try XLSXReader.table(data), format: options.format, columns: options.columns, fromWorkbook: true)
        } catch {
            parsed = TimeImportResult(rows: [], rejected: [ImportRejection(line: 1, reason: error.description)])
        }
        return try await importRows(parsed, options: options, caller: caller)
    }
}
