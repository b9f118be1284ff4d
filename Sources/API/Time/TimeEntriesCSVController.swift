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
        api.get("/exports/time-entries.csv", use: export)
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

    /// `POST /imports/time-entries?format=harvest|toggl|clockify|sheaf[&partial=true][&dry_run=true][&default_task=NAME]`;
    /// the body is the CSV file, raw (`text/csv`) or as the one file of a
    /// `multipart/form-data` body (`curl -F file=@export.csv`). Answers 200 with the
    /// report, also when rows were rejected (then, unless `partial`, nothing was imported).
    @Sendable func importEntries(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var query = QueryReader(request)
        let format = query.choice("format", as: TimeImportFormat.self)
        if !query.has("format") { query.fail("format", "is required: harvest, toggl, clockify or sheaf") }
        let partial = query.bool("partial") ?? false
        let dryRun = query.bool("dry_run") ?? false
        let defaultTask = query.text("default_task")
        try query.throwIfInvalid()
        guard let format else { throw DomainError.invalid(field: "format", message: "is required") }
        // The file must say what it is, as every body must (a missing body is not an empty file).
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard let mediaType, mediaType == "text/csv" || mediaType == "multipart/form-data" else {
            throw UnsupportedMediaType(received: mediaType, expected: "text/csv, or multipart/form-data with one file")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        var file = Data(buffer.readableBytesView)
        if let contentType = request.headers[.contentType], MultipartFile.isMultipart(contentType) {
            do throws(MultipartFile.Problem) {
                file = try MultipartFile.file(in: file, contentType: contentType)
            } catch {
                throw DomainError.invalid(field: "file", message: error.message)
            }
        }
        let report = try await time.importCSV(
            file, options: TimeImportOptions(format: format, partial: partial, dryRun: dryRun, defaultTask: defaultTask), caller: caller)
        return try JSONBody.response(
            ReportDTO(
                format: report.format.rawValue, dryRun: report.dryRun, partial: report.partial, rows: report.rows,
                imported: report.imported, duplicates: report.duplicateLines.count, duplicateLines: report.duplicateLines,
                rejected: report.rejected.map { RejectionDTO(line: $0.line, reason: $0.reason) }, entryIds: report.entryIDs))
    }
}
