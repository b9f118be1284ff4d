import Domain
import Foundation
import Services

/// A budget figure: minutes with their hours ("12.50"), and money; each null when
/// not budgeted in that dimension or not shown to the caller.
struct BudgetFigureDTO: Encodable, Sendable {
    @Nullable var minutes: Int?
    @Nullable var hours: String?
    @Nullable var amount: MoneyDTO?

    init(minutes: Int?, amount: Money?, showsMoney: Bool) {
        self.minutes = minutes
        hours = minutes.map { WorkHours.decimalString(fromMinutes: $0) }
        self.amount = showsMoney ? amount.map(MoneyDTO.init) : nil
    }
}

/// One approved change request's effect on the budget.
struct BudgetChangeDTO: Encodable, Sendable {
    let changeRequestId: ChangeRequestID
    let reference: String
    let title: String
    let pricing: String
    @Nullable var minutes: Int?
    @Nullable var hours: String?
    @Nullable var amount: MoneyDTO?
}

/// `GET /projects/{id}/budget`: baseline, approved changes, current, consumed, remaining.
struct ProjectBudgetDTO: Encodable, Sendable {
    let projectId: ProjectID
    let currency: String
    let detail: String
    let consumedBasis: String
    let baseline: BudgetFigureDTO
    let approvedChanges: [BudgetChangeDTO]
    let changesTotal: BudgetFigureDTO
    let current: BudgetFigureDTO
    let consumed: BudgetFigureDTO
    let remaining: BudgetFigureDTO

    init(_ report: BudgetReport) {
        let money = report.detail.showsMoney
        let budget = report.budget
        projectId = report.projectID
        currency = report.currency.code
        detail =
            switch report.detail {
            case .hoursOnly: "hours_only"
            case .hoursAndMoneyBilled: "hours_and_money_billed"
            case .full: "full"
            }
        consumedBasis = report.consumedIsBilled ? "invoiced" : "approved"
        baseline = BudgetFigureDTO(minutes: budget.baselineMinutes, amount: budget.baselineAmount, showsMoney: money)
        approvedChanges = report.changes.map { item in
            BudgetChangeDTO(
                changeRequestId: item.change.id, reference: item.change.reference, title: item.change.title,
                pricing: item.change.pricing.rawValue, minutes: item.effect.minutes,
                hours: item.effect.minutes.map { WorkHours.decimalString(fromMinutes: $0) },
                amount: money ? item.effect.amount.map(MoneyDTO.init) : nil)
        }
        changesTotal = BudgetFigureDTO(minutes: budget.changeMinutes, amount: budget.changeAmount, showsMoney: money)
        current = BudgetFigureDTO(minutes: budget.currentMinutes, amount: budget.currentAmount, showsMoney: money)
        consumed = BudgetFigureDTO(minutes: budget.consumedMinutes, amount: budget.consumedAmount, showsMoney: money)
        remaining = BudgetFigureDTO(minutes: budget.remainingMinutes, amount: budget.remainingAmount, showsMoney: money)
    }
}
