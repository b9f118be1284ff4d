import Domain
import Foundation
import Hummingbird
import Services

/// `GET /api/v1/projects/{id}/summary?period=week|month&date=YYYY-MM-DD` (issue 14 item
/// 6): the progress summary the client's contacts get by e-mail, in their account —
/// for whoever may see the project's budget, with the same figures as
/// `GET /projects/{id}/budget`.
struct ProjectSummaryController {
    let summaries: ProjectSummaryService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/projects/{id}/summary", use: get)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var reader = QueryReader(request)
        let kind: SummaryPeriod.Kind = reader.choice("period") ?? .week
        let day = reader.calendarDate("date")
        try reader.throwIfInvalid()
        let summary = try await summaries.summary(try context.pathID(entity: "project"), kind: kind, day: day, caller: context.caller)
        return try JSONBody.response(ProjectSummaryDTO(summary, forClient: context.caller.user.role == .client))
    }
}

struct ProjectSummaryDTO: Encodable, Sendable {
    struct ProjectRef: Encodable, Sendable {
        let id: ProjectID
        let name: String
        let code: String
    }

    struct PeriodDTO: Encodable, Sendable {
        let kind: String
        let from: LocalDate
        let to: LocalDate
    }

    struct HoursDTO: Encodable, Sendable {
        let minutes: Int
        let hours: String
        let billableMinutes: Int
        let billableHours: String

        init(minutes: Int, billable: Int) {
            self.minutes = minutes
            hours = WorkHours.decimalString(fromMinutes: minutes)
            billableMinutes = billable
            billableHours = WorkHours.decimalString(fromMinutes: billable)
        }
    }

    struct MilestoneRef: Encodable, Sendable {
        let id: MilestoneID
        let name: String
        let status: String
        @Nullable var dueDate: LocalDate?
    }

    struct ValidationRef: Encodable, Sendable {
        let id: ValidationID
        let kind: String
        @Nullable var periodFrom: LocalDate?
        @Nullable var periodTo: LocalDate?
        let requestedAt: Date
        /// Where a client contact decides it in their account (`/portal/validations/{id}`);
        /// null for staff. Signed links go out by e-mail only.
        @Nullable var portalPath: String?
    }

    struct InvoiceRef: Encodable, Sendable {
        let id: InvoiceID
        @Nullable var number: String?
        @Nullable var dueDate: LocalDate?
        let status: String
        let balance: MoneyDTO
    }

    let project: ProjectRef
    let period: PeriodDTO
    let hoursThisPeriod: HoursDTO
    let hoursToDate: HoursDTO
    let budget: ProjectBudgetDTO
    /// The retainer period running at the end of the period (null without a retainer).
    @Nullable var retainer: RetainerPeriodDTO?
    let milestones: [MilestoneRef]
    let pendingValidations: [ValidationRef]
    @Nullable var unpaidInvoices: [InvoiceRef]?

    init(_ summary: ProjectSummary, forClient: Bool) {
        project = ProjectRef(id: summary.project.id, name: summary.project.name, code: summary.project.code)
        period = PeriodDTO(kind: summary.period.kind.rawValue, from: summary.period.from, to: summary.period.to)
        hoursThisPeriod = HoursDTO(minutes: summary.hours.periodMinutes, billable: summary.hours.periodBillableMinutes)
        hoursToDate = HoursDTO(minutes: summary.hours.toDateMinutes, billable: summary.hours.toDateBillableMinutes)
        budget = ProjectBudgetDTO(summary.budget)
        retainer = summary.retainer.map(RetainerPeriodDTO.init)
        milestones = summary.milestones.map { MilestoneRef(id: $0.id, name: $0.name, status: $0.status.rawValue, dueDate: $0.dueDate) }
        pendingValidations = summary.pendingValidations.map {
            ValidationRef(
                id: $0.id, kind: $0.kind.rawValue, periodFrom: $0.periodFrom, periodTo: $0.periodTo, requestedAt: $0.requestedAt,
                portalPath: forClient ? "/portal/validations/\($0.id)" : nil)
        }
        unpaidInvoices = summary.unpaidInvoices?.map {
            InvoiceRef(
                id: $0.invoice.id, number: $0.invoice.issue?.number, dueDate: $0.invoice.dueDate, status: $0.status.rawValue,
                balance: MoneyDTO($0.balance))
        }
    }
}
