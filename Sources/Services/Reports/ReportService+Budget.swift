public import Domain
import Foundation
import Postgres
import Storage

/// A fixed-price project's contract, milestones and what has been invoiced on it.
public struct FixedPriceProgress: Sendable {
    public let contractAmount: Money?
    public let milestones: [Milestone]
    /// Σ net of its lines on issued invoices and deposit invoices, minus credit notes, as of the report's day.
    public let invoiced: Money
}

/// `GET /reports/budget` (issue 15 item 1): the project's budget (``BudgetReport``, as
/// `GET /projects/{id}/budget` shows it to the caller) as of a day, its burn rate and
/// forecast, per task and per person, and for a fixed price its contract.
public struct ProjectBudgetReport: Sendable {
    public let asOf: LocalDate
    public let budget: BudgetReport
    /// Whether values at rates are shown (the admin's and the team leads' view).
    public let showsValue: Bool
    /// Whether costs are shown (the admin's view only: SPEC §3 "see cost rates").
    public let showsCost: Bool
    public let forecast: BudgetForecast
    public let breakdown: [BudgetBreakdownLine]
    public let fixedPrice: FixedPriceProgress?
}

extension ReportService {
    public func budget(of projectID: ProjectID, asOf: LocalDate?, caller: Caller) async throws -> ProjectBudgetReport {
        try await database.read { pool in try await budget(of: projectID, asOf: asOf, caller: caller, on: pool) }
    }

    private func budget(of projectID: ProjectID, asOf: LocalDate?, caller: Caller, on pool: PostgresPool) async throws
        -> ProjectBudgetReport
    {
        let day = asOf ?? today
        let report = try await budgets.budget(of: projectID, asOf: day, caller: caller, on: pool)
        let project = report.project
        let currency = project.currency
        let burn = try await budgetReports.burn(
            project: projectID, currency: currency, from: try day.adding(days: 1 - BudgetForecast.windowDays), to: day, on: pool)
        let budget = report.budget
        let forecast = BudgetForecast(
            asOf: day, consumedMinutes: Int64(budget.consumedMinutes), consumedMinor: budget.consumedAmount.amountMinor,
            burnMinutes: burn.minutes, burnMinor: burn.valueMinor, estimatedMinutes: project.estimatedMinutes.map { Int64($0) },
            budgetMinutes: budget.currentMinutes.map { Int64($0) }, budgetMinor: budget.currentAmount?.amountMinor)
        let breakdown = try await budgetReports.breakdown(project: projectID, currency: currency, asOf: day, on: pool)
        var fixedPrice: FixedPriceProgress?
        if project.billingModel == .fixedPrice, report.detail.showsMoney {
            fixedPrice = FixedPriceProgress(
                contractAmount: project.contractAmount,
                milestones: try await milestones.list(MilestoneQuery(projectID: projectID, limit: 1000), on: pool),
                invoiced: Money(
                    amountMinor: try await budgetReports.invoiced(project: projectID, currency: currency, asOf: day, on: pool),
                    currency: currency))
        }
        return ProjectBudgetReport(
            asOf: day, budget: report, showsValue: report.detail == .full, showsCost: Policy.can(caller.actor, .seeCostRates, .agency),
            forecast: forecast, breakdown: breakdown, fixedPrice: fixedPrice)
    }
}
