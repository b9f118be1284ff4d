import Domain
import Foundation

/// Audit snapshots of clients, contacts, projects, tasks, memberships and project rates.
extension AuditJSON {
    private struct ClientSnapshot: Encodable {
        let id, name, billingAddress, vatID, currency: String
        let paymentTermsDays: Int
        let archived: Bool
        enum CodingKeys: String, CodingKey {
            case id, name, currency, archived
            case billingAddress = "billing_address"
            case vatID = "vat_id"
            case paymentTermsDays = "payment_terms_days"
        }
    }

    static func client(_ client: Client) throws -> String {
        try encode(
            ClientSnapshot(
                id: client.id.description, name: client.name, billingAddress: client.billingAddress, vatID: client.vatID,
                currency: client.currency.code, paymentTermsDays: client.paymentTermsDays, archived: client.isArchived))
    }

    private struct ContactSnapshot: Encodable {
        let id, clientID, name, email, phone, jobTitle: String
        let userID: String?
        enum CodingKeys: String, CodingKey {
            case id, name, email, phone
            case clientID = "client_id"
            case jobTitle = "job_title"
            case userID = "user_id"
        }
    }

    static func contact(_ contact: ClientContact) throws -> String {
        try encode(
            ContactSnapshot(
                id: contact.id.description, clientID: contact.clientID.description, name: contact.name, email: contact.email,
                phone: contact.phone, jobTitle: contact.jobTitle, userID: contact.userID?.description))
    }

    private struct ProjectSnapshot: Encodable {
        let id, clientID, teamID, name, code, status, billingModel, currency: String
        let budgetMinutes, estimatedMinutes: Int?
        let budgetAmountMinor, contractAmountMinor: Int64?
        let requiresClientValidation: Bool
        enum CodingKeys: String, CodingKey {
            case id, name, code, status, currency
            case clientID = "client_id"
            case teamID = "team_id"
            case billingModel = "billing_model"
            case budgetMinutes = "budget_minutes"
            case estimatedMinutes = "estimated_minutes"
            case budgetAmountMinor = "budget_amount_minor"
            case contractAmountMinor = "contract_amount_minor"
            case requiresClientValidation = "requires_client_validation"
        }
    }

    static func project(_ project: Project) throws -> String {
        try encode(
            ProjectSnapshot(
                id: project.id.description, clientID: project.clientID.description, teamID: project.teamID.description, name: project.name,
                code: project.code, status: project.status.rawValue, billingModel: project.billingModel.rawValue,
                currency: project.currency.code, budgetMinutes: project.budgetMinutes, estimatedMinutes: project.estimatedMinutes,
                budgetAmountMinor: project.budgetAmount?.amountMinor, contractAmountMinor: project.contractAmount?.amountMinor,
                requiresClientValidation: project.requiresClientValidation))
    }

    private struct TaskSnapshot: Encodable {
        let id, projectID, name: String
        let billable, archived: Bool
        let estimatedMinutes: Int?
        enum CodingKeys: String, CodingKey {
            case id, name, billable, archived
            case projectID = "project_id"
            case estimatedMinutes = "estimated_minutes"
        }
    }

    static func task(_ task: ProjectTask) throws -> String {
        try encode(
            TaskSnapshot(
                id: task.id.description, projectID: task.projectID.description, name: task.name, billable: task.isBillable,
                archived: task.isArchived, estimatedMinutes: task.estimatedMinutes))
    }

    static func projectMembership(project: ProjectID, user: UserID) throws -> String {
        try encode(["project_id": project.description, "user_id": user.description])
    }

    private struct ProjectRateSnapshot: Encodable {
        let id, projectID, level, effectiveFrom, rate, currency: String
        let userID, taskID: String?
        let rateScaled: Int64
        enum CodingKeys: String, CodingKey {
            case id, level, rate, currency
            case projectID = "project_id"
            case userID = "user_id"
            case taskID = "task_id"
            case effectiveFrom = "effective_from"
            case rateScaled = "rate_scaled"
        }
    }

    static func projectRate(_ rate: ProjectRate) throws -> String {
        var user: String?
        var task: String?
        switch rate.target {
        case .project: break
        case .member(let id): user = id.description
        case .task(let id): task = id.description
        }
        return try encode(
            ProjectRateSnapshot(
                id: rate.id.description, projectID: rate.projectID.description, level: rate.level.rawValue,
                effectiveFrom: rate.effectiveFrom.description, rate: rate.rate.decimalString, currency: rate.rate.currency.code,
                userID: user, taskID: task, rateScaled: rate.rate.scaled))
    }
}
