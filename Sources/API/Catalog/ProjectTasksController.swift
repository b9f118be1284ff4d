import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/projects/{id}/tasks`: the tasks (phases) of a project; read by whoever sees
/// the project, changed by whoever manages it (a task's rate only by the admin).
struct ProjectTasksController {
    let projects: ProjectService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/projects/{id}/tasks", use: list)
        api.post("/projects/{id}/tasks", use: create)
        api.get("/projects/{id}/tasks/{task_id}", use: get)
        api.patch("/projects/{id}/tasks/{task_id}", use: update)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let tasks = try await projects.tasks(of: try context.pathID(entity: "project"), caller: caller)
        return try JSONBody.response(["items": tasks.map(TaskDTO.init)])
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        let task = try await projects.task(try context.pathID("task_id", entity: "task"), of: projectID, caller: caller)
        var response = try JSONBody.response(TaskDTO(task))
        response.setVersion(task.version)
        return response
    }

    enum FieldKey: String, CodingKey {
        case name, billable, rate, archived, estimatedMinutes, estimatedHours, vatRateBp
    }

    /// `{"name", "billable", "rate", "estimated_hours", "vat_rate_bp"}` (or `estimated_minutes`);
    /// `billable` defaults to true; `rate` is decimal text with up to 4 decimals (admin
    /// only); `vat_rate_bp` (one of the agency's rates) defaults to the standard rate.
    struct CreateRequest: Decodable {
        let task: NewTask

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: FieldKey.self)
            if container.contains(.archived) {
                throw DecodingError.dataCorrupted(.init(codingPath: [FieldKey.archived], debugDescription: "a new task is never archived"))
            }
            task = NewTask(
                name: try container.decode(String.self, forKey: .name),
                isBillable: try container.decodeOptional(Bool.self, forKey: .billable),
                estimate: try container.decodeDuration(minutes: .estimatedMinutes, hours: .estimatedHours),
                rate: try container.decodeOptional(String.self, forKey: .rate),
                vatRateBP: try container.decodeOptionalWholeNumber(forKey: .vatRateBp))
        }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        let body = try await JSONBody.decode(CreateRequest.self, from: request, context: context)
        let task = try await projects.createTask(body.task, in: projectID, caller: caller)
        return try JSONBody.created(TaskDTO(task), location: "/api/v1/projects/\(projectID)/tasks/\(task.id)", version: task.version)
    }

    /// `{"name", "billable", "estimated_hours"|"estimated_minutes", "archived"}`; rates
    /// change through `/projects/{id}/rates` (effective-dated).
    struct UpdateRequest: Decodable {
        let changes: TaskChanges

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: FieldKey.self)
            if container.contains(.rate) {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: [FieldKey.rate], debugDescription: "changes through POST /projects/{id}/rates with task_id and effective_from"))
            }
            changes = TaskChanges(
                name: try container.decodeChange(String.self, forKey: .name),
                isBillable: try container.decodeChange(Bool.self, forKey: .billable),
                estimate: try container.decodeDurationChange(minutes: .estimatedMinutes, hours: .estimatedHours),
                isArchived: try container.decodeChange(Bool.self, forKey: .archived),
                vatRateBP: try container.decodeNullableWholeNumberChange(forKey: .vatRateBp))
        }
    }

    /// `PATCH /projects/{id}/tasks/{task_id}` with `If-Match`.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let projectID: ProjectID = try context.pathID(entity: "project")
        let taskID: TaskID = try context.pathID("task_id", entity: "task")
        let version = try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(UpdateRequest.self, from: request, context: context)
        let task = try await projects.updateTask(taskID, of: projectID, changes: body.changes, expectedVersion: version, caller: caller)
        var response = try JSONBody.response(TaskDTO(task))
        response.setVersion(task.version)
        return response
    }
}
