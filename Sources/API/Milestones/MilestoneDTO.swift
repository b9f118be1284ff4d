import Domain
import Foundation
import Services

/// A milestone on the wire. `amount` is null for those who may not see money (and for
/// a percentage milestone of a project without a contract amount); `billable` is true
/// once accepted (and not invoiced). The answer of `deliver` and `accept`/`reject`
/// also carries the `validation` record (and, once, its signed `link`).
struct MilestoneDTO: Encodable, Sendable {
    let view: MilestoneView
    var validation: ValidationDTO?
    var link: String?

    init(_ view: MilestoneView, validation: ValidationDTO? = nil, link: String? = nil) {
        self.view = view
        self.validation = validation
        self.link = link
    }

    enum CodingKeys: String, CodingKey {
        case id, position, name, percentage, amount, status, billable, version, validation, link
        case projectID = "project_id"
        case basisPoints = "basis_points"
        case dueDate = "due_date"
        case acceptanceCriteria = "acceptance_criteria"
        case deliveredAt = "delivered_at"
        case deliveredBy = "delivered_by"
        case decidedAt = "decided_at"
        case decisionComment = "decision_comment"
        case validationID = "validation_id"
        case invoiceLineID = "invoice_line_id"
        case createdAt = "created_at"
    }

    func encode(to encoder: any Encoder) throws {
        let milestone = view.milestone
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(milestone.id, forKey: .id)
        try container.encode(milestone.projectID, forKey: .projectID)
        try container.encode(milestone.position, forKey: .position)
        try container.encode(milestone.name, forKey: .name)
        try container.encode(milestone.share.basisPoints, forKey: .basisPoints)
        try container.encode(milestone.share.basisPoints.map { MilestonePlan.percentString(basisPoints: $0) }, forKey: .percentage)
        try container.encode(view.amount.map(MoneyDTO.init), forKey: .amount)
        try container.encode(milestone.dueDate, forKey: .dueDate)
        try container.encode(milestone.acceptanceCriteria, forKey: .acceptanceCriteria)
        try container.encode(milestone.status.rawValue, forKey: .status)
        try container.encode(milestone.isBillable, forKey: .billable)
        try container.encode(milestone.deliveredAt, forKey: .deliveredAt)
        try container.encode(milestone.deliveredBy, forKey: .deliveredBy)
        try container.encode(milestone.decidedAt, forKey: .decidedAt)
        try container.encode(milestone.decisionComment, forKey: .decisionComment)
        try container.encode(milestone.validationID, forKey: .validationID)
        try container.encode(milestone.invoiceLineID, forKey: .invoiceLineID)
        try container.encode(milestone.version, forKey: .version)
        try container.encode(milestone.createdAt, forKey: .createdAt)
        if let validation { try container.encode(validation, forKey: .validation) }
        if let link { try container.encode(link, forKey: .link) }
    }
}
