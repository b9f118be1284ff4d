import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// `GET /api/v1/exports/time-entries.csv` and `POST /api/v1/imports/time-entries`
/// (SPEC §6 CSV; issue 4 item 8).
struct TimeEntriesCSVController {
    let time: TimeEntryService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get(
            "/exports/time-entries.csv",
            use: SpreadsheetResponse.negotiating(csv: export, xlsx: TimeEntriesXLSXController(time: time).export))
        api.post("/imports/time-entries", use: importEntries)
    }

    /// The entries the caller may see, with the filters of the list, as RFC 4180 CSV.
    @Sendable func export(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var query = QueryReader(request)
        let filter = query.timeEntryFilters()
        try query.throwIfInvalid()
        let headers: HTTPFields = [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: #"attachment; filename="time-entries.csv""#,
            .cacheControl: "no-store",
        ]
        // Streamed (chunked): rows go out as the cursor reads them, in constant memory.
        let time = self.time
        let body = ResponseBody { writer in
            try await time.exportCSV(filter, caller: caller) { piece in try await writer.write(ByteBuffer(bytes: piece)) }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    struct RejectionDTO: Encodable {
        let line: Int
        let reason: String
    }

    struct ReportDTO: Encodable {
        let format: String
        let dryRun: Bool
        let partial: Bool
        let rows: Int
        let imported: Int
        let duplicates: Int
        let duplicateLines: [Int]
        let rejected: [RejectionDTO]
        let entryIds: [TimeEntryID]
    }

    /// `POST /imports/time-entries?format=harvest|toggl|clockify|sheaf|csv[&partial=true][&dry_run=true][&default_task=NAME]`,
    /// with `format=csv` the columns (`column_date=Datum&column_person=Name&column_hours=Stunden…`);
    /// the body is the CSV file or an XLSX workbook, raw (`text/csv`, the XLSX media type)
    /// or as the one file of a `multipart/form-data` body (`curl -F file=@export.csv`). Answers 200 with the
    /// report, also when rows were rejected (then, unless `partial`, nothing was imported).
    @Sendable func importEntries(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var query = QueryReader(request)
        let format = query.choice("format", as: TimeImportFormat.self)
        if !query.has("format") { query.fail("format", "is required: harvest, toggl, clockify, sheaf or csv") }
        let partial = query.bool("partial") ?? false
        let dryRun = query.bool("dry_run") ?? false
        let defaultTask = query.text("default_task")
        let columns = query.timeColumns(required: format == .csv)
        try query.throwIfInvalid()
        guard let format else { throw DomainError.invalid(field: "format", message: "is required") }
        let upload = try await ImportUpload.read(request, context: context)
        let options = TimeImportOptions(format: format, partial: partial, dryRun: dryRun, defaultTask: defaultTask, columns: columns)
        let report =
            upload.isWorkbook
            ? try await time.importXLSX(upload.data, options: options, caller: caller)
            : try await time.importCSV(upload.data, options: options, caller: caller)
        return try JSONBody.response(
            ReportDTO(
                format: report.format.rawValue, dryRun: report.dryRun, partial: report.partial, rows: report.rows,
                imported: report.imported, duplicates: report.duplicateLines.count, duplicateLines: report.duplicateLines,
                rejected: report.rejected.map { RejectionDTO(line: $0.line, reason: $0.reason) }, entryIds: report.entryIDs))
    }
}

extension QueryReader {
    /// The `column_…` parameters of a `format=csv` time import (issue 16 item 3) and
    /// `date_order`; every problem of the mapping is reported at once. Refused with any
    /// other format, where the columns are fixed.
    mutating func timeColumns(required: Bool) -> TimeColumnMapping? {
        var mapping = TimeColumnMapping()
        let columns: [(String, WritableKeyPath<TimeColumnMapping, String?>)] = [
            ("column_date", \.date), ("column_email", \.email), ("column_person", \.person), ("column_project", \.project),
            ("column_project_code", \.projectCode), ("column_client", \.client), ("column_task", \.task), ("column_hours", \.hours),
            ("column_start", \.start), ("column_end", \.end), ("column_note", \.note), ("column_billable", \.billable),
            ("column_id", \.externalID),
        ]
        var given: [String] = []
        for (name, path) in columns where has(name) {
            mapping[keyPath: path] = text(name)
            given.append(name)
        }
        let order = choice("date_order", as: TimeColumnMapping.DateOrder.self)
        if has("date_order") { given.append("date_order") }
        mapping.dateOrder = order ?? .auto
        guard required else {
            for name in given { fail(name, "is only read with format=csv") }
            return nil
        }
        // A parameter already refused (empty, too long) is not reported twice.
        for problem in mapping.problems where !errors.contains(where: { $0.field == problem.parameter }) {
            fail(problem.parameter, problem.message)
        }
        return mapping
    }
}
