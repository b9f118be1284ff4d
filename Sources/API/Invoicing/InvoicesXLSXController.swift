import Domain
import Foundation
import Hummingbird
import Services

/// `GET /api/v1/exports/invoices.xlsx` (issue 16 item 4): the rows of the CSV export —
/// one per document, or per line with `lines=true` — as a typed workbook.
struct InvoicesXLSXController {
    let invoices: InvoiceService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/exports/invoices.xlsx", use: export)
    }

    @Sendable func export(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var reader = QueryReader(request)
        let query = reader.invoiceFilters()
        let perLine = reader.bool("lines") ?? false
        try reader.throwIfInvalid()
        let data = try await invoices.exportXLSX(query, lines: perLine, caller: context.caller)
        return SpreadsheetResponse.xlsx(data, filename: "invoices.xlsx")
    }
}
