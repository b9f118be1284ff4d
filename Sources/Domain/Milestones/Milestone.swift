public import Foundation

/// A milestone of a fixed-price project (SPEC §2 Milestone, issue 5 item 2): a share
/// of the contract amount or a fixed amount, billable once the client accepts it.
public struct Milestone: Hashable, Sendable {
    /// What the milestone is worth.
    public enum Share: Hashable, Sendable {
        /// A share of the project's contract amount in basis points (3000 = 30.00 %).
        case percentage(basisPoints: Int)
        /// A fixed amount in the project's currency.
        case fixed(Money)

        /// The basis points of a percentage milestone; nil for a fixed amount.
        public var basisPoints: Int? {
            if case .percentage(let basisPoints) = self { basisPoints } else { nil }
        }
    }

    /// The longest acceptance criteria kept.
    public static let maxCriteriaLength = 10_000

    public let id: MilestoneID
    public let projectID: ProjectID
    /// Its place in the project's plan (ascending).
    public var position: Int
    public var name: String
    public var share: Share
    /// The project's currency.
    public let currency: Currency
    public var dueDate: LocalDate?
    public var acceptanceCriteria: String
    public var status: MilestoneStatus
    /// The amount the client was asked to accept, frozen at delivery.
    public var deliveredAmount: Money?
    public var deliveredAt: Date?
    public var deliveredBy: UserID?
    public var decidedAt: Date?
    public var decisionComment: String?
    /// The validation record of the latest delivery.
    public var validationID: ValidationID?
    /// The invoice line that billed it (set by invoicing).
    public var invoiceLineID: UUID?
    /// Optimistic-concurrency version; becomes the ETag.
    public var version: Int
    public let createdAt: Date

    public init(
        id: MilestoneID, projectID: ProjectID, position: Int, name: String, share: Share, currency: Currency, dueDate: LocalDate?,
        acceptanceCriteria: String, status: MilestoneStatus = .planned, deliveredAmount: Money? = nil, deliveredAt: Date? = nil,
        deliveredBy: UserID? = nil, decidedAt: Date? = nil, decisionComment: String? = nil, validationID: ValidationID? = nil,
        invoiceLineID: UUID? = nil, version: Int = 1, createdAt: Date
    ) {
        self.id = id
        self.projectID = projectID
        self.position = position
        self.name = name
        self.share = share
        self.currency = currency
        self.dueDate = dueDate
        self.acceptanceCriteria = acceptanceCriteria
        self.status = status
        self.deliveredAmount = deliveredAmount
        self.deliveredAt = deliveredAt
        self.deliveredBy = deliveredBy
        self.decidedAt = decidedAt
        self.decisionComment = decisionComment
        self.validationID = validationID
        self.invoiceLineID = invoiceLineID
        self.version = version
        self.createdAt = createdAt
    }

    /// What the milestone is worth: the amount frozen at delivery once delivered;
    /// before, the fixed amount or its share of `contract` (nil when the project has
    /// no contract amount).
    public func amount(contract: Money?) -> Money? {
        if let deliveredAmount { return deliveredAmount }
        switch share {
        case .fixed(let amount):
            return amount
        case .percentage(let basisPoints):
            return contract.flatMap { try? MilestonePlan.amount(basisPoints: basisPoints, of: $0) }
        }
    }

    /// Whether it is billable and not billed yet (accepted by the client).
    public var isBillable: Bool { status.isBillable }

    /// Every rule of the milestone's own fields, as field errors (all at once).
    /// The plan's 100 % and the contract amount are checked by the service.
    public var problems: [FieldError] {
        var validation = Validation()
        validation.require(CatalogText.isName(name), field: "name", message: "must be 1 to 200 characters")
        validation.require(position >= 0 && position <= 1_000_000, field: "position", message: "must be from 0 to 1000000")
        validation.require(
            acceptanceCriteria.unicodeScalars.count <= Self.maxCriteriaLength, field: "acceptance_criteria",
            message: "must be at most \(Self.maxCriteriaLength) characters")
        switch share {
        case .percentage(let basisPoints):
            validation.require(
                (1...MilestonePlan.wholeContract).contains(basisPoints), field: "percentage",
                message: "A percentage must be more than 0 % and at most 100 %.")
        case .fixed(let amount):
            validation.require(amount.amountMinor > 0, field: "amount.amount_minor", message: "must be more than 0")
            validation.require(
                amount.currency == currency, field: "amount.currency", message: "must be the project's currency, \(currency.code)")
        }
        return validation.errors
    }
}
