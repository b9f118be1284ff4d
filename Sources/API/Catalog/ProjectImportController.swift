import Domain
import Foundation
import Hummingbird
import Services

/// `POST /api/v1/imports/projects` (issue 16 item 2): projects and tasks from a Notion
/// database export, a Google Sheets or an Excel file, through a column mapping given
/// as `column_…` query parameters (admin only).
struct ProjectImportController {
    let imports: ProjectImportService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.post("/imports/projects", use: importProjects)
    }

    struct ProjectDTO: Encodable {
        let row: Int
        let id: ProjectID
        let name: String
        let code: String
        let created: Bool
    }

    struct TaskDTO: Encodable {
        let row: Int
        let projectId: ProjectID
        let id: TaskID
        let name: String
        let created: Bool
    }

    struct ReportDTO: Encodable {
        let dryRun: Bool
        let rows: Int
        let projectsCreated: Int
        let tasksCreated: Int
        let projects: [ProjectDTO]
        let tasks: [TaskDTO]
    }

    /// `?team_id=…&column_name=…[&column_client=…][&client_id=…][&locale=de][&dry_run=true]`;
    /// the body is the file (see ``ImportUpload``). Answers 200 with the report; a file
    /// with any problem imports nothing and answers 422 with every problem, each naming
    /// its row and column (`rows[3].Budget (h)`).
    @Sendable func importProjects(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var query = QueryReader(request)
        let teamID = query.id("team_id", as: TeamID.self)
        if !query.has("team_id") { query.fail("team_id", "is required: the team that runs the projects the import creates") }
        let clientID = query.id("client_id", as: ClientID.self)
        let locale = query.text("locale", maxLength: 35)
        let dryRun = query.bool("dry_run") ?? false
        let mapping = query.projectColumns()
        try query.throwIfInvalid()
        guard let teamID, let mapping else { throw DomainError.invalid(field: "team_id", message: "is required") }
        let upload = try await ImportUpload.read(request, context: context)
        let report = try await imports.importProjects(
            upload.data, isWorkbook: upload.isWorkbook,
            options: ProjectImportOptions(mapping: mapping, numbers: locale.map(NumberStyle.init(locale:)) ?? .undeclared, teamID: teamID, clientID: clientID, dryRun: dryRun),
            caller: context.caller)
        return try JSONBody.response(
            ReportDTO(
                dryRun: report.dryRun, rows: report.rows, projectsCreated: report.projects.filter(\.created).count,
                tasksCreated: report.tasks.filter(\.created).count,
                projects: report.projects.map { ProjectDTO(row: $0.row, id: $0.projectID, name: $0.projectName, code: $0.code, created: $0.created) },
                tasks: report.tasks.map { TaskDTO(row: $0.row, projectId: $0.projectID, id: $0.taskID, name: $0.name, created: $0.created) }))
    }
}

extension QueryReader {
    /// The `column_…` parameters of a projects import: `column_name` is required.
    mutating func projectColumns() -> ProjectImportMapping? {
        let name = text("column_name")
        if !has("column_name") { fail("column_name", "is required: the column holding each project's name") }
        var mapping = ProjectImportMapping(name: name ?? "")
        let optional: [(String, WritableKeyPath<ProjectImportMapping, String?>)] = [
            ("column_client", \.client), ("column_code", \.code), ("column_billing_model", \.billingModel), ("column_status", \.status),
            ("column_budget_hours", \.budgetHours), ("column_budget_amount", \.budgetAmount), ("column_task", \.task),
            ("column_task_billable", \.taskBillable), ("column_task_estimate_hours", \.taskEstimateHours),
        ]
        for (parameter, path) in optional { mapping[keyPath: path] = text(parameter) }
        return name == nil ? nil : mapping
    }
}
