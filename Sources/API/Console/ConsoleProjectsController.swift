import Domain
import Foundation
import Hummingbird
import Services

/// The manager's projects (issue 19 item 3): the list, and one project's budget burn,
/// milestones (deliver), change requests (draft, quote) and retainer periods; plus the
/// missing-time list of their teams. Each page is a view of the services the API's
/// `/projects`, `/milestones`, `/change-requests`, `/retainers` and
/// `/reports/missing-time` call, under the same `Policy`.
struct ConsoleProjectsController {
    let projects: ProjectService
    let budgets: BudgetService
    let milestones: MilestoneService
    let changeRequests: ChangeRequestService
    let retainers: RetainerService
    let time: TimeEntryService
    let clock: any WallClock
    let publicURL: String
    let session: ConsoleSession

    func register(on app: RouterGroup<AuthenticatedContext>) {
        app.get("/app/projects", use: list)
        app.get("/app/projects/{id}", use: show)
        app.post("/app/projects/{id}/milestones/{milestone}/deliver", use: deliver)
        app.post("/app/projects/{id}/change-requests", use: draftChange)
        app.post("/app/projects/{id}/change-requests/{change}/quote", use: quote)
        app.get("/app/missing-time", use: missingTime)
    }

    struct ListPage: Sendable {
        let projects: [ProjectRow]
        let hasProjects: Bool
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let console = ConsoleRequest(request, caller: context.caller, session: session)
        let visible = try await projects.list(ProjectQuery(limit: 200), caller: context.caller)
        let rows = visible.map { ProjectRow($0, language: console.language) }
        return try console.render("console-projects", titleKey: "projects_title", section: "projects", page: ListPage(projects: rows, hasProjects: !rows.isEmpty))
    }

    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let project = try await projects.get(try context.pathID(entity: "project"), caller: caller)
        let budget = try await budgets.budget(of: project.id, caller: caller)
        let planned = try await milestones.list(MilestoneQuery(projectID: project.id, limit: 200), caller: caller)
        let changes = try await changeRequests.list(ChangeRequestQuery(projectID: project.id, limit: 200), caller: caller)
        let retainer = try await retainerPeriods(project.id, caller: caller)
        var page = ProjectPageView(project, budget: budget, milestones: planned, changes: changes, retainer: retainer, language: console.language)
        let burn = try await budgets.burn(of: project.id, report: budget, today: LocalDate.of(clock.now(), timeZone: caller.user.timeZone))
        page.overview.burn = [BudgetBurnView(burn, projectID: project.id.description, name: project.name, language: console.language)]
        return try console.render("console-project", titleKey: "project_title", section: "projects", page: page, extraTitle: project.name)
    }

    /// The project's retainer periods through today; nil when it has no retainer.
    func retainerPeriods(_ id: ProjectID, caller: Caller) async throws -> RetainerPeriodsView? {
        do {
            return try await retainers.periods(id, through: nil, caller: caller)
        } catch DomainError.notFound(entity: "retainer") {
            return nil
        }
    }

    /// Delivers a milestone: the client's contacts find its validation in their portal;
    /// the signed link, for a contact without an account, is shown once in the message.
    @Sendable func deliver(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let projectID: ProjectID = try context.pathID(entity: "project")
        let id: MilestoneID = try context.pathID("milestone", entity: "milestone")
        _ = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/projects/\(projectID)"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            let milestone = try await milestones.get(id, caller: context.caller)
            // A milestone of another project under this path is not found, as in the API.
            guard milestone.milestone.projectID == projectID else { throw DomainError.notFound(entity: "milestone") }
            let delivered = try await milestones.deliver(id, expiresInHours: ValidationRecord.defaultLinkHours, caller: context.caller)
            return Flash(.ok, ConsoleCatalog.format("project_delivered", language, delivered.view.milestone.name, SignedLink.url(publicURL, token: delivered.issued.token)))
        }
    }

    /// Drafts a change request, as `POST /api/v1/projects/{id}/change-requests`: `title`,
    /// `description`, `estimated_hours` (decimal), `pricing` (`fixed` with `amount`, or
    /// `hourly` with `hourly_rate`, decimals in the project's currency).
    @Sendable func draftChange(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let projectID: ProjectID = try context.pathID(entity: "project")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/projects/\(projectID)"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            let project = try await projects.get(projectID, caller: context.caller)
            guard let pricing = ChangeRequest.Pricing(rawValue: try form.required("pricing")) else {
                throw DomainError.invalid(field: "pricing", message: "Choose fixed or hourly.")
            }
            let number = { (name: String) -> String? in
                guard let text = form[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
                return ConsoleExpensesController.decimal(text, language: language)
            }
            let amount = try number("amount").map { try Money(parsing: $0, currency: project.currency, field: "amount") }
            let new = NewChangeRequest(
                title: try form.required("title"), description: form["description"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
                estimate: number("estimated_hours").map { .hours($0) }, pricing: pricing,
                amount: pricing == .fixed ? amount.map { AmountInput(amountMinor: $0.amountMinor, currency: nil) } : nil,
                hourlyRate: pricing == .hourly ? number("hourly_rate") : nil)
            let drafted = try await changeRequests.create(new, in: projectID, caller: context.caller)
            return Flash(.ok, ConsoleCatalog.format("project_change_drafted", language, "CR-\(drafted.change.number)", drafted.change.title))
        }
    }

    /// Quotes a drafted change request to the client, like delivering a milestone.
    @Sendable func quote(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let projectID: ProjectID = try context.pathID(entity: "project")
        let id: ChangeRequestID = try context.pathID("change", entity: "change request")
        _ = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/projects/\(projectID)"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            let change = try await changeRequests.get(id, caller: context.caller)
            guard change.change.projectID == projectID else { throw DomainError.notFound(entity: "change request") }
            let quoted = try await changeRequests.quote(id, expiresInHours: ValidationRecord.defaultLinkHours, caller: context.caller)
            return Flash(.ok, ConsoleCatalog.format("project_quoted", language, "CR-\(quoted.view.change.number)", SignedLink.url(publicURL, token: quoted.issued.token)))
        }
    }

    /// The working days of a week (the current one by default, `?date=` another) on which
    /// the caller's people logged nothing.
    @Sendable func missingTime(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let console = ConsoleRequest(request, caller: context.caller, session: session)
        var query = QueryReader(request)
        let dateText = query.text("date", maxLength: 32)
        try query.throwIfInvalid()
        let day = try dateText.map { try LocalDate.parse($0, field: "date") } ?? LocalDate.of(clock.now())
        let week = try LocalDate.weekContaining(day)
        let report = try await time.missingTime(from: week.lowerBound, to: week.upperBound, teamID: nil, caller: context.caller)
        let page = MissingTimePageView(report, week: week)
        return try console.render("console-missing-time", titleKey: "missing_title", section: "missing", page: page, extraTitle: page.weekLabel)
    }
}
