import Domain
import Foundation
import Services

/// A project on the wire. Durations are given in minutes and, for reading, as hours
/// with two decimals; amounts as money objects. A budget the caller may not see
/// (SPEC §3 row 8) is null, like one that is not set.
struct ProjectDTO: Encodable, Sendable {
    let id: ProjectID
    let clientId: ClientID
    let teamId: TeamID
    let name: String
    let code: String
    let status: ProjectStatus
    let billingModel: BillingModel
    let currency: String
    @Nullable var budgetMinutes: Int?
    @Nullable var budgetHours: String?
    @Nullable var budgetAmount: MoneyDTO?
    @Nullable var estimatedMinutes: Int?
    @Nullable var estimatedHours: String?
    @Nullable var contractAmount: MoneyDTO?
    @Nullable var plannedExpenses: MoneyDTO?
    let requiresClientValidation: Bool
    /// `none`, `weekly` or `monthly`.
    let summaryFrequency: String
    let version: Int
    let createdAt: Date

    init(_ project: Project) {
        summaryFrequency = SummaryFrequencyChoice(project.summaryFrequency).rawValue
        id = project.id
        clientId = project.clientID
        teamId = project.teamID
        name = project.name
        code = project.code
        status = project.status
        billingModel = project.billingModel
        currency = project.currency.code
        budgetMinutes = project.budgetMinutes
        budgetHours = project.budgetMinutes.map(WorkHours.decimalString(fromMinutes:))
        budgetAmount = project.budgetAmount.map(MoneyDTO.init)
        estimatedMinutes = project.estimatedMinutes
        estimatedHours = project.estimatedMinutes.map(WorkHours.decimalString(fromMinutes:))
        contractAmount = project.contractAmount.map(MoneyDTO.init)
        plannedExpenses = project.plannedExpenses.map(MoneyDTO.init)
        requiresClientValidation = project.requiresClientValidation
        version = project.version
        createdAt = project.createdAt
    }
}

/// A task of a project on the wire. Its rates are at `/projects/{id}/rates` (admin).
struct TaskDTO: Encodable, Sendable {
    let id: TaskID
    let projectId: ProjectID
    let name: String
    let billable: Bool
    @Nullable var estimatedMinutes: Int?
    @Nullable var estimatedHours: String?
    /// The task's own VAT rate; null = the agency's standard rate.
    @Nullable var vatRateBp: Int?
    let archived: Bool
    let version: Int
    let createdAt: Date

    init(_ task: ProjectTask) {
        id = task.id
        projectId = task.projectID
        name = task.name
        billable = task.isBillable
        estimatedMinutes = task.estimatedMinutes
        estimatedHours = task.estimatedMinutes.map(WorkHours.decimalString(fromMinutes:))
        vatRateBp = task.vatRateBP
        archived = task.isArchived
        version = task.version
        createdAt = task.createdAt
    }
}
