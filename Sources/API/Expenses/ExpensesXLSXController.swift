import Domain
import Foundation
import Hummingbird
import Services

/// `GET /api/v1/exports/expenses.xlsx` (issue 16 item 4): the rows of the CSV export,
/// with the same filters and visibility, as a typed workbook.
struct ExpensesXLSXController {
    let expenses: ExpenseService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/exports/expenses.xlsx", use: export)
    }

    @Sendable func export(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var query = QueryReader(request)
        let filter = query.expenseFilters()
        try query.throwIfInvalid()
        return SpreadsheetResponse.xlsx(try await expenses.exportXLSX(filter, caller: context.caller), filename: "expenses.xlsx")
    }
}
