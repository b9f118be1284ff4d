import Domain
import Foundation
import Services

/// A row of the staff's project list.
struct ProjectRow: Sendable {
    let id: String
    let name: String
    let code: String
    let model: String
    let status: String
    let openLabel: String

    init(_ project: Project, language: ClientLanguage) {
        id = project.id.description
        name = project.name
        code = project.code
        model = ConsoleCatalog.text("billing_model_\(project.billingModel.rawValue)", language)
        status = ConsoleCatalog.text("project_status_\(project.status.rawValue)", language)
        openLabel = ConsoleCatalog.format("projects_open", language, project.name)
    }
}

/// A project as its manager works on it (issue 19 item 3): the budget burn the client
/// sees (``PortalProjectView``: baseline, accepted changes, consumed, remaining, and
/// the chart), then the milestones to deliver, the change requests to quote and,
/// for a retainer, the consumption of each period.
struct ProjectPageView: Sendable {
    struct MilestoneRow: Sendable {
        let id: String
        let name: String
        let due: String
        let amount: String
        let status: String
        /// Planned or rejected: it can be delivered (again).
        let deliverable: Bool
        let deliverLabel: String
    }

    struct ChangeRow: Sendable {
        let id: String
        let number: String
        let title: String
        let hours: String
        let amount: String
        let status: String
        let quotable: Bool
        let quoteLabel: String
    }

    struct PeriodRow: Sendable {
        let period: String
        let included: String
        let consumed: String
        let remaining: String
        let overage: String
        let over: Bool
    }

    var overview: PortalProjectView
    let model: String
    let milestones: [MilestoneRow]
    let hasMilestones: Bool
    let changes: [ChangeRow]
    let hasChanges: Bool
    /// Shows the draft form to those the budget shows in full (the project's managers);
    /// the service decides again on the post.
    let canDraftChange: Bool
    let isRetainer: Bool
    let periods: [PeriodRow]
    let hasPeriods: Bool
    /// The periods as a chart; empty without periods (a mustache section).
    let retainerChart: [RetainerChartView]

    init(
        _ project: Project, budget: BudgetReport, milestones: [MilestoneView], changes: [ChangeRequestView], retainer: RetainerPeriodsView?,
        language: ClientLanguage
    ) {
        let text = { (key: String) in ConsoleCatalog.text(key, language) }
        overview = PortalProjectView(project, budget: budget, validations: [], language: language)
        model = text("billing_model_\(project.billingModel.rawValue)")
        self.milestones = milestones.map { view in
            let milestone = view.milestone
            return MilestoneRow(
                id: milestone.id.description, name: milestone.name, due: milestone.dueDate?.description ?? "",
                amount: view.amount.map { language.money($0) } ?? "", status: text("milestone_status_\(milestone.status.rawValue)"),
                deliverable: milestone.status == .planned || milestone.status == .rejected,
                deliverLabel: ConsoleCatalog.format("project_deliver_label", language, milestone.name))
        }
        hasMilestones = !milestones.isEmpty
        self.changes = changes.map { view in
            let change = view.change
            return ChangeRow(
                id: change.id.description, number: "CR-\(change.number)", title: change.title,
                hours: change.estimatedMinutes.map { WeekPageView.clock($0) } ?? "", amount: view.amount.map { language.money($0) } ?? "",
                status: text("change_status_\(change.status.rawValue)"), quotable: change.status == .draft,
                quoteLabel: ConsoleCatalog.format("project_quote_label", language, "CR-\(change.number) \(change.title)"))
        }
        hasChanges = !changes.isEmpty
        canDraftChange = budget.detail == .full
        isRetainer = retainer != nil
        periods = (retainer?.periods ?? []).map { period in
            let usage = period.usage
            return PeriodRow(
                period: "\(usage.period.start) – \((try? usage.period.endExclusive.adding(days: -1))?.description ?? "")",
                included: WeekPageView.clock(usage.includedMinutes), consumed: WeekPageView.clock(usage.consumedMinutes),
                remaining: WeekPageView.clock(usage.remainingMinutes), overage: WeekPageView.clock(usage.overageMinutes),
                over: usage.overageMinutes > 0)
        }
        hasPeriods = !periods.isEmpty
        retainerChart = (retainer?.periods).flatMap { $0.isEmpty ? nil : $0 }.map {
            [RetainerChartView($0, projectID: project.id.description, name: project.name, language: language)]
        } ?? []
    }
}

/// The missing-time list of the caller's teams (issue 19 item 3): who logged nothing on
/// which working day of the week shown.
struct MissingTimePageView: Sendable {
    struct Line: Sendable {
        let name: String
        let email: String
        let days: String
        let count: Int
    }

    let weekLabel: String
    let previous: String
    let next: String
    let workingDays: Int
    let lines: [Line]
    let hasLines: Bool

    init(_ report: MissingTimeReport, week: ClosedRange<LocalDate>) {
        weekLabel = "\(week.lowerBound) – \(week.upperBound)"
        previous = (try? week.lowerBound.adding(days: -7))?.description ?? week.lowerBound.description
        next = (try? week.lowerBound.adding(days: 7))?.description ?? week.lowerBound.description
        workingDays = report.workingDays
        lines = report.lines.map { line in
            Line(name: line.user.name, email: line.user.email, days: line.missingDates.map(\.description).joined(separator: ", "), count: line.missingDates.count)
        }
        hasLines = !lines.isEmpty
    }
}
