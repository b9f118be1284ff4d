public import Foundation

/// How a project is invoiced (SPEC §2).
public enum BillingModel: String, Hashable, Sendable, CaseIterable, Codable {
    /// Hours (and expenses) as worked, at the resolved rates.
    case timeAndMaterials = "time_and_materials"
    /// A contract amount, invoiced by milestones.
    case fixedPrice = "fixed_price"
    /// A monthly fee with included hours.
    case retainer
}

/// Where a project stands (SPEC §2). Any status may follow any other: a project put
/// on hold resumes, a closed one can be reopened.
public enum ProjectStatus: String, Hashable, Sendable, CaseIterable, Codable {
    case active
    case onHold = "on_hold"
    case closed
}

/// A piece of work for a client, run by a team (SPEC §2).
///
/// Budgets are optional in either dimension (hours and/or money); amounts are in the
/// project's currency, which is the client's.
public struct Project: Hashable, Sendable {
    /// The largest number of minutes a budget or estimate may hold (the column is a 32-bit integer).
    public static let maximumMinutes = 2_000_000_000

    public let id: ProjectID
    public let clientID: ClientID
    public var teamID: TeamID
    public var name: String
    /// A short unique code (case-insensitive), e.g. `WEB-2026`.
    public var code: String
    public var status: ProjectStatus
    public var billingModel: BillingModel
    /// The client's currency when the project was created.
    public let currency: Currency
    public var budgetMinutes: Int?
    public var budgetAmount: Money?
    public var estimatedMinutes: Int?
    /// The contract amount of a fixed-price project.
    public var contractAmount: Money?
    /// What the project plans to spend on expenses (zero: none planned), set against the
    /// actual expenses in the profitability report.
    public var plannedExpenses: Money?
    /// Whether time must be validated by the client before it can be invoiced.
    public var requiresClientValidation: Bool
    /// How often the client's contacts get a progress summary by e-mail; nil: never.
    public var summaryFrequency: SummaryFrequency?
    /// The collaborators assigned to the project.
    public var memberIDs: Set<UserID>
    /// Optimistic-concurrency version; becomes the ETag.
    public var version: Int
    public let createdAt: Date

    public init(
        id: ProjectID, clientID: ClientID, teamID: TeamID, name: String, code: String, status: ProjectStatus,
        billingModel: BillingModel, currency: Currency, budgetMinutes: Int? = nil, budgetAmount: Money? = nil,
        estimatedMinutes: Int? = nil, contractAmount: Money? = nil, plannedExpenses: Money? = nil, requiresClientValidation: Bool,
        summaryFrequency: SummaryFrequency? = nil, memberIDs: Set<UserID> = [], version: Int, createdAt: Date
    ) {
        self.summaryFrequency = summaryFrequency
        self.id = id
        self.clientID = clientID
        self.teamID = teamID
        self.name = name
        self.code = code
        self.status = status
        self.billingModel = billingModel
        self.currency = currency
        self.budgetMinutes = budgetMinutes
        self.budgetAmount = budgetAmount
        self.estimatedMinutes = estimatedMinutes
        self.contractAmount = contractAmount
        self.plannedExpenses = plannedExpenses
        self.requiresClientValidation = requiresClientValidation
        self.memberIDs = memberIDs
        self.version = version
        self.createdAt = createdAt
    }

    /// The money the project's budget starts from (SPEC §4.4 baseline): the budget
    /// amount when one is set; otherwise, for a fixed-price project, its contract
    /// amount (what the client agreed to pay is what the work may consume); none for
    /// the other billing models.
    public var baselineAmount: Money? {
        budgetAmount ?? (billingModel == .fixedPrice ? contractAmount : nil)
    }

    /// The facts the policy needs about this project.
    public var scope: ProjectScope {
        ProjectScope(id: id, clientID: clientID, teamID: teamID, memberIDs: memberIDs)
    }

    /// Whether `code` has the shape of a project code: a letter or digit, then up to 31
    /// letters, digits, `_`, `.` or `-`.
    public static func isCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard let first = bytes.first, (1...32).contains(bytes.count), isAlphanumeric(first) else { return false }
        return bytes.dropFirst().allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// Every rule a project must satisfy, as field errors (all at once).
    public var problems: [FieldError] {
        var validation = Validation()
        validation.require(CatalogText.isName(name), field: "name", message: "must be 1 to 200 characters")
        validation.require(
            Self.isCode(code), field: "code",
            message: "must be 1 to 32 letters, digits, '_', '.' or '-', starting with a letter or digit")
        for (minutes, field) in [(budgetMinutes, "budget_minutes"), (estimatedMinutes, "estimated_minutes")] {
            guard let minutes else { continue }
            validation.require(minutes > 0, field: field, message: "must be more than 0")
            validation.require(minutes <= Self.maximumMinutes, field: field, message: "is too large")
        }
        for (amount, field) in [(budgetAmount, "budget_amount"), (contractAmount, "contract_amount")] {
            guard let amount else { continue }
            validation.require(amount.amountMinor > 0, field: "\(field).amount_minor", message: "must be more than 0")
            validation.require(
                amount.currency == currency, field: "\(field).currency", message: "must be the project's currency, \(currency.code)")
        }
        if let plannedExpenses {
            validation.require(plannedExpenses.amountMinor >= 0, field: "planned_expenses.amount_minor", message: "must not be negative")
            validation.require(
                plannedExpenses.currency == currency, field: "planned_expenses.currency",
                message: "must be the project's currency, \(currency.code)")
        }
        if contractAmount != nil, billingModel != .fixedPrice {
            validation.add(field: "contract_amount", message: "is only for fixed-price projects")
        }
        return validation.errors
    }

    /// The project as `detail` may see it (SPEC §3 "see budget progress"): without any
    /// budget for `nil`, without money for ``Policy/BudgetDetail/hoursOnly``.
    public func visible(with detail: Policy.BudgetDetail?) -> Project {
        var shown = self
        if detail == nil {
            shown.budgetMinutes = nil
            shown.estimatedMinutes = nil
        }
        if !(detail?.showsMoney ?? false) {
            shown.budgetAmount = nil
            shown.contractAmount = nil
            shown.plannedExpenses = nil
        }
        return shown
    }
}
