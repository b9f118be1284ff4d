import Domain
import Foundation
import Services

/// A budget figure: minutes with their hours ("12.50"), and money; each null when
/// not budgeted in that dimension or hidden from the caller by the service.
struct BudgetFigureDTO: Encodable, Sendable {
    @Nullable var minutes: Int?
    @Nullable var hours: String?
    @Nullable var amount: MoneyDTO?

    init(_ figure: BudgetReport.Figure) {
        minutes = figure.minutes
        hours = figure.minutes.map { WorkHours.decimalString(fromMinutes: $0) }
        amount = figure.amount.map(MoneyDTO.init)
    }
}

/// One accepted change request's effect on the budget.
struct BudgetChangeDTO: Encodable, Sendable {
    let changeRequestId: ChangeRequestID
    let reference: String
    let title: String
    let pricing: String
    @Nullable var minutes: Int?
    @Nullable var hours: String?
    @Nullable var amount: MoneyDTO?
}

/// `GET /projects/{id}/budget`: baseline, accepted changes, current, consumed, remaining.
struct ProjectBudgetDTO: Encodable, Sendable {
    let projectId: ProjectID
    let currency: String
    let detail: String
    let consumedBasis: String
    let baseline: BudgetFigureDTO
    let acceptedChanges: [BudgetChangeDTO]
    let changesTotal: BudgetFigureDTO
    let current: BudgetFigureDTO
    let consumed: BudgetFigureDTO
    let remaining: BudgetFigureDTO

    init(_ report: BudgetReport) {
        projectId = report.projectID
        currency = report.currency.code
        detail =
            switch report.detail {
            case .hoursOnly: "hours_only"
            case .hoursAndMoneyBilled: "hours_and_money_billed"
            case .full: "full"
            }
        consumedBasis = report.consumedIsBilled ? "invoiced" : "approved"
        baseline = BudgetFigureDTO(report.baseline)
        acceptedChanges = report.changes.map { item in
            BudgetChangeDTO(
                changeRequestId: item.change.id, reference: item.change.reference, title: item.change.title,
                pricing: item.change.pricing.rawValue, minutes: item.effect.minutes,
                hours: item.effect.minutes.map { WorkHours.decimalString(fromMinutes: $0) },
                amount: item.effect.amount.map(MoneyDTO.init))
        }
        changesTotal = BudgetFigureDTO(report.changesTotal)
        current = BudgetFigureDTO(report.current)
        consumed = BudgetFigureDTO(report.consumed)
        remaining = BudgetFigureDTO(report.remaining)
    }
}
