import Domain
import Foundation
import Services

/// A project in the client portal: its budget progress (hours, and money billed, as
/// `BudgetService` lets the client see it) and its validation requests.
struct PortalProjectView: Sendable {
    struct Validation: Sendable {
        let id: String
        let project: String
        let kind: String
        let period: String
        let status: String
        let pending: Bool
        let openLabel: String
    }

    let id: String
    let name: String
    let code: String
    let hasBudget: Bool
    let budgetHours: String
    let consumedHours: String
    let remainingHours: String
    /// Consumed in per cent of the current budget, for the `<meter>` (0…100, capped).
    let percent: Int
    let percentText: String
    let over: Bool
    let consumedAmount: String
    let hasAmount: Bool
    let budgetAmount: String
    let meterLabel: String
    let validations: [Validation]
    let hasValidations: Bool
    let chart: HorizontalBarChart
    /// The burn over time (one, on a project's own page; none in lists).
    var burn: [BudgetBurnView] = []
    /// The milestones in plan order with their states (on a project's own page; none in lists).
    /// (Stored, not computed: the templates read a value's stored properties only.)
    var milestones: [Milestone] = [] {
        didSet { hasMilestones = !milestones.isEmpty }
    }
    private(set) var hasMilestones = false

    /// A milestone as its client sees it: the amount only when ``MilestoneService`` shows
    /// the caller money.
    struct Milestone: Sendable {
        let name: String
        let due: String
        let amount: String
        let status: String

        init(_ view: MilestoneView, language: ClientLanguage) {
            name = view.milestone.name
            due = view.milestone.dueDate?.description ?? ""
            amount = view.amount.map { language.money($0) } ?? ""
            status = ConsoleCatalog.text("milestone_status_\(view.milestone.status.rawValue)", language)
        }
    }

    init(_ project: Project, budget: BudgetReport, validations records: [ValidationRecord], language: ClientLanguage) {
        let text = { (key: String) in ConsoleCatalog.text(key, language) }
        id = project.id.description
        name = project.name
        code = project.code
        let current = budget.current.minutes ?? 0
        let consumed = budget.consumed.minutes ?? 0
        hasBudget = current > 0
        budgetHours = WeekPageView.clock(current)
        consumedHours = WeekPageView.clock(consumed)
        remainingHours = WeekPageView.clock(max(0, budget.remaining.minutes ?? (current - consumed)))
        let exact = current > 0 ? consumed * 100 / current : 0
        percent = min(100, exact)
        percentText = "\(exact)%"
        over = current > 0 && consumed > current
        consumedAmount = budget.consumed.amount.map { language.money($0) } ?? ""
        budgetAmount = budget.current.amount.map { language.money($0) } ?? ""
        hasAmount = budget.consumed.amount != nil
        meterLabel = ConsoleCatalog.format("portal_meter", language, project.name)
        validations = records.map { record in
            let period = [record.periodFrom, record.periodTo].compactMap { $0?.description }.joined(separator: " – ")
            let kind = text("validation_kind_\(record.kind.rawValue)")
            return Validation(
                id: record.id.description, project: project.name, kind: kind, period: period, status: text("validation_status_\(record.status.rawValue)"),
                pending: record.status == .pending, openLabel: "\(text("portal_open_validation")) \(kind) \(project.name) \(period)")
        }
        hasValidations = !records.isEmpty
        chart = BudgetChart.make(budget, projectID: project.id.description, name: project.name, language: language)
    }
}

/// The budget in hours as a horizontal bar chart (baseline, accepted changes, current
/// budget, consumed, remaining).
enum BudgetChart {
    static func make(_ budget: BudgetReport, projectID: String, name: String, language: ClientLanguage) -> HorizontalBarChart {
        let figures: [(kind: String, minutes: Int?)] = [
            ("baseline", budget.baseline.minutes), ("changes", budget.changesTotal.minutes), ("current", budget.current.minutes),
            ("consumed", budget.consumed.minutes), ("remaining", budget.remaining.minutes),
        ]
        let shown = figures.compactMap { figure in figure.minutes.map { (kind: figure.kind, minutes: $0) } }
        return HorizontalBarChart(
            id: projectID, title: ConsoleCatalog.format("chart_title", language, name), unit: ConsoleCatalog.text("chart_hours", language),
            figures: shown.map {
                HorizontalBarChart.Figure(
                    kind: $0.kind, label: ConsoleCatalog.text("chart_\($0.kind)", language), value: "\(WeekPageView.clock($0.minutes)) h",
                    magnitude: Int64($0.minutes))
            })
    }
}

/// The hours of a timesheet validation request, from the same canonical content the
/// signed link shows (``ValidationPageView``), with a dispute checkbox per entry.
struct PortalTimesheet: Sendable {
    struct Task: Sendable {
        let name: String
        let hours: String
    }

    struct Entry: Sendable {
        let id: String
        let date: String
        let person: String
        let task: String
        let hours: String
        let note: String
        let label: String
    }

    let tasks: [Task]
    let totalHours: String
    let entries: [Entry]

    init?(_ record: ValidationRecord, language: ClientLanguage) {
        guard let page = ValidationPageView(record, language: language) else { return nil }
        tasks = page.tasks.map { Task(name: $0.name, hours: $0.hours) }
        totalHours = page.totalHours
        entries = page.taskDetails.flatMap { task in
            task.entries.map {
                Entry(id: $0.id, date: $0.date, person: $0.person, task: task.name, hours: $0.hours, note: $0.note, label: $0.disputeLabel)
            }
        }
    }
}
