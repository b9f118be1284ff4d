import Domain
import Foundation
import Services

/// A change request on the wire. `amount` (fixed) and `hourly_rate` (hourly) are null
/// for those who may not see money; `budget_change` is its effect once accepted.
/// `validation` and `link` are present only in the answers that carry them.
struct ChangeRequestDTO: Encodable, Sendable {
    let id: ChangeRequestID
    let projectId: ProjectID
    let number: Int
    let reference: String
    let title: String
    let description: String
    @Nullable var estimatedMinutes: Int?
    @Nullable var estimatedHours: String?
    let pricing: String
    @Nullable var amount: MoneyDTO?
    @Nullable var hourlyRate: CapturedRateDTO?
    let status: String
    @Nullable var taskId: TaskID?
    @Nullable var quotedAt: Date?
    @Nullable var quotedBy: UserID?
    @Nullable var decidedAt: Date?
    @Nullable var decisionComment: String?
    @Nullable var validationId: ValidationID?
    @Nullable var invoiceLineId: UUID?
    let version: Int
    let createdAt: Date
    let validation: ValidationDTO?
    let link: String?

    init(_ view: ChangeRequestView, validation: ValidationDTO? = nil, link: String? = nil) {
        let change = view.change
        id = change.id
        projectId = change.projectID
        number = change.number
        reference = change.reference
        title = change.title
        description = change.description
        estimatedMinutes = change.estimatedMinutes
        estimatedHours = change.estimatedMinutes.map { WorkHours.decimalString(fromMinutes: $0) }
        pricing = change.pricing.rawValue
        amount = view.amount.map(MoneyDTO.init)
        hourlyRate = view.hourlyRate.map(CapturedRateDTO.init)
        status = change.status.rawValue
        taskId = change.taskID
        quotedAt = change.quotedAt
        quotedBy = change.quotedBy
        decidedAt = change.decidedAt
        decisionComment = change.decisionComment
        validationId = change.validationID
        invoiceLineId = change.invoiceLineID
        version = change.version
        createdAt = change.createdAt
        self.validation = validation
        self.link = link
    }
}
