import Domain
import Foundation
import Hummingbird
import Services

/// A project's client validation requests for its managers (issue 19 item 3): the list
/// with each request's state, asking the client to validate a period, and a new signed
/// link for a request still waiting — the link is shown once, in the message after the
/// form. `ClientValidationService`, as `/api/v1/projects/{id}/validations` and
/// `/api/v1/validations/{id}/link`, under the same `Policy`.
struct ConsoleValidationsController {
    let projects: ProjectService
    let validations: ClientValidationService
    let clock: any WallClock
    let publicURL: String
    let session: ConsoleSession

    func register(on app: RouterGroup<AuthenticatedContext>) {
        app.get("/app/projects/{id}/validations", use: show)
        app.post("/app/projects/{id}/validations", use: create)
        app.post("/app/projects/{id}/validations/{validation}/link", use: reissue)
    }

    struct Row: Sendable {
        let id: String
        let kind: String
        let period: String
        let status: String
        let requested: String
        let linkExpires: String
        let pending: Bool
        let linkLabel: String
    }

    struct Page: Sendable {
        let projectID: String
        let projectName: String
        let rows: [Row]
        let hasRows: Bool
        let from: String
        let to: String
    }

    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let project = try await projects.get(try context.pathID(entity: "project"), caller: caller)
        let records = try await validations.list(project: project.id, ValidationQuery(limit: 200), caller: caller)
        let rows = records.map { record in
            let period = [record.periodFrom, record.periodTo].compactMap { $0?.description }.joined(separator: " – ")
            let kind = console.text("validation_kind_\(record.kind.rawValue)")
            return Row(
                id: record.id.description, kind: kind, period: period, status: console.text("validations_status_\(record.status.rawValue)"),
                requested: HTMLPage.humanTime(record.requestedAt), linkExpires: record.linkExpiresAt.map(HTMLPage.humanTime) ?? "",
                pending: record.status == .pending, linkLabel: "\(console.text("validations_new_link")) — \(kind) \(period)")
        }
        // The last whole week, the usual request.
        let lastWeek = try LocalDate.weekContaining(try LocalDate.of(clock.now(), timeZone: caller.user.timeZone).adding(days: -7))
        let page = Page(
            projectID: project.id.description, projectName: project.name, rows: rows, hasRows: !rows.isEmpty,
            from: lastWeek.lowerBound.description, to: lastWeek.upperBound.description)
        return try console.render("console-validations", titleKey: "validations_title", section: "projects", page: page, extraTitle: project.name)
    }

    /// `from`, `to`: the period whose approved time and rechargeable expenses the client validates.
    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let projectID: ProjectID = try context.pathID(entity: "project")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/projects/\(projectID)/validations"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            let from = try LocalDate.parse(form["from"] ?? "", field: "from")
            let to = try LocalDate.parse(form["to"] ?? "", field: "to")
            let issued = try await validations.request(
                project: projectID, from: from, to: to, expiresInHours: ValidationRecord.defaultLinkHours, caller: context.caller)
            return Flash(.ok, ConsoleCatalog.format("validations_requested", language, SignedLink.url(publicURL, token: issued.token)))
        }
    }

    @Sendable func reissue(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let projectID: ProjectID = try context.pathID(entity: "project")
        let id: ValidationID = try context.pathID("validation", entity: "validation")
        _ = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/projects/\(projectID)/validations"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            // A request of another project under this path is not found, as for milestones.
            let listed = try await validations.list(project: projectID, ValidationQuery(limit: 200), caller: context.caller)
            guard listed.contains(where: { $0.id == id }) else { throw DomainError.notFound(entity: "validation") }
            let issued = try await validations.reissueLink(id, expiresInHours: ValidationRecord.defaultLinkHours, caller: context.caller)
            return Flash(.ok, ConsoleCatalog.format("validations_relinked", language, SignedLink.url(publicURL, token: issued.token)))
        }
    }
}
