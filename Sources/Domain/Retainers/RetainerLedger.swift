/// How one retainer period was used.
public struct RetainerPeriodUsage: Hashable, Sendable {
    /// The period.
    public let period: RetainerPeriod
    /// The minutes available in the period: its own included minutes plus the
    /// rolled-over minutes still valid.
    public let includedMinutes: Int
    /// The part of ``includedMinutes`` rolled over from earlier periods.
    public let rolloverMinutes: Int
    /// The approved minutes of the period.
    public let consumedMinutes: Int
    /// The available minutes left unused (`0` once exceeded).
    public let remainingMinutes: Int
    /// The minutes beyond what was available (`0` when within).
    public let overageMinutes: Int
    /// The overage rate applied: the one in force on the period's last day.
    public let overageRate: HourlyRate
    /// `overageMinutes` at `overageRate`, rounded half up to the minor unit.
    public let overageAmount: Money
    /// Available minutes lost at the end of the period: unused minutes under the
    /// forfeit rule or above the rollover cap, and rolled-over minutes that expired.
    public let forfeitedMinutes: Int
    /// Whether consumption reached the alert threshold of ``includedMinutes``
    /// (any consumption when nothing is included).
    public let thresholdCrossed: Bool
}

/// Computes a retainer's use period by period (issue 5 item 4, SPEC §4.3).
///
/// Rules, in order, for each period:
/// 1. Available = the period's included minutes + rolled-over minutes still valid.
/// 2. Consumption uses rolled-over minutes first, oldest first (FIFO: they expire
///    first), then the period's own minutes; beyond that it is overage.
/// 3. At the period's end, rolled-over minutes whose expiry is reached are lost;
///    then the period's own unused minutes roll over (rule `rollover`) as far as the
///    carried balance stays within the cap — older rollover is kept, the excess of
///    the new minutes is lost — or are lost (rule `forfeit`).
///
/// **Rate changes.** A period has one overage rate: the one in force on its last
/// day. Overage is only known when the period ends and is billed as one line on
/// the next invoice (SPEC §4.3), so one unit price per line keeps that line exact
/// and explainable; splitting by the day each hour was logged would need per-day
/// consumption and would bill one period's overage at two prices.
public enum RetainerLedger {
    /// The use of the first `consumedMinutesPerPeriod.count` periods of `terms`,
    /// given the approved minutes of each.
    ///
    /// - Parameter overageRates: the effective-dated history of the overage rate, if
    ///   it changed; a period whose last day has no rate in this table in force uses
    ///   ``RetainerTerms/overageRate``.
    /// - Throws: ``DomainError/invalid(_:)`` on `consumed` for negative minutes or
    ///   more periods than the retainer has; on `overage_rate` for a rate in another
    ///   currency than the fee; on `amount` on overflow.
    public static func compute(
        _ terms: RetainerTerms,
        consumedMinutesPerPeriod consumed: [Int],
        overageRates: RateSchedule? = nil
    ) throws(DomainError) -> [RetainerPeriodUsage] {
        guard consumed.allSatisfy({ $0 >= 0 }) else {
            throw .invalid(field: "consumed", message: "Consumed time cannot be negative.")
        }
        let periods = try RetainerPeriods.first(consumed.count, of: terms)
        // Rolled-over minutes, oldest first, with the index of the period that left them unused.
        var buckets: [(fromPeriod: Int, minutes: Int)] = []
        var usages: [RetainerPeriodUsage] = []
        for (index, period) in periods.enumerated() {
            let used = consumed[index]
            let rollover = buckets.reduce(0) { $0 + $1.minutes }
            let available = terms.includedMinutes + rollover

            // Rollover first, oldest first; then the period's own minutes.
            var toCover = used
            for bucketIndex in buckets.indices {
                let taken = min(buckets[bucketIndex].minutes, toCover)
                buckets[bucketIndex].minutes -= taken
                toCover -= taken
            }
            let ownUnused = max(0, terms.includedMinutes - toCover)
            let overage = max(0, toCover - terms.includedMinutes)

            // End of period: expire, then carry the period's own unused minutes.
            var forfeited = 0
            if case .rollover(let cap, let expiry) = terms.unusedRule {
                forfeited += buckets.filter { $0.fromPeriod + expiry <= index }.reduce(0) { $0 + $1.minutes }
                buckets.removeAll { $0.fromPeriod + expiry <= index || $0.minutes == 0 }
                let room = max(0, cap - buckets.reduce(0) { $0 + $1.minutes })
                let carried = min(ownUnused, room)
                forfeited += ownUnused - carried
                if carried > 0 { buckets.append((index, carried)) }
            } else {
                forfeited = ownUnused
            }

            let rate = overageRates?.inForce(on: period.lastDay)?.rate ?? terms.overageRate
            guard rate.currency == terms.monthlyFee.currency else {
                throw .invalid(
                    field: "overage_rate",
                    message: "The overage rate must be in \(terms.monthlyFee.currency.code), like the monthly fee."
                )
            }
            usages.append(
                RetainerPeriodUsage(
                    period: period,
                    includedMinutes: available,
                    rolloverMinutes: rollover,
                    consumedMinutes: used,
                    remainingMinutes: max(0, available - used),
                    overageMinutes: overage,
                    overageRate: rate,
                    overageAmount: try rate.amount(forMinutes: overage),
                    forfeitedMinutes: forfeited,
                    thresholdCrossed: available == 0
                        ? used > 0
                        : Int128(used) * 100 >= Int128(terms.alertThresholdPercent) * Int128(available)
                )
            )
        }
        return usages
    }
}
