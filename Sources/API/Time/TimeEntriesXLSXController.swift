import Domain
import Foundation
import Hummingbird
import Services

/// `GET /api/v1/exports/time-entries.xlsx` (issue 16 item 4): the rows of the CSV
/// export, with the same filters and visibility, as a typed workbook.
struct TimeEntriesXLSXController {
    let time: TimeEntryService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/exports/time-entries.xlsx", use: export)
    }

    @Sendable func export(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var query = QueryReader(request)
        let filter = query.timeEntryFilters()
        try query.throwIfInvalid()
        return SpreadsheetResponse.xlsx(try await time.exportXLSX(filter, caller: context.caller), filename: "time-entries.xlsx")
    }
}
