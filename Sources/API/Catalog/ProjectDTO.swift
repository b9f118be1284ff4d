import Domain
import Foundation

/// A project on the wire. Durations are given in minutes and, for reading, as hours
/// with two decimals; amounts as money objects. A budget the caller may not see
/// (SPEC §3 row 8) is null, like one that is not set.
struct ProjectDTO: Encodable, Sendable {
    let project: Project

    enum CodingKeys: String, CodingKey {
        case id, name, code, status, currency, version
        case clientID = "client_id"
        case teamID = "team_id"
        case billingModel = "billing_model"
        case budgetMinutes = "budget_minutes"
        case budgetHours = "budget_hours"
        case budgetAmount = "budget_amount"
        case estimatedMinutes = "estimated_minutes"
        case estimatedHours = "estimated_hours"
        case contractAmount = "contract_amount"
        case requiresClientValidation = "requires_client_validation"
        case createdAt = "created_at"
    }

    init(_ project: Project) {
        self.project = project
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(project.id, forKey: .id)
        try container.encode(project.clientID, forKey: .clientID)
        try container.encode(project.teamID, forKey: .teamID)
        try container.encode(project.name, forKey: .name)
        try container.encode(project.code, forKey: .code)
        try container.encode(project.status, forKey: .status)
        try container.encode(project.billingModel, forKey: .billingModel)
        try container.encode(project.currency.code, forKey: .currency)
        try container.encode(project.budgetMinutes, forKey: .budgetMinutes)
        try container.encode(project.budgetMinutes.map(WorkHours.decimalString(fromMinutes:)), forKey: .budgetHours)
        try container.encode(project.budgetAmount.map(MoneyDTO.init), forKey: .budgetAmount)
        try container.encode(project.estimatedMinutes, forKey: .estimatedMinutes)
        try container.encode(project.estimatedMinutes.map(WorkHours.decimalString(fromMinutes:)), forKey: .estimatedHours)
        try container.encode(project.contractAmount.map(MoneyDTO.init), forKey: .contractAmount)
        try container.encode(project.requiresClientValidation, forKey: .requiresClientValidation)
        try container.encode(project.version, forKey: .version)
        try container.encode(project.createdAt, forKey: .createdAt)
    }
}

/// A task of a project on the wire. Its rates are at `/projects/{id}/rates` (admin).
struct TaskDTO: Encodable, Sendable {
    let task: ProjectTask

    enum CodingKeys: String, CodingKey {
        case id, name, billable, archived, version
        case projectID = "project_id"
        case estimatedMinutes = "estimated_minutes"
        case estimatedHours = "estimated_hours"
        case createdAt = "created_at"
    }

    init(_ task: ProjectTask) {
        self.task = task
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(task.id, forKey: .id)
        try container.encode(task.projectID, forKey: .projectID)
        try container.encode(task.name, forKey: .name)
        try container.encode(task.isBillable, forKey: .billable)
        try container.encode(task.estimatedMinutes, forKey: .estimatedMinutes)
        try container.encode(task.estimatedMinutes.map(WorkHours.decimalString(fromMinutes:)), forKey: .estimatedHours)
        try container.encode(task.isArchived, forKey: .archived)
        try container.encode(task.version, forKey: .version)
        try container.encode(task.createdAt, forKey: .createdAt)
    }
}
