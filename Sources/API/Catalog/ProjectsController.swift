import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/projects`: projects (the admin manages all, a manager those of the teams
/// they lead; staff read their teams' and their own projects, a client contact their
/// client's). Members, tasks and rates have their own controllers.
struct ProjectsController {
    let projects: ProjectService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/projects", use: list)
        api.post("/projects", use: create)
        api.get("/projects/{id}", use: get)
        api.patch("/projects/{id}", use: update)
    }

    /// `GET /projects?client_id=&team_id=&status=&billing_model=&limit=&cursor=`, ordered by name.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var query = QueryReader(request)
        var filter = ProjectQuery()
        filter.clientID = query.id("client_id")
        filter.teamID = query.id("team_id")
        filter.status = query.choice("status")
        filter.billingModel = query.choice("billing_model")
        let page = query.page()
        filter.limit = page.limit
        if let key = page.after {
            if key.count == 2, let id = ProjectID(uuidString: key[1]) { filter.after = (key[0], id) } else { query.badCursor() }
        }
        try query.throwIfInvalid()
        let fetched = try await projects.list(filter, caller: caller)
        return try JSONBody.response(
            Page(fetched: fetched.map(ProjectDTO.init), limit: page.limit) { [$0.name.lowercased(), $0.id.description] })
    }

    enum FieldKey: String, CodingKey {
        case name, code, status, clientId, teamId, billingModel, budgetMinutes, budgetHours, budgetAmount, estimatedMinutes
        case estimatedHours, contractAmount, plannedExpenses, requiresClientValidation, summaryFrequency
    }

    /// `{"client_id", "team_id", "name", "code", "billing_model", …}`; budgets and the
    /// estimate in `_minutes` or `_hours`, amounts as money objects in the client's currency.
    struct CreateRequest: Decodable {
        let project: NewProject

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: FieldKey.self)
            project = NewProject(
                clientID: try container.decode(ClientID.self, forKey: .clientId),
                teamID: try container.decode(TeamID.self, forKey: .teamId),
                name: try container.decode(String.self, forKey: .name),
                code: try container.decode(String.self, forKey: .code),
                billingModel: try container.decodeChoice(BillingModel.self, forKey: .billingModel),
                status: try container.decodeChoiceChange(ProjectStatus.self, forKey: .status),
                budget: try container.decodeDuration(minutes: .budgetMinutes, hours: .budgetHours),
                budgetAmount: try container.decodeAmount(forKey: .budgetAmount),
                estimate: try container.decodeDuration(minutes: .estimatedMinutes, hours: .estimatedHours),
                contractAmount: try container.decodeAmount(forKey: .contractAmount),
                plannedExpenses: try container.decodeAmount(forKey: .plannedExpenses),
                requiresClientValidation: try container.decodeOptional(Bool.self, forKey: .requiresClientValidation),
                summaryFrequency: try container.decodeChoiceChange(SummaryFrequencyChoice.self, forKey: .summaryFrequency)?.frequency)
        }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let body = try await JSONBody.decode(CreateRequest.self, from: request, context: context)
        let project = try await projects.create(body.project, caller: caller)
        return try JSONBody.created(ProjectDTO(project), location: "/api/v1/projects/\(project.id)", version: project.version)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let project = try await projects.get(try context.pathID(entity: "project"), caller: caller)
        var response = try JSONBody.response(ProjectDTO(project))
        response.setVersion(project.version)
        return response
    }

    /// Any field of a create but `client_id`; `null` clears a budget, estimate or amount.
    struct UpdateRequest: Decodable {
        let changes: ProjectChanges

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: FieldKey.self)
            if container.contains(.clientId) {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: [FieldKey.clientId], debugDescription: "cannot change: a project stays with its client"))
            }
            changes = ProjectChanges(
                teamID: try container.decodeChange(TeamID.self, forKey: .teamId),
                name: try container.decodeChange(String.self, forKey: .name),
                code: try container.decodeChange(String.self, forKey: .code),
                status: try container.decodeChoiceChange(ProjectStatus.self, forKey: .status),
                billingModel: try container.decodeChoiceChange(BillingModel.self, forKey: .billingModel),
                budget: try container.decodeDurationChange(minutes: .budgetMinutes, hours: .budgetHours),
                budgetAmount: try container.decodeAmountChange(forKey: .budgetAmount),
                estimate: try container.decodeDurationChange(minutes: .estimatedMinutes, hours: .estimatedHours),
                contractAmount: try container.decodeAmountChange(forKey: .contractAmount),
                plannedExpenses: try container.decodeAmountChange(forKey: .plannedExpenses),
                requiresClientValidation: try container.decodeChange(Bool.self, forKey: .requiresClientValidation),
                summaryFrequency: try container.decodeChoiceChange(SummaryFrequencyChoice.self, forKey: .summaryFrequency).map(\.frequency))
        }
    }

    /// `PATCH /projects/{id}` with `If-Match`; `"status"` moves it between active, on_hold and closed.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ProjectID = try context.pathID(entity: "project")
        let version = try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(UpdateRequest.self, from: request, context: context)
        let project = try await projects.update(id, changes: body.changes, expectedVersion: version, caller: caller)
        var response = try JSONBody.response(ProjectDTO(project))
        response.setVersion(project.version)
        return response
    }
}

/// `summary_frequency` on the wire: `none` (the default) or how often the client's
/// contacts get the progress summary by e-mail.
enum SummaryFrequencyChoice: String, CaseIterable, Decodable, Sendable {
    case none, weekly, monthly

    init(_ frequency: SummaryFrequency?) {
        switch frequency {
        case nil: self = .none
        case .weekly?: self = .weekly
        case .monthly?: self = .monthly
        }
    }

    var frequency: SummaryFrequency? {
        switch self {
        case .none: nil
        case .weekly: .weekly
        case .monthly: .monthly
        }
    }
}
