/// A project's budget: the original baseline, the accepted change requests on top
/// of it, and what is consumed (issue 5 item 3, SPEC §4.4 "baseline vs current").
///
/// Each dimension (minutes, money) is optional: a project may budget hours, money,
/// both or neither. A dimension's current budget is the baseline plus every
/// accepted change that carries it; it is `nil` only when there is no baseline and
/// no change in that dimension. A change may be negative (scope removed).
/// Remaining may be negative: the project is over budget by that much.
public struct ProjectBudget: Hashable, Sendable {
    /// One accepted change request's effect on the budget.
    public struct Change: Hashable, Sendable {
        /// The estimated minutes it adds, if estimated.
        public let minutes: Int?
        /// The amount it adds, if quoted.
        public let amount: Money?

        /// Creates a change.
        public init(minutes: Int?, amount: Money?) {
            self.minutes = minutes
            self.amount = amount
        }
    }

    /// The original budget in minutes (kept when changes are accepted).
    public let baselineMinutes: Int?
    /// The original budget in money (kept when changes are accepted).
    public let baselineAmount: Money?
    /// The accepted changes.
    public let acceptedChanges: [Change]
    /// The minutes consumed so far.
    public let consumedMinutes: Int
    /// The money consumed so far.
    public let consumedAmount: Money

    /// The sum of the accepted changes' minutes (`0` when none carries minutes).
    public let changeMinutes: Int
    /// The sum of the accepted changes' amounts (zero when none carries an amount).
    public let changeAmount: Money
    /// Baseline plus changes, in minutes.
    public let currentMinutes: Int?
    /// Baseline plus changes, in money.
    public let currentAmount: Money?
    /// Current minus consumed, in minutes.
    public let remainingMinutes: Int?
    /// Current minus consumed, in money.
    public let remainingAmount: Money?

    /// Computes the budget. Every amount must be in the currency of `consumedAmount`.
    /// - Throws: ``DomainError/invalid(_:)`` on `baseline_minutes` / `consumed_minutes`
    ///   when negative, on `currency` when amounts differ in currency, on `minutes`
    ///   or `amount` on overflow.
    public init(
        baselineMinutes: Int?,
        baselineAmount: Money?,
        acceptedChanges: [Change],
        consumedMinutes: Int,
        consumedAmount: Money
    ) throws(DomainError) {
        var validation = Validation()
        validation.require(
            baselineMinutes.map { $0 >= 0 } ?? true,
            field: "baseline_minutes",
            message: "The baseline cannot be negative."
        )
        validation.require(
            consumedMinutes >= 0,
            field: "consumed_minutes",
            message: "Consumed time cannot be negative."
        )
        try validation.throwIfInvalid()

        let currency = consumedAmount.currency
        let changeMinuteValues = acceptedChanges.compactMap(\.minutes)
        let changeAmountValues = acceptedChanges.compactMap(\.amount)
        let changeMinutes = try Self.sum(changeMinuteValues)
        let changeAmount = try Money.sum(changeAmountValues, in: currency)

        var currentMinutes: Int? = nil
        if baselineMinutes != nil || !changeMinuteValues.isEmpty {
            currentMinutes = try Self.sum([baselineMinutes ?? 0, changeMinutes])
        }
        var currentAmount: Money? = nil
        if baselineAmount != nil || !changeAmountValues.isEmpty {
            currentAmount = try (baselineAmount ?? .zero(currency)).adding(changeAmount)
        }

        self.baselineMinutes = baselineMinutes
        self.baselineAmount = baselineAmount
        self.acceptedChanges = acceptedChanges
        self.consumedMinutes = consumedMinutes
        self.consumedAmount = consumedAmount
        self.changeMinutes = changeMinutes
        self.changeAmount = changeAmount
        self.currentMinutes = currentMinutes
        self.currentAmount = currentAmount
        self.remainingMinutes = try currentMinutes.map { (current) throws(DomainError) -> Int in
            try Self.sum([current, -consumedMinutes])
        }
        self.remainingAmount = try currentAmount.map { (current) throws(DomainError) -> Money in
            try current.subtracting(consumedAmount)
        }
    }

    private static func sum(_ values: [Int]) throws(DomainError) -> Int {
        var total = 0
        for value in values {
            let (next, overflow) = total.addingReportingOverflow(value)
            guard !overflow else { throw .invalid(field: "minutes", message: "The number of minutes is too large.") }
            total = next
        }
        return total
    }
}
