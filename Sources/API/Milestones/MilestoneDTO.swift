import Domain
import Foundation
import Services

/// A milestone on the wire. `amount` is null for those who may not see money (and for
/// a percentage milestone of a project without a contract amount); `billable` is true
/// once accepted (and not invoiced). The answer of `deliver` and `accept`/`reject`
/// also carries the `validation` record (and, once, its signed `link`).
struct MilestoneDTO: Encodable, Sendable {
    let id: MilestoneID
    let projectId: ProjectID
    let position: Int
    let name: String
    @Nullable var basisPoints: Int?
    @Nullable var percentage: String?
    @Nullable var amount: MoneyDTO?
    @Nullable var dueDate: LocalDate?
    let acceptanceCriteria: String
    let status: String
    let billable: Bool
    @Nullable var deliveredAt: Date?
    @Nullable var deliveredBy: UserID?
    @Nullable var decidedAt: Date?
    @Nullable var decisionComment: String?
    @Nullable var validationId: ValidationID?
    @Nullable var invoiceLineId: UUID?
    let version: Int
    let createdAt: Date
    let validation: ValidationDTO?
    let link: String?

    init(_ view: MilestoneView, validation: ValidationDTO? = nil, link: String? = nil) {
        let milestone = view.milestone
        id = milestone.id
        projectId = milestone.projectID
        position = milestone.position
        name = milestone.name
        basisPoints = milestone.share.basisPoints
        percentage = milestone.share.basisPoints.map { MilestonePlan.percentString(basisPoints: $0) }
        amount = view.amount.map(MoneyDTO.init)
        dueDate = milestone.dueDate
        acceptanceCriteria = milestone.acceptanceCriteria
        status = milestone.status.rawValue
        billable = milestone.isBillable
        deliveredAt = milestone.deliveredAt
        deliveredBy = milestone.deliveredBy
        decidedAt = milestone.decidedAt
        decisionComment = milestone.decisionComment
        validationId = milestone.validationID
        invoiceLineId = milestone.invoiceLineID
        version = milestone.version
        createdAt = milestone.createdAt
        self.validation = validation
        self.link = link
    }
}
