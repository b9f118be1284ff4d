import Domain
import Foundation

/// Audit snapshots of milestones and change requests: every state and money field.
extension AuditJSON {
    struct MilestoneSnapshot: Encodable, Sendable {
        let id: MilestoneID
        let projectId: ProjectID
        let position: Int
        let name: String
        let basisPoints: Int?
        let amountMinor: Int64?
        let currency: String
        let dueDate: LocalDate?
        let acceptanceCriteria: String
        let status: String
        let deliveredAmountMinor: Int64?
        let decisionComment: String?
        let validationId: ValidationID?

        init(_ milestone: Milestone) {
            id = milestone.id
            projectId = milestone.projectID
            position = milestone.position
            name = milestone.name
            basisPoints = milestone.share.basisPoints
            amountMinor = if case .fixed(let amount) = milestone.share { amount.amountMinor } else { nil }
            currency = milestone.currency.code
            dueDate = milestone.dueDate
            acceptanceCriteria = milestone.acceptanceCriteria
            status = milestone.status.rawValue
            deliveredAmountMinor = milestone.deliveredAmount?.amountMinor
            decisionComment = milestone.decisionComment
            validationId = milestone.validationID
        }
    }

    static func milestone(_ milestone: Milestone) throws -> String {
        try encode(MilestoneSnapshot(milestone))
    }

    struct ChangeRequestSnapshot: Encodable, Sendable {
        let id: ChangeRequestID
        let projectId: ProjectID
        let number: Int
        let title: String
        let description: String
        let estimatedMinutes: Int?
        let pricing: String
        let amountMinor: Int64?
        let hourlyRateScaled: Int64?
        let currency: String
        let status: String
        let taskId: TaskID?
        let decisionComment: String?
        let validationId: ValidationID?

        init(_ change: ChangeRequest) {
            id = change.id
            projectId = change.projectID
            number = change.number
            title = change.title
            description = change.description
            estimatedMinutes = change.estimatedMinutes
            pricing = change.pricing.rawValue
            amountMinor = change.amount?.amountMinor
            hourlyRateScaled = change.hourlyRate?.scaled
            currency = change.currency.code
            status = change.status.rawValue
            taskId = change.taskID
            decisionComment = change.decisionComment
            validationId = change.validationID
        }
    }

    static func changeRequest(_ change: ChangeRequest) throws -> String {
        try encode(ChangeRequestSnapshot(change))
    }
}
