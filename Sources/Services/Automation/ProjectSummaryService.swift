public import Domain
import Foundation
public import Postgres
import Storage

/// A client progress summary of one project for one period (issue 14 item 6): hours of
/// the period and to date (billable apart), the budget exactly as
/// `GET /projects/{id}/budget` shows it to the same caller, milestone states, pending
/// validations, the retainer's period (for projects with a retainer) and unpaid invoices
/// (nil for members, who see no invoices).
public struct ProjectSummary: Sendable {
    public let project: Project
    public let period: SummaryPeriod
    public let hours: SummaryHours
    public let budget: BudgetReport
    /// The retainer period running at the end of the summary's period, exactly as
    /// `GET /projects/{id}/retainer/periods` shows it to the same caller (the overage's
    /// money only for those who see money); nil without a retainer or before it starts.
    public let retainer: RetainerPeriodView?
    public let milestones: [Milestone]
    public let pendingValidations: [ValidationRecord]
    public let unpaidInvoices: [InvoiceView]?
}

/// `GET /projects/{id}/summary` and the summaries e-mailed to the client's contacts, made
/// of the existing reads (budget, milestones, validations, invoices) with the caller's
/// own permissions: what a caller sees here is what they see on each resource.
public struct ProjectSummaryService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let budgets: BudgetService
    let invoices: InvoiceService
    let validations: ClientValidationService
    let retainers: RetainerService
    let projects = ProjectStore()
    let milestones = MilestoneStore()
    let store = SummaryStore()

    public init(pool: PostgresPool, clock: any WallClock, linkSecret: [UInt8]) {
        self.pool = pool
        self.clock = clock
        budgets = BudgetService(pool: pool)
        invoices = InvoiceService(pool: pool, clock: clock)
        validations = ClientValidationService(pool: pool, clock: clock, linkSecret: linkSecret)
        retainers = RetainerService(pool: pool, clock: clock)
    }

    /// The summary of the `kind` period containing `day` (default: today).
    public func summary(_ projectID: ProjectID, kind: SummaryPeriod.Kind, day: LocalDate?, caller: Caller) async throws -> ProjectSummary {
        // The budget read decides who may see the project (404/403 as on /budget).
        let budget = try await budgets.budget(of: projectID, caller: caller)
        guard let project = try await projects.find(projectID, on: pool) else { throw DomainError.notFound(entity: "project") }
        let period = SummaryPeriod(kind, containing: day ?? LocalDate.of(clock.now()))
        let hours = try await store.hours(project: projectID, from: period.from, to: period.to, on: pool)
        let milestones = try await milestones.list(MilestoneQuery(projectID: projectID, limit: 200), on: pool)
        let pending = try await validations.list(project: projectID, ValidationQuery(status: .pending, limit: 200), caller: caller)
        var unpaid: [InvoiceView]?
        if caller.user.role != .member {
            var query = InvoiceQuery()
            query.projectID = projectID
            query.issuedOnly = true
            query.limit = 200
            unpaid = try await invoices.list(query, caller: caller).filter { view in
                view.invoice.kind != .creditNote && [.issued, .partiallyPaid, .overdue].contains(view.status)
            }
        }
        var retainer: RetainerPeriodView?
        if try await RetainerStore().find(projectID, on: pool) != nil {
            retainer = try await retainers.periods(projectID, through: period.to, caller: caller).periods.last
        }
        return ProjectSummary(
            project: project, period: period, hours: hours, budget: budget, retainer: retainer, milestones: milestones,
            pendingValidations: pending, unpaidInvoices: unpaid)
    }

    /// The client's own view, for the summaries e-mailed to its contacts: read as an
    /// active `client` user of that client (no such account needs to exist; nothing is
    /// written in its name).
    static func clientView(_ clientID: ClientID, at: Date) -> Caller {
        Caller(
            user: User(
                id: .random(), email: "progress-summary@sheaf.invalid", name: "Progress summary", role: .client, isActive: true,
                clientID: clientID, timeZone: "UTC", version: 1, createdAt: at),
            sessionID: nil, origin: RequestOrigin(requestID: nil, clientAddress: "job"))
    }
}
