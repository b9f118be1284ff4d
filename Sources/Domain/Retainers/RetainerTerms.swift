/// The terms of a monthly retainer (SPEC §2 Retainer, issue 5 item 4).
///
/// Periods start on ``periodStartDay`` of each month, clamped to the month's last
/// day (start day 31 gives Feb 28/29, Apr 30). The retainer must start on a period
/// start and, when it ends, end on the day before one, so every period is a whole
/// month and nothing has to be prorated; the error says which dates would do.
public struct RetainerTerms: Hashable, Sendable {
    /// What happens to included minutes a period leaves unused.
    public enum UnusedRule: Hashable, Sendable {
        /// They are lost at the end of the period.
        case forfeit
        /// They carry over while the carried balance stays within `capMinutes`, and
        /// may be used in the `expiryPeriods` periods that follow (1 = the next only).
        case rollover(capMinutes: Int, expiryPeriods: Int)
    }

    /// The fee billed for each period.
    public let monthlyFee: Money
    /// The minutes each period includes, before any rollover.
    public let includedMinutes: Int
    /// The price of minutes beyond what a period includes.
    public let overageRate: HourlyRate
    /// The day of the month on which periods start, 1…31.
    public let periodStartDay: Int
    /// The first day of the first period.
    public let startDate: LocalDate
    /// The last day of the retainer (included); `nil` while open-ended.
    public let endDate: LocalDate?
    /// What happens to unused minutes.
    public let unusedRule: UnusedRule
    /// The share of a period's included minutes (with rollover) whose consumption raises an alert, 1…100.
    public let alertThresholdPercent: Int

    /// Validates and creates terms, reporting every invalid field at once.
    /// - Throws: ``DomainError/invalid(_:)`` on `monthly_fee`, `included_minutes`,
    ///   `overage_rate`, `period_start_day`, `start_date`, `end_date`,
    ///   `rollover_cap_minutes`, `rollover_expiry_periods`, `alert_threshold_percent`.
    public init(
        monthlyFee: Money,
        includedMinutes: Int,
        overageRate: HourlyRate,
        periodStartDay: Int,
        startDate: LocalDate,
        endDate: LocalDate?,
        unusedRule: UnusedRule,
        alertThresholdPercent: Int
    ) throws(DomainError) {
        var validation = Validation()
        validation.require(!monthlyFee.isNegative, field: "monthly_fee", message: "The monthly fee cannot be negative.")
        validation.require(
            includedMinutes >= 0,
            field: "included_minutes",
            message: "The included time cannot be negative."
        )
        validation.require(
            overageRate.currency == monthlyFee.currency,
            field: "overage_rate",
            message: "The overage rate must be in \(monthlyFee.currency.code), like the monthly fee."
        )
        validation.require(
            (1...31).contains(periodStartDay),
            field: "period_start_day",
            message: "The period start day must be between 1 and 31."
        )
        if (1...31).contains(periodStartDay) {
            Self.checkAlignment(startDate: startDate, endDate: endDate, day: periodStartDay, into: &validation)
        }
        if case .rollover(let cap, let expiry) = unusedRule {
            validation.require(cap >= 0, field: "rollover_cap_minutes", message: "The rollover cap cannot be negative.")
            validation.require(
                expiry >= 1,
                field: "rollover_expiry_periods",
                message: "Rolled-over time must stay usable for at least 1 period."
            )
        }
        validation.require(
            (1...100).contains(alertThresholdPercent),
            field: "alert_threshold_percent",
            message: "The alert threshold must be between 1 % and 100 %."
        )
        try validation.throwIfInvalid()

        self.monthlyFee = monthlyFee
        self.includedMinutes = includedMinutes
        self.overageRate = overageRate
        self.periodStartDay = periodStartDay
        self.startDate = startDate
        self.endDate = endDate
        self.unusedRule = unusedRule
        self.alertThresholdPercent = alertThresholdPercent
    }

    /// The start of the period `offset` periods after the one starting in
    /// (`year`, `month`): always computed from the nominal start day, so that
    /// day 31 gives Jan 31, Feb 28, Mar 31 — never Mar 28.
    static func periodStart(day: Int, year: Int, month: Int, offset: Int) throws(DomainError) -> LocalDate {
        try LocalDate.clamped(year: year, month: month, day: day, addingMonths: offset)
    }

    /// The latest period start on or before `date`.
    static func periodStart(day: Int, onOrBefore date: LocalDate) throws(DomainError) -> LocalDate {
        let inMonth = try periodStart(day: day, year: date.year, month: date.month, offset: 0)
        return inMonth <= date ? inMonth : try periodStart(day: day, year: date.year, month: date.month, offset: -1)
    }

    /// Adds an error unless `startDate` is a period start and `endDate` (if any) the
    /// day before one, suggesting the nearest dates that would do.
    private static func checkAlignment(
        startDate: LocalDate,
        endDate: LocalDate?,
        day: Int,
        into validation: inout Validation
    ) {
        // Near 0001 or 9999 a suggestion may not exist; the sentence then stands alone.
        func hint(_ dates: [LocalDate?]) -> String {
            let known = dates.compactMap(\.self).map(\.description)
            return known.isEmpty ? "." : ": use \(known.joined(separator: " or "))."
        }
        func startAfter(_ start: LocalDate) -> LocalDate? {
            try? periodStart(day: day, year: start.year, month: start.month, offset: 1)
        }

        let startBefore = try? periodStart(day: day, onOrBefore: startDate)
        if startBefore != startDate {
            validation.add(
                field: "start_date",
                message: "With period start day \(day), the retainer must start on a period start"
                    + hint([startBefore, startBefore.flatMap(startAfter)])
            )
        }

        guard let endDate else { return }
        guard endDate >= startDate else {
            validation.add(field: "end_date", message: "The end date must be on or after the start date.")
            return
        }
        let dayAfterEnd = try? endDate.adding(days: 1)
        let boundary = dayAfterEnd.flatMap { try? periodStart(day: day, onOrBefore: $0) }
        if dayAfterEnd == nil || boundary != dayAfterEnd {
            let earlier = boundary.flatMap { try? $0.adding(days: -1) }.flatMap { $0 >= startDate ? $0 : nil }
            let later = boundary.flatMap(startAfter).flatMap { try? $0.adding(days: -1) }
            validation.add(
                field: "end_date",
                message: "With period start day \(day), the retainer must end on the day before a period start"
                    + hint([earlier, later])
            )
        }
    }
}
