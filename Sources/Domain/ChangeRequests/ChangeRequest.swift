public import Foundation

/// A change of scope (SPEC §2 Change request, issue 5 item 3): drafted, quoted at a
/// fixed amount or an hourly rate, then accepted or rejected by the client. An
/// accepted one gets a task for its work and changes the project's current budget.
public struct ChangeRequest: Hashable, Sendable {
    /// How the change is priced.
    public enum Pricing: String, Hashable, Sendable, CaseIterable, Codable {
        /// A quoted amount, billed once; its hours are never billed too.
        case fixed
        /// Time and materials: its hours are billed at the quoted hourly rate.
        case hourly
    }

    /// The longest description kept.
    public static let maxDescriptionLength = 10_000

    public let id: ChangeRequestID
    public let projectID: ProjectID
    /// CR-1, CR-2… within the project.
    public let number: Int
    public var title: String
    public var description: String
    public var estimatedMinutes: Int?
    public var pricing: Pricing
    /// The quoted amount of a fixed change (nil until priced).
    public var amount: Money?
    /// The hourly rate of an hourly change (nil until priced).
    public var hourlyRate: HourlyRate?
    /// The project's currency.
    public let currency: Currency
    public var status: ChangeRequestStatus
    /// The task its work is logged on: linked in draft, or created at acceptance.
    public var taskID: TaskID?
    public var quotedAt: Date?
    public var quotedBy: UserID?
    public var decidedAt: Date?
    public var decisionComment: String?
    public var validationID: ValidationID?
    /// The invoice line that billed a fixed change (set by invoicing).
    public var invoiceLineID: UUID?
    public var version: Int
    public let createdAt: Date

    public init(
        id: ChangeRequestID, projectID: ProjectID, number: Int, title: String, description: String, estimatedMinutes: Int?,
        pricing: Pricing, amount: Money?, hourlyRate: HourlyRate?, currency: Currency, status: ChangeRequestStatus = .draft,
        taskID: TaskID? = nil, quotedAt: Date? = nil, quotedBy: UserID? = nil, decidedAt: Date? = nil, decisionComment: String? = nil,
        validationID: ValidationID? = nil, invoiceLineID: UUID? = nil, version: Int = 1, createdAt: Date
    ) {
        self.id = id
        self.projectID = projectID
        self.number = number
        self.title = title
        self.description = description
        self.estimatedMinutes = estimatedMinutes
        self.pricing = pricing
        self.amount = amount
        self.hourlyRate = hourlyRate
        self.currency = currency
        self.status = status
        self.taskID = taskID
        self.quotedAt = quotedAt
        self.quotedBy = quotedBy
        self.decidedAt = decidedAt
        self.decisionComment = decisionComment
        self.validationID = validationID
        self.invoiceLineID = invoiceLineID
        self.version = version
        self.createdAt = createdAt
    }

    /// `CR-3`.
    public var reference: String { "CR-\(number)" }

    /// The price as the client agrees to it; nil while a draft has none.
    public var quote: ChangeRequestValidationSubject.Quote? {
        switch pricing {
        case .fixed: amount.map { .fixed($0) }
        case .hourly: hourlyRate.map { .hourly($0) }
        }
    }

    /// Its effect on the budget once accepted: the estimate, and the fixed amount or
    /// the estimate priced at the hourly rate (rounded half up; nil without an estimate).
    public func budgetChange() throws(DomainError) -> ProjectBudget.Change {
        let money: Money?
        switch pricing {
        case .fixed:
            money = amount
        case .hourly:
            if let hourlyRate, let estimatedMinutes { money = try hourlyRate.amount(forMinutes: estimatedMinutes) } else { money = nil }
        }
        return ProjectBudget.Change(minutes: estimatedMinutes, amount: money)
    }

    /// Every rule of its own fields, as field errors (all at once).
    public var problems: [FieldError] {
        var validation = Validation()
        validation.require(CatalogText.isName(title), field: "title", message: "must be 1 to 200 characters")
        validation.require(
            description.unicodeScalars.count <= Self.maxDescriptionLength, field: "description",
            message: "must be at most \(Self.maxDescriptionLength) characters")
        if let estimatedMinutes {
            validation.require(estimatedMinutes > 0, field: "estimated_minutes", message: "must be more than 0")
            validation.require(estimatedMinutes <= Project.maximumMinutes, field: "estimated_minutes", message: "is too large")
        }
        switch pricing {
        case .fixed:
            validation.require(hourlyRate == nil, field: "hourly_rate", message: "is only for hourly change requests")
            if let amount {
                validation.require(amount.amountMinor > 0, field: "amount.amount_minor", message: "must be more than 0")
                validation.require(
                    amount.currency == currency, field: "amount.currency", message: "must be the project's currency, \(currency.code)")
            }
        case .hourly:
            validation.require(amount == nil, field: "amount", message: "is only for fixed-price change requests")
            if let hourlyRate {
                validation.require(hourlyRate.scaled > 0, field: "hourly_rate", message: "must be more than 0")
            }
        }
        // The priced estimate must fit in money, or the budget page would fail once accepted.
        if validation.errors.isEmpty, (try? budgetChange()) == nil {
            validation.add(field: "hourly_rate", message: "priced over the estimate, gives an amount too large to record")
        }
        return validation.errors
    }

    /// Checks that it can be sent to the client: priced.
    public func requireQuotable() throws(DomainError) {
        guard quote == nil else { return }
        switch pricing {
        case .fixed: throw .invalid(field: "amount", message: "A fixed change request needs its quoted amount before it is quoted.")
        case .hourly: throw .invalid(field: "hourly_rate", message: "An hourly change request needs its hourly rate before it is quoted.")
        }
    }
}
