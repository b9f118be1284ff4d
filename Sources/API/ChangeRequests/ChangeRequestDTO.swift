import Domain
import Foundation
import Services

/// A change request on the wire. `amount` (fixed) and `hourly_rate` (hourly) are null
/// for those who may not see money; `budget_change` is its effect once approved.
struct ChangeRequestDTO: Encodable, Sendable {
    let view: ChangeRequestView
    var validation: ValidationDTO?
    var link: String?

    init(_ view: ChangeRequestView, validation: ValidationDTO? = nil, link: String? = nil) {
        self.view = view
        self.validation = validation
        self.link = link
    }

    enum CodingKeys: String, CodingKey {
        case id, number, reference, title, description, pricing, amount, status, version, validation, link
        case projectID = "project_id"
        case estimatedMinutes = "estimated_minutes"
        case estimatedHours = "estimated_hours"
        case hourlyRate = "hourly_rate"
        case taskID = "task_id"
        case quotedAt = "quoted_at"
        case quotedBy = "quoted_by"
        case decidedAt = "decided_at"
        case decisionComment = "decision_comment"
        case validationID = "validation_id"
        case invoiceLineID = "invoice_line_id"
        case createdAt = "created_at"
    }

    func encode(to encoder: any Encoder) throws {
        let change = view.change
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(change.id, forKey: .id)
        try container.encode(change.projectID, forKey: .projectID)
        try container.encode(change.number, forKey: .number)
        try container.encode(change.reference, forKey: .reference)
        try container.encode(change.title, forKey: .title)
        try container.encode(change.description, forKey: .description)
        try container.encode(change.estimatedMinutes, forKey: .estimatedMinutes)
        try container.encode(change.estimatedMinutes.map { WorkHours.decimalString(fromMinutes: $0) }, forKey: .estimatedHours)
        try container.encode(change.pricing.rawValue, forKey: .pricing)
        try container.encode(view.showsMoney ? change.amount.map(MoneyDTO.init) : nil, forKey: .amount)
        try container.encode(view.showsMoney ? change.hourlyRate.map(CapturedRateDTO.init) : nil, forKey: .hourlyRate)
        try container.encode(change.status.rawValue, forKey: .status)
        try container.encode(change.taskID, forKey: .taskID)
        try container.encode(change.quotedAt, forKey: .quotedAt)
        try container.encode(change.quotedBy, forKey: .quotedBy)
        try container.encode(change.decidedAt, forKey: .decidedAt)
        try container.encode(change.decisionComment, forKey: .decisionComment)
        try container.encode(change.validationID, forKey: .validationID)
        try container.encode(change.invoiceLineID, forKey: .invoiceLineID)
        try container.encode(change.version, forKey: .version)
        try container.encode(change.createdAt, forKey: .createdAt)
        if let validation { try container.encode(validation, forKey: .validation) }
        if let link { try container.encode(link, forKey: .link) }
    }
}
