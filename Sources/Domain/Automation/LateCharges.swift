/// A stretch of days on which the same unpaid balance bore interest at the same rate.
public struct LateInterestSegment: Sendable, Hashable {
    /// First and last day of interest, both included.
    public let from: LocalDate
    public let to: LocalDate
    public let days: Int
    /// Minor units.
    public let balanceMinor: Int64
    public let rateBP: Int
    /// round_half_up(balance × rate × days ÷ 365), minor units.
    public let interestMinor: Int64
}

/// Late-payment charges of one overdue invoice (SPEC §5, Belgian law of 2 August 2002,
/// directive 2011/7/EU): interest per day on the unpaid balance, from the day after the
/// due date, at each half-year's rate, plus the fixed compensation of 40.00 EUR.
///
/// The arithmetic, stated once:
/// - a day's balance is the amount due minus everything paid or credited on or before
///   that day (a payment stops interest from its own date);
/// - interest of a run of days with one balance and one rate =
///   balance × rate ÷ 10 000 × days ÷ 365 (a 365-day year), rounded half-up away from
///   zero to the cent once per run; the total is the sum of the runs.
public struct LateCharges: Sendable, Hashable {
    /// The fixed compensation for recovery costs (art. 6 of the directive).
    public static let compensationMinor: Int64 = 4000
    /// A year of interest, in days.
    public static let dayBasis: Int64 = 365

    public let segments: [LateInterestSegment]
    public let compensationMinor: Int64

    public var interestMinor: Int64 { segments.reduce(0) { $0 + $1.interestMinor } }
    public var totalMinor: Int64 { interestMinor + compensationMinor }

    /// A settlement of the invoice: a payment or a credit note, on a date.
    public struct Settlement: Sendable, Hashable {
        public let date: LocalDate
        public let amountMinor: Int64

        public init(date: LocalDate, amountMinor: Int64) {
            self.date = date
            self.amountMinor = amountMinor
        }
    }

    /// The charges of an invoice of `amountDueMinor` due on `dueDate`, with its
    /// `settlements`, counted up to and including `asOf`. Interest already billed up to
    /// `chargedThrough` is not billed again, nor the compensation once billed
    /// (`compensationBilled`). Throws when a half-year in the interval has no rate, or
    /// when there is nothing to charge.
    public static func compute(
        amountDueMinor: Int64, dueDate: LocalDate, settlements: [Settlement], asOf: LocalDate, rates: LatePaymentRates,
        chargedThrough: LocalDate? = nil, compensationBilled: Bool = false
    ) throws(DomainError) -> LateCharges {
        guard asOf > dueDate else { throw DomainError.conflict("The invoice is not overdue on \(asOf): it was due on \(dueDate).") }
        let totalDays = dueDate.days(until: asOf)
        let firstOffset = chargedThrough.map { max(1, dueDate.days(until: $0) + 1) } ?? 1
        guard totalDays <= 36_600 else { throw DomainError.invalid(field: "as_of", message: "must be within 100 years of the due date") }
        var segments: [LateInterestSegment] = []
        var runStart: LocalDate?
        var runBalance: Int64 = 0
        var runRate = 0
        var runDays = 0
        var previous = dueDate
        func close(until last: LocalDate) {
            guard let start = runStart, runDays > 0, runBalance > 0 else { return }
            let interest = FixedPoint.divideRoundingHalfUp(
                Int128(runBalance) * Int128(runRate) * Int128(runDays), by: 10_000 * Int128(dayBasis))
            segments.append(
                LateInterestSegment(
                    from: start, to: last, days: runDays, balanceMinor: runBalance, rateBP: runRate, interestMinor: Int64(interest)))
        }
        let ordered = settlements.sorted { $0.date < $1.date }
        var settled: Int64 = ordered.filter { $0.date <= dueDate }.reduce(0) { $0 + $1.amountMinor }
        var next = ordered.firstIndex { $0.date > dueDate } ?? ordered.count
        for offset in stride(from: firstOffset, through: totalDays, by: 1) {
            let day = try dueDate.adding(days: offset)
            while next < ordered.count, ordered[next].date <= day {
                settled += ordered[next].amountMinor
                next += 1
            }
            let balance = max(0, amountDueMinor - settled)
            let halfYear = HalfYear(containing: day)
            guard let rate = rates.rateBP(for: halfYear) else {
                throw DomainError.conflict("No late-payment interest rate is set for \(halfYear): add it in the settings.")
            }
            if runStart == nil || balance != runBalance || rate != runRate {
                close(until: previous)
                runStart = day
                runBalance = balance
                runRate = rate
                runDays = 0
            }
            runDays += 1
            previous = day
        }
        close(until: previous)
        let compensation = compensationBilled ? 0 : compensationMinor
        guard !segments.isEmpty || compensation > 0 else {
            throw DomainError.conflict("Nothing is left to charge: no unpaid balance bore interest since the last late-charge invoice.")
        }
        return LateCharges(segments: segments, compensationMinor: compensation)
    }
}
