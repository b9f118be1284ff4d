public import Domain
import Foundation
public import Postgres
import Storage

/// A project's budget as one caller may see it.
public struct BudgetReport: Sendable {
    public let projectID: ProjectID
    public let currency: Currency
    /// How much the caller sees (SPEC §3 "see budget progress").
    public let detail: Policy.BudgetDetail
    public let budget: ProjectBudget
    /// The approved change requests, by number, with their effect.
    public let changes: [(change: ChangeRequest, effect: ProjectBudget.Change)]
    /// Whether the consumed money is what was billed (the client's view) rather than
    /// the approved time's value.
    public var consumedIsBilled: Bool { detail == .hoursAndMoneyBilled }
}

/// `GET /projects/{id}/budget` (issue 5 item 3, SPEC §4.4): the baseline (the project's
/// own budget, never changed by change requests), the approved changes, the current
/// budget, what is consumed and what remains.
public struct BudgetService: Sendable {
    let pool: PostgresPool
    let projects = ProjectStore()
    let scopes = ProjectScopeStore()
    let changes = ChangeRequestStore()
    let budgets = BudgetStore()

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func budget(of projectID: ProjectID, caller: Caller) async throws -> BudgetReport {
        let detail = try await scopes.budgetDetail(projectID, caller: caller, on: pool).detail
        guard let project = try await projects.find(projectID, on: pool) else { throw DomainError.notFound(entity: "project") }
        let approved = try await changes.approved(project: projectID, on: pool)
        let effects = try approved.map { change in (change: change, effect: try change.budgetChange()) }
        let consumed = try await budgets.consumed(project: projectID, currency: project.currency, on: pool)
        let budget = try ProjectBudget(
            baselineMinutes: project.budgetMinutes, baselineAmount: project.baselineAmount, approvedChanges: effects.map(\.effect),
            consumedMinutes: consumed.minutes, consumedAmount: detail == .hoursAndMoneyBilled ? consumed.invoicedValue : consumed.value)
        return BudgetReport(projectID: projectID, currency: project.currency, detail: detail, budget: budget, changes: effects)
    }
}
