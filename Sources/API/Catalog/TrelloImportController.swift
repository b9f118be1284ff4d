import Domain
import Foundation
import Hummingbird
import Services

/// `POST /api/v1/imports/trello` (issue 16 item 1): a Trello board's JSON export as a
/// project's tasks, through a mapping given as query parameters (admin only). A dry
/// run unless `dry_run=false`.
struct TrelloImportController {
    let imports: TrelloImportService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.post("/imports/trello", use: importBoard)
    }

    struct ProjectDTO: Encodable {
        let id: ProjectID
        let name: String
        let code: String
        let created: Bool
    }

    struct TaskDTO: Encodable {
        let externalId: String
        let id: TaskID
        let name: String
        let outcome: String
        let status: String?
        let dueOn: LocalDate?
        let tags: [String]
        let assigneeIds: [UserID]
    }

    struct MemberDTO: Encodable {
        let id: String
        let name: String
        let cards: Int
    }

    struct ReportDTO: Encodable {
        let dryRun: Bool
        let projectsCreated: Int
        let tasksCreated: Int
        let tasksLinked: Int
        let tasksUnchanged: Int
        let skippedArchived: Int
        let projects: [ProjectDTO]
        let tasks: [TaskDTO]
        let unmatchedMembers: [MemberDTO]
    }

    /// `?project_id=…` or `?client_id=…&team_id=…[&project_name=…]`, then
    /// `[&lists=statuses|tasks][&include_archived=true][&dry_run=false]`; the body is
    /// the export (`application/json`, or the one file of a `multipart/form-data` body).
    @Sendable func importBoard(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var query = QueryReader(request)
        let projectID = query.id("project_id", as: ProjectID.self)
        let clientID = query.id("client_id", as: ClientID.self)
        let teamID = query.id("team_id", as: TeamID.self)
        let projectName = query.text("project_name")
        let lists = query.choice("lists", as: TrelloListMapping.self) ?? .statuses
        let includeArchived = query.bool("include_archived") ?? false
        let dryRun = query.bool("dry_run") ?? true
        if query.has("project_id") && (query.has("client_id") || query.has("team_id") || query.has("project_name")) {
            query.fail("project_id", "goes alone: client_id, team_id and project_name are for a new project")
        } else if !query.has("project_id") {
            if !query.has("client_id") { query.fail("client_id", "is required without project_id: the client of the project the board becomes") }
            if !query.has("team_id") { query.fail("team_id", "is required without project_id: the team that runs the project the board becomes") }
        }
        try query.throwIfInvalid()
        let target: TrelloImportOptions.Target
        if let projectID {
            target = .project(projectID)
        } else if let clientID, let teamID {
            target = .new(clientID: clientID, teamID: teamID, name: projectName)
        } else {
            throw DomainError.invalid(field: "project_id", message: "or client_id and team_id are required")
        }
        let file = try await Self.readExport(request, context: context)
        let report = try await imports.importBoard(
            file, options: TrelloImportOptions(target: target, lists: lists, includeArchived: includeArchived, dryRun: dryRun), caller: context.caller)
        let count = { (outcome: TrelloImportReport.Outcome) in report.tasks.filter { $0.outcome == outcome }.count }
        return try JSONBody.response(
            ReportDTO(
                dryRun: report.dryRun, projectsCreated: report.projectCreated ? 1 : 0, tasksCreated: count(.created), tasksLinked: count(.linked),
                tasksUnchanged: count(.unchanged), skippedArchived: report.skippedArchived,
                projects: [ProjectDTO(id: report.project.id, name: report.project.name, code: report.project.code, created: report.projectCreated)],
                tasks: report.tasks.map {
                    TaskDTO(
                        externalId: $0.plan.externalID, id: $0.taskID, name: $0.name, outcome: $0.outcome.rawValue, status: $0.plan.status,
                        dueOn: $0.plan.dueOn, tags: $0.plan.tags, assigneeIds: $0.plan.assignees)
                },
                unmatchedMembers: report.unmatched.map { MemberDTO(id: $0.id, name: $0.name, cards: $0.cards) }))
    }

    /// The export file: the JSON body itself, or the one file of a multipart body. Its
    /// size is bounded by SHEAF_MAX_IMPORT_BYTES (a larger one is a 413).
    static func readExport(_ request: Request, context: AuthenticatedContext) async throws -> Data {
        try await ImportUpload.file(
            request, context: context, accepting: ["application/json"],
            expected: "application/json (the board's JSON export), or multipart/form-data with one file"
        ).0
    }
}
