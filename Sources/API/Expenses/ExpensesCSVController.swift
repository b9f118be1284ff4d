import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// `GET /api/v1/exports/expenses.csv` (SPEC §6 CSV; issue 5 item 5): the expenses the
/// caller may see, with the filters of the list, as RFC 4180 CSV.
struct ExpensesCSVController {
    let expenses: ExpenseService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get(
            "/exports/expenses.csv",
            use: SpreadsheetResponse.negotiating(csv: export, xlsx: ExpensesXLSXController(expenses: expenses).export))
    }

    @Sendable func export(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var query = QueryReader(request)
        let filter = query.expenseFilters()
        try query.throwIfInvalid()
        let data = try await expenses.exportCSV(filter, caller: caller)
        let headers: HTTPFields = [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: #"attachment; filename="expenses.csv""#,
            .cacheControl: "no-store",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
