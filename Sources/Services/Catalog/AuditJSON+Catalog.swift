public import Domain
import Foundation

/// Audit snapshots of clients, contacts, projects, tasks, memberships and project rates.
extension AuditJSON {
    static func client(_ client: Client) throws -> String {
        try encode(ClientSnapshot(client))
    }

    struct ContactSnapshot: Encodable, Sendable {
        let id: ID<ClientContact>
        let clientId: ClientID
        let name: String
        let email: String
        let phone: String
        let jobTitle: String
        let userId: UserID?
        let receivesInvoices: Bool

        init(_ contact: ClientContact) {
            receivesInvoices = contact.receivesInvoices
            id = contact.id
            clientId = contact.clientID
            name = contact.name
            email = contact.email
            phone = contact.phone
            jobTitle = contact.jobTitle
            userId = contact.userID
        }
    }

    static func contact(_ contact: ClientContact) throws -> String {
        try encode(ContactSnapshot(contact))
    }

    struct ProjectSnapshot: Encodable, Sendable {
        let id: ProjectID
        let clientId: ClientID
        let teamId: TeamID
        let name: String
        let code: String
        let status: String
        let billingModel: String
        let currency: String
        let budgetMinutes: Int?
        let estimatedMinutes: Int?
        let budgetAmountMinor: Int64?
        let contractAmountMinor: Int64?
        let plannedExpensesMinor: Int64?
        let requiresClientValidation: Bool
        let summaryFrequency: String?

        init(_ project: Project) {
            summaryFrequency = project.summaryFrequency?.rawValue
            id = project.id
            clientId = project.clientID
            teamId = project.teamID
            name = project.name
            code = project.code
            status = project.status.rawValue
            billingModel = project.billingModel.rawValue
            currency = project.currency.code
            budgetMinutes = project.budgetMinutes
            estimatedMinutes = project.estimatedMinutes
            budgetAmountMinor = project.budgetAmount?.amountMinor
            contractAmountMinor = project.contractAmount?.amountMinor
            plannedExpensesMinor = project.plannedExpenses?.amountMinor
            requiresClientValidation = project.requiresClientValidation
        }
    }

    static func project(_ project: Project) throws -> String {
        try encode(ProjectSnapshot(project))
    }

    struct TaskSnapshot: Encodable, Sendable {
        let id: TaskID
        let projectId: ProjectID
        let name: String
        let billable: Bool
        let archived: Bool
        let estimatedMinutes: Int?
        let vatRateBp: Int?

        init(_ task: ProjectTask) {
            vatRateBp = task.vatRateBP
            id = task.id
            projectId = task.projectID
            name = task.name
            billable = task.isBillable
            archived = task.isArchived
            estimatedMinutes = task.estimatedMinutes
        }
    }

    static func task(_ task: ProjectTask) throws -> String {
        try encode(TaskSnapshot(task))
    }

    struct ProjectMembershipSnapshot: Encodable, Sendable {
        let projectId: ProjectID
        let userId: UserID
    }

    static func projectMembership(project: ProjectID, user: UserID) throws -> String {
        try encode(ProjectMembershipSnapshot(projectId: project, userId: user))
    }

    struct ProjectRateSnapshot: Encodable, Sendable {
        let id: ID<ProjectRate>
        let projectId: ProjectID
        let level: String
        let userId: UserID?
        let taskId: TaskID?
        let effectiveFrom: LocalDate
        let rate: String
        let rateScaled: Int64
        let currency: String

        init(_ rate: ProjectRate) {
            id = rate.id
            projectId = rate.projectID
            level = rate.level.rawValue
            switch rate.target {
            case .project: (userId, taskId) = (nil, nil)
            case .member(let id): (userId, taskId) = (id, nil)
            case .task(let id): (userId, taskId) = (nil, id)
            }
            effectiveFrom = rate.effectiveFrom
            self.rate = rate.rate.decimalString
            rateScaled = rate.rate.scaled
            currency = rate.rate.currency.code
        }
    }

    static func projectRate(_ rate: ProjectRate) throws -> String {
        try encode(ProjectRateSnapshot(rate))
    }
}

/// A client (the wire adds its `version` and `created_at`).
public struct ClientSnapshot: Encodable, Sendable {
    public let id: ClientID
    public let name: String
    public let billingAddress: String
    public let vatId: String
    public let currency: String
    public let paymentTermsDays: Int
    public let archived: Bool
    public let address: PostalAddress?
    public let vatNumber: String?
    public let companyNumber: String?
    public let electronicAddress: ElectronicAddress?
    public let buyerReference: String?
    public let language: DocumentLanguage
    public let vatTreatment: VATTreatment

    public init(_ client: Client) {
        address = client.address
        vatNumber = client.vatNumber
        companyNumber = client.companyNumber
        electronicAddress = client.electronicAddress
        buyerReference = client.buyerReference
        language = client.language
        vatTreatment = client.vatTreatment
        id = client.id
        name = client.name
        billingAddress = client.billingAddress
        vatId = client.vatID
        currency = client.currency.code
        paymentTermsDays = client.paymentTermsDays
        archived = client.isArchived
    }
}
