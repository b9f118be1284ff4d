import Domain
import Foundation
import Hummingbird
import Services

/// The admin's reports (issue 19 items 4 and 6): receivables ageing and revenue and
/// margin per month, from the same `ReportService` calls as `GET /reports/receivables`
/// and `GET /reports/profitability?group_by=month`, under the same `Policy`.
struct ConsoleReportsController {
    let reports: ReportService
    let clock: any WallClock
    let session: ConsoleSession

    func register(on app: RouterGroup<AuthenticatedContext>) {
        app.get("/app/reports", use: show)
    }

    /// `from`/`to` (dates): the months shown; by default the twelve months ending with this one.
    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let console = ConsoleRequest(request, caller: context.caller, session: session)
        var query = QueryReader(request)
        let fromText = query.text("from", maxLength: 32)
        let toText = query.text("to", maxLength: 32)
        try query.throwIfInvalid()
        let today = LocalDate.of(clock.now())
        let to = try toText.map { try LocalDate.parse($0, field: "to") } ?? today.lastDayOfMonth
        let from = try fromText.map { try LocalDate.parse($0, field: "from") } ?? to.firstDayOfMonth.adding(months: -11)
        let range = try ReportRange(from: from, to: to)
        let receivables = try await reports.receivables(asOf: nil, caller: context.caller)
        let profitability = try await reports.profitability(range, by: .month, caller: context.caller)
        let page = ReportsPageView(receivables: receivables, profitability: profitability, language: console.language)
        return try console.render("console-reports", titleKey: "reports_title", section: "reports", page: page)
    }
}
