public import Domain
import Foundation
public import Postgres
import Storage

/// A project's budget as one caller may see it: every amount is nil below
/// ``Policy/BudgetDetail/hoursAndMoneyBilled`` (``Policy/budgetDetail(_:_:)``).
public struct BudgetReport: Sendable {
    /// Minutes and money of one line of the budget, as the caller may see them.
    public struct Figure: Sendable {
        public let minutes: Int?
        public let amount: Money?
    }

    public let projectID: ProjectID
    public let currency: Currency
    /// How much the caller sees (SPEC §3 "see budget progress").
    public let detail: Policy.BudgetDetail
    /// The project as stored (the budget report reads its model, estimate and contract).
    public let project: Project
    let budget: ProjectBudget
    let accepted: [(change: ChangeRequest, effect: ProjectBudget.Change)]

    init(
        projectID: ProjectID, currency: Currency, detail: Policy.BudgetDetail, project: Project, budget: ProjectBudget,
        changes: [(change: ChangeRequest, effect: ProjectBudget.Change)]
    ) {
        self.projectID = projectID
        self.currency = currency
        self.detail = detail
        self.project = project
        self.budget = budget
        accepted = changes
    }

    /// Whether the consumed money is what was billed (the client's view) rather than
    /// the approved time's value.
    public var consumedIsBilled: Bool { detail == .hoursAndMoneyBilled }

    public var baseline: Figure { figure(budget.baselineMinutes, budget.baselineAmount) }
    public var changesTotal: Figure { figure(budget.changeMinutes, budget.changeAmount) }
    public var current: Figure { figure(budget.currentMinutes, budget.currentAmount) }
    public var consumed: Figure { figure(budget.consumedMinutes, budget.consumedAmount) }
    public var remaining: Figure { figure(budget.remainingMinutes, budget.remainingAmount) }

    /// The accepted change requests, by number, with their effect.
    public var changes: [(change: ChangeRequest, effect: Figure)] {
        accepted.map { (change: $0.change, effect: figure($0.effect.minutes, $0.effect.amount)) }
    }

    private func figure(_ minutes: Int?, _ amount: Money?) -> Figure {
        Figure(minutes: minutes, amount: detail.showsMoney ? amount : nil)
    }
}

/// `GET /projects/{id}/budget` (issue 5 item 3, SPEC §4.4): the baseline (the project's
/// own budget, never changed by change requests), the accepted changes, the current
/// budget, what is consumed and what remains.
public struct BudgetService: Sendable {
    let pool: PostgresPool
    let projects = ProjectStore()
    let scopes = ProjectScopeStore()
    let changes = ChangeRequestStore()
    let budgets = BudgetStore()

    /// Where the budget is read: the reports standby when one is configured.
    let reports: ReportDatabase

    public init(pool: PostgresPool, reports: ReportDatabase? = nil) {
        self.pool = pool
        self.reports = reports ?? ReportDatabase(primary: pool)
    }

    /// The budget with what was consumed by work dated on or before `asOf` (all of it when nil).
    /// A read-only report: runs on the reports database (``ReportDatabase``).
    public func budget(of projectID: ProjectID, asOf: LocalDate? = nil, caller: Caller) async throws -> BudgetReport {
        try await reports.read { pool in try await budget(of: projectID, asOf: asOf, caller: caller, on: pool) }
    }

    /// The budget read on `pool` (the caller's ``ReportDatabase/read(_:)``).
    func budget(of projectID: ProjectID, asOf: LocalDate?, caller: Caller, on pool: PostgresPool) async throws -> BudgetReport {
        let detail = try await scopes.budgetDetail(projectID, caller: caller, on: pool).detail
        guard let project = try await projects.find(projectID, on: pool) else { throw DomainError.notFound(entity: "project") }
        let accepted = try await changes.accepted(project: projectID, on: pool)
        let effects = try accepted.map { change in (change: change, effect: try change.budgetChange()) }
        let consumed = try await budgets.consumed(project: projectID, currency: project.currency, through: asOf, on: pool)
        let budget = try ProjectBudget(
            baselineMinutes: project.budgetMinutes, baselineAmount: project.baselineAmount, acceptedChanges: effects.map(\.effect),
            consumedMinutes: consumed.minutes, consumedAmount: detail == .hoursAndMoneyBilled ? consumed.invoicedValue : consumed.value)
        return BudgetReport(
            projectID: projectID, currency: project.currency, detail: detail, project: project, budget: budget, changes: effects)
    }
}
