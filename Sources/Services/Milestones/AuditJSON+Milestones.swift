import Domain
import Foundation

/// Audit snapshots of milestones and change requests: every state and money field.
extension AuditJSON {
    private struct MilestoneSnapshot: Encodable {
        let id: String
        let projectID: String
        let position: Int
        let name: String
        let basisPoints: Int?
        let amountMinor: Int64?
        let currency: String
        let dueDate: String?
        let acceptanceCriteria: String
        let status: String
        let deliveredAmountMinor: Int64?
        let decisionComment: String?
        let validationID: String?
        enum CodingKeys: String, CodingKey {
            case id, position, name, currency, status
            case projectID = "project_id"
            case basisPoints = "basis_points"
            case amountMinor = "amount_minor"
            case dueDate = "due_date"
            case acceptanceCriteria = "acceptance_criteria"
            case deliveredAmountMinor = "delivered_amount_minor"
            case decisionComment = "decision_comment"
            case validationID = "validation_id"
        }
    }

    static func milestone(_ milestone: Milestone) throws -> String {
        let fixed: Int64? = if case .fixed(let amount) = milestone.share { amount.amountMinor } else { nil }
        return try encode(
            MilestoneSnapshot(
                id: milestone.id.description, projectID: milestone.projectID.description, position: milestone.position,
                name: milestone.name, basisPoints: milestone.share.basisPoints, amountMinor: fixed, currency: milestone.currency.code,
                dueDate: milestone.dueDate?.description, acceptanceCriteria: milestone.acceptanceCriteria,
                status: milestone.status.rawValue, deliveredAmountMinor: milestone.deliveredAmount?.amountMinor,
                decisionComment: milestone.decisionComment, validationID: milestone.validationID?.description))
    }

    private struct ChangeRequestSnapshot: Encodable {
        let id: String
        let projectID: String
        let number: Int
        let title: String
        let description: String
        let estimatedMinutes: Int?
        let pricing: String
        let amountMinor: Int64?
        let hourlyRateScaled: Int64?
        let currency: String
        let status: String
        let taskID: String?
        let decisionComment: String?
        let validationID: String?
        enum CodingKeys: String, CodingKey {
            case id, number, title, description, pricing, currency, status
            case projectID = "project_id"
            case estimatedMinutes = "estimated_minutes"
            case amountMinor = "amount_minor"
            case hourlyRateScaled = "hourly_rate_scaled"
            case taskID = "task_id"
            case decisionComment = "decision_comment"
            case validationID = "validation_id"
        }
    }

    static func changeRequest(_ change: ChangeRequest) throws -> String {
        try encode(
            ChangeRequestSnapshot(
                id: change.id.description, projectID: change.projectID.description, number: change.number, title: change.title,
                description: change.description, estimatedMinutes: change.estimatedMinutes, pricing: change.pricing.rawValue,
                amountMinor: change.amount?.amountMinor, hourlyRateScaled: change.hourlyRate?.scaled, currency: change.currency.code,
                status: change.status.rawValue, taskID: change.taskID?.description, decisionComment: change.decisionComment,
                validationID: change.validationID?.description))
    }
}
