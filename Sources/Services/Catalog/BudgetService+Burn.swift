public import Domain
import Foundation
import Postgres
import Storage

extension BudgetService {
    /// The budget burn over time (issue 19 item 6): `report` (which applies the same
    /// access rule as ``budget(of:asOf:caller:)``, so whoever may read the budget reads its
    /// burn; a report of another project is 404) and the minutes consumed per week, with the forecast from `today`'s week on.
    /// A read-only report: runs on the reports database.
    public func burn(of projectID: ProjectID, report: BudgetReport, today: LocalDate) async throws -> BudgetBurn {
        guard report.projectID == projectID else { throw DomainError.notFound(entity: "project") }
        // Who may not see the consumed hours does not see them week by week either.
        let weeks = report.consumed.minutes == nil ? [] : try await reports.read { pool in try await budgets.consumedPerWeek(project: projectID, on: pool) }
        return try BudgetBurn(
            consumed: weeks, baselineMinutes: report.baseline.minutes, budgetMinutes: report.current.minutes, today: today)
    }
}
