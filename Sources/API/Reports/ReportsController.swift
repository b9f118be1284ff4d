import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/reports/{budget,profitability,utilization,receivables,unbilled,revenue}`
/// (issue 15): each JSON, or CSV with `Accept: text/csv`.
struct ReportsController {
    let reports: ReportService

    /// The only `interval` of the revenue report.
    enum RevenueInterval: String, CaseIterable {
        case month
    }

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/reports/budget", use: budget)
        api.get("/reports/profitability", use: profitability)
        api.get("/reports/utilization", use: utilization)
        api.get("/reports/receivables", use: receivables)
        api.get("/reports/unbilled", use: unbilled)
        api.get("/reports/revenue", use: revenue)
    }

    /// `GET /reports/budget?project_id=&as_of=`.
    @Sendable func budget(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var query = QueryReader(request)
        let projectID: ProjectID? = query.id("project_id")
        let asOf = query.calendarDate("as_of")
        if !query.has("project_id") { query.fail("project_id", "is required") }
        try query.throwIfInvalid()
        guard let projectID else { throw DomainError.invalid(field: "project_id", message: "is required") }
        let dto = BudgetReportDTO(try await reports.budget(of: projectID, asOf: asOf, caller: context.caller))
        return try ReportResponse.make(request, name: "budget", json: dto) { BudgetReportDTO.csv(dto) }
    }

    /// `GET /reports/profitability?from=&to=&group_by=`.
    @Sendable func profitability(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var query = QueryReader(request)
        let range = query.reportRange()
        let grouping: ProfitabilityGrouping? = query.choice("group_by")
        try query.throwIfInvalid()
        let report = try await reports.profitability(try range.get(), by: grouping ?? .project, caller: context.caller)
        return try ReportResponse.make(request, name: "profitability", json: ProfitabilityReportDTO(report)) {
            ProfitabilityReportDTO.csv(report)
        }
    }

    /// `GET /reports/utilization?from=&to=&team_id=&limit=&cursor=`: everyone at once, or
    /// a page of people with `limit` (and `cursor`).
    @Sendable func utilization(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var query = QueryReader(request)
        let range = query.reportRange()
        let teamID: TeamID? = query.id("team_id")
        let (limit, cursor) = (query.has("limit"), query.has("cursor"))
        try query.throwIfInvalid()
        let page = limit || cursor ? try PageRequest(request) : nil
        var after: StaffMember?
        if let key = page?.after {
            guard key.count == 3, let id = UserID(uuidString: key[2]) else {
                throw DomainError.invalid(field: "cursor", message: "is not a cursor this server issued")
            }
            after = StaffMember(id: id, email: key[1], name: key[0])
        }
        let report = try await reports.utilization(try range.get(), teamID: teamID, after: after, limit: page?.limit, caller: context.caller)
        return try ReportResponse.make(request, name: "utilization", json: UtilizationReportDTO(report)) { UtilizationReportDTO.csv(report) }
    }

    /// `GET /reports/receivables?as_of=`.
    @Sendable func receivables(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var query = QueryReader(request)
        let asOf = query.calendarDate("as_of")
        try query.throwIfInvalid()
        let report = try await reports.receivables(asOf: asOf, caller: context.caller)
        return try ReportResponse.make(request, name: "receivables", json: ReceivablesReportDTO(report)) { ReceivablesReportDTO.csv(report) }
    }

    /// `GET /reports/unbilled?as_of=`.
    @Sendable func unbilled(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var query = QueryReader(request)
        let asOf = query.calendarDate("as_of")
        try query.throwIfInvalid()
        let report = try await reports.unbilled(asOf: asOf, caller: context.caller)
        return try ReportResponse.make(request, name: "unbilled", json: UnbilledReportDTO(report)) { UnbilledReportDTO.csv(report) }
    }

    /// `GET /reports/revenue?from=&to=&interval=month`.
    @Sendable func revenue(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var query = QueryReader(request)
        let range = query.reportRange()
        _ = query.choice("interval", as: RevenueInterval.self)
        try query.throwIfInvalid()
        let report = try await reports.revenue(try range.get(), caller: context.caller)
        return try ReportResponse.make(request, name: "revenue", json: RevenueReportDTO(report)) { RevenueReportDTO.csv(report) }
    }
}

extension QueryReader {
    /// `from` and `to`, both required: the period of a report (at most three years).
    mutating func reportRange() -> Result<ReportRange, DomainError> {
        let from = calendarDate("from")
        let to = calendarDate("to")
        if !has("from") { fail("from", "is required") }
        if !has("to") { fail("to", "is required") }
        guard let from, let to else { return .failure(.invalid(field: "from", message: "is required")) }
        do {
            return .success(try ReportRange(from: from, to: to))
        } catch {
            return .failure(error)
        }
    }
}
