/// The burn rate of a project over the last four weeks and its forecast at completion
/// at that pace (issue 15 item 1).
///
/// The work to complete is measured against the project's estimate, else its current
/// budget in hours, else its current budget in money. At the pace of the last 28 days
/// (`burn`), what remains takes `ceil(remaining × 28 / burn)` days from `asOf`, and
/// the amount at completion is the consumed value plus the remaining minutes at the
/// average value per minute of those 28 days (rounded half up). Without time in the
/// last 28 days there is no pace, so no date; with nothing remaining the project is
/// complete at `asOf`.
public struct BudgetForecast: Hashable, Sendable {
    /// What "complete" is measured against.
    public enum Basis: String, Sendable, Hashable {
        case estimate
        case budgetHours = "budget_hours"
        case budgetMoney = "budget_money"
    }

    /// The days the burn rate is measured over, ending on `asOf`.
    public static let windowDays = 28

    public let weeklyBurnMinutes: Int64
    public let weeklyBurnMinor: Int64
    public let basis: Basis?
    /// Minutes (hours bases) or minor units (money basis) still to consume; never negative.
    public let remaining: Int64?
    public let completionDate: LocalDate?
    public let amountAtCompletionMinor: Int64?

    public init(
        asOf: LocalDate, consumedMinutes: Int64, consumedMinor: Int64, burnMinutes: Int64, burnMinor: Int64, estimatedMinutes: Int64?,
        budgetMinutes: Int64?, budgetMinor: Int64?
    ) {
        weeklyBurnMinutes = Int64(FixedPoint.divideRoundingHalfUp(Int128(burnMinutes) * 7, by: Int128(Self.windowDays)))
        weeklyBurnMinor = Int64(FixedPoint.divideRoundingHalfUp(Int128(burnMinor) * 7, by: Int128(Self.windowDays)))
        let pace: (basis: Basis, remaining: Int64, burn: Int64)?
        if let estimatedMinutes {
            pace = (.estimate, max(0, estimatedMinutes - consumedMinutes), burnMinutes)
        } else if let budgetMinutes {
            pace = (.budgetHours, max(0, budgetMinutes - consumedMinutes), burnMinutes)
        } else if let budgetMinor {
            pace = (.budgetMoney, max(0, budgetMinor - consumedMinor), burnMinor)
        } else {
            pace = nil
        }
        basis = pace?.basis
        remaining = pace?.remaining
        guard let pace else {
            completionDate = nil
            amountAtCompletionMinor = nil
            return
        }
        if pace.remaining == 0 {
            completionDate = asOf
            amountAtCompletionMinor = consumedMinor
            return
        }
        guard pace.burn > 0 else {
            completionDate = nil
            amountAtCompletionMinor = nil
            return
        }
        // Ceiling of remaining × 28 / burn, in whole days.
        let days = (Int128(pace.remaining) * Int128(Self.windowDays) + Int128(pace.burn) - 1) / Int128(pace.burn)
        completionDate = Int(exactly: days).flatMap { try? asOf.adding(days: $0) }
        switch pace.basis {
        case .budgetMoney:
            amountAtCompletionMinor = consumedMinor + pace.remaining
        case .estimate, .budgetHours:
            amountAtCompletionMinor =
                burnMinutes > 0
                ? consumedMinor + Int64(FixedPoint.divideRoundingHalfUp(Int128(pace.remaining) * Int128(burnMinor), by: Int128(burnMinutes)))
                : nil
        }
    }
}
