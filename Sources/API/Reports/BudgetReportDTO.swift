import Domain
import Foundation
import Services

/// `GET /reports/budget`: the budget of `GET /projects/{id}/budget` as of a day, with
/// burn rate, forecast, per task and per person, and a fixed price's contract. Money at
/// rates only for those who see it (the admin and the team's leads), costs for the admin.
struct BudgetReportDTO: Encodable, Sendable {
    static let counts =
        "Consumed: approved, client-validated and invoiced time worked on or before as_of (value at the rates captured on each "
        + "entry; for a client contact, what was invoiced). Burn: the 28 days ending on as_of, per week. Forecast: at that "
        + "pace, when the estimate (else the budget) is reached, and the value then. Invoiced: net of the project's lines on "
        + "issued invoices and deposit invoices minus credit notes, issued on or before as_of."

    struct Line: Encodable, Sendable {
        let id: String
        let name: String
        let time: DurationDTO
        @Nullable var estimated: DurationDTO?
        @Nullable var value: MoneyDTO?
        @Nullable var cost: MoneyDTO?
        @Nullable var unknownCostEntries: Int64?
    }

    struct Burn: Encodable, Sendable {
        let weeklyTime: DurationDTO
        @Nullable var weeklyValue: MoneyDTO?
    }

    struct Forecast: Encodable, Sendable {
        @Nullable var basis: String?
        @Nullable var remainingTime: DurationDTO?
        @Nullable var remainingAmount: MoneyDTO?
        @Nullable var completionDate: LocalDate?
        @Nullable var amountAtCompletion: MoneyDTO?
    }

    struct Milestone: Encodable, Sendable {
        let milestoneId: MilestoneID
        let name: String
        let status: String
        @Nullable var basisPoints: Int?
        @Nullable var amount: MoneyDTO?
        @Nullable var dueDate: LocalDate?
    }

    struct FixedPrice: Encodable, Sendable {
        @Nullable var contractAmount: MoneyDTO?
        let milestones: [Milestone]
        let invoiced: MoneyDTO
    }

    let asOf: LocalDate
    let counts: String
    let budget: ProjectBudgetDTO
    let burn: Burn
    let forecast: Forecast
    let tasks: [Line]
    let people: [Line]
    @Nullable var fixedPrice: FixedPrice?

    init(_ report: ProjectBudgetReport) {
        let currency = report.budget.currency
        let value = report.showsValue
        func money(_ minor: Int64) -> MoneyDTO { MoneyDTO(Money(amountMinor: minor, currency: currency)) }
        asOf = report.asOf
        counts = Self.counts
        budget = ProjectBudgetDTO(report.budget)
        burn = Burn(weeklyTime: DurationDTO(report.forecast.weeklyBurnMinutes), weeklyValue: value ? money(report.forecast.weeklyBurnMinor) : nil)
        let forecast = report.forecast
        let inMoney = forecast.basis == .budgetMoney
        // A money forecast is a value at rates: hidden with them.
        let shown = value || !inMoney
        self.forecast = Forecast(
            basis: shown ? forecast.basis?.rawValue : nil,
            remainingTime: shown && !inMoney ? forecast.remaining.map(DurationDTO.init) : nil,
            remainingAmount: value && inMoney ? forecast.remaining.map(money) : nil,
            completionDate: shown ? forecast.completionDate : nil,
            amountAtCompletion: value ? forecast.amountAtCompletionMinor.map(money) : nil)
        func line(_ item: BudgetBreakdownLine) -> Line {
            Line(
                id: item.id, name: item.name, time: DurationDTO(item.minutes), estimated: item.estimatedMinutes.map(DurationDTO.init),
                value: value ? money(item.valueMinor) : nil, cost: report.showsCost ? money(item.costMinor) : nil,
                unknownCostEntries: report.showsCost ? item.unknownCostEntries : nil)
        }
        tasks = report.breakdown.filter { $0.kind == .task }.map(line)
        people = report.breakdown.filter { $0.kind == .person }.map(line)
        fixedPrice = report.fixedPrice.map { progress in
            FixedPrice(
                contractAmount: progress.contractAmount.map(MoneyDTO.init),
                milestones: progress.milestones.map { milestone in
                    let amount: Money? =
                        switch milestone.share {
                        case .fixed(let amount): amount
                        case .percentage: milestone.deliveredAmount
                        }
                    return Milestone(
                        milestoneId: milestone.id, name: milestone.name, status: milestone.status.rawValue,
                        basisPoints: milestone.share.basisPoints, amount: amount.map(MoneyDTO.init), dueDate: milestone.dueDate)
                },
                invoiced: MoneyDTO(progress.invoiced))
        }
    }

    /// One row per figure: the budget lines, burn, forecast, tasks, people, milestones.
    static func csv(_ dto: BudgetReportDTO) -> CSVWriter {
        var writer = CSVWriter(header: ["as_of", "project_id", "section", "id", "name", "hours", "amount", "currency", "cost", "detail"])
        let project = dto.budget.projectId.description
        let currency = dto.budget.currency
        let minor = (try? Currency(currency)) ?? .eur
        func amount(_ money: MoneyDTO?) -> String { money.map { ReportResponse.amount($0.amountMinor, minor) } ?? "" }
        func row(_ section: String, _ id: String, _ name: String, _ hours: String?, _ money: MoneyDTO?, cost: MoneyDTO? = nil, _ detail: String = "") {
            writer.append([dto.asOf.description, project, section, id, name, hours ?? "", amount(money), currency, amount(cost), detail])
        }
        for (name, figure) in [
            ("baseline", dto.budget.baseline), ("changes", dto.budget.changesTotal), ("current", dto.budget.current),
            ("consumed", dto.budget.consumed), ("remaining", dto.budget.remaining),
        ] {
            row("budget", "", name, figure.hours, figure.amount)
        }
        row("burn", "", "per_week", dto.burn.weeklyTime.hours, dto.burn.weeklyValue)
        row(
            "forecast", "", "at_completion", dto.forecast.remainingTime?.hours, dto.forecast.amountAtCompletion,
            "basis=\(dto.forecast.basis ?? "") completion_date=\(dto.forecast.completionDate?.description ?? "")")
        for task in dto.tasks { row("task", task.id, task.name, task.time.hours, task.value, cost: task.cost) }
        for person in dto.people { row("person", person.id, person.name, person.time.hours, person.value, cost: person.cost) }
        if let fixed = dto.fixedPrice {
            row("fixed_price", "", "contract", nil, fixed.contractAmount)
            row("fixed_price", "", "invoiced", nil, fixed.invoiced)
            for milestone in fixed.milestones { row("milestone", milestone.milestoneId.description, milestone.name, nil, milestone.amount, milestone.status) }
        }
        return writer
    }
}
