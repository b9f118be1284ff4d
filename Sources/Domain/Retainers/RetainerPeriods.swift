/// One billing period of a retainer: `start` included, `endExclusive` excluded.
public struct RetainerPeriod: Hashable, Sendable {
    /// The first day of the period.
    public let start: LocalDate
    /// The first day after the period (the next period's start).
    public let endExclusive: LocalDate

    /// Creates a period; `endExclusive` must be after `start`.
    public init(start: LocalDate, endExclusive: LocalDate) {
        precondition(start < endExclusive, "a retainer period must not be empty")
        self.start = start
        self.endExclusive = endExclusive
    }

    /// The last day of the period (included).
    public var lastDay: LocalDate { LocalDate(dayNumber: endExclusive.dayNumber - 1)! }

    /// Whether `date` falls in the period.
    public func contains(_ date: LocalDate) -> Bool { start <= date && date < endExclusive }

    /// The number of days in the period.
    public var dayCount: Int { start.days(until: endExclusive) }
}

/// The periods of a retainer (issue 5 item 4).
public enum RetainerPeriods {
    /// Every period of `terms` that has started on or before `date` (the current,
    /// unfinished one included), oldest first; empty before the start date. Stops
    /// at the end date.
    /// - Throws: ``DomainError/invalid(_:)`` on `date` when a period would end after 9999-12-31.
    public static func periods(_ terms: RetainerTerms, through date: LocalDate) throws(DomainError) -> [RetainerPeriod]
    {
        var result: [RetainerPeriod] = []
        var offset = 0
        while true {
            let start = try start(of: terms, offset: offset)
            guard start <= date, terms.endDate.map({ start <= $0 }) ?? true else { break }
            result.append(RetainerPeriod(start: start, endExclusive: try Self.start(of: terms, offset: offset + 1)))
            offset += 1
        }
        return result
    }

    /// The period of `terms` that contains `date`; `nil` before the start or after the end.
    /// - Throws: ``DomainError/invalid(_:)`` on `date` near 9999-12-31.
    public static func period(_ terms: RetainerTerms, containing date: LocalDate) throws(DomainError) -> RetainerPeriod?
    {
        guard date >= terms.startDate, terms.endDate.map({ date <= $0 }) ?? true else { return nil }
        let start = try RetainerTerms.periodStart(day: terms.periodStartDay, onOrBefore: date)
        let next = try RetainerTerms.periodStart(
            day: terms.periodStartDay,
            year: start.year,
            month: start.month,
            offset: 1
        )
        return RetainerPeriod(start: start, endExclusive: next)
    }

    /// The first `count` periods of `terms`, whether or not they have started.
    /// - Throws: ``DomainError/invalid(_:)`` on `consumed` when the retainer ends
    ///   before `count` periods; on `date` near 9999-12-31.
    static func first(_ count: Int, of terms: RetainerTerms) throws(DomainError) -> [RetainerPeriod] {
        var result: [RetainerPeriod] = []
        for offset in 0..<max(count, 0) {
            let start = try start(of: terms, offset: offset)
            if let end = terms.endDate, start > end {
                throw .invalid(
                    field: "consumed",
                    message: "The retainer has only \(offset) period\(offset == 1 ? "" : "s"), not \(count)."
                )
            }
            result.append(RetainerPeriod(start: start, endExclusive: try Self.start(of: terms, offset: offset + 1)))
        }
        return result
    }

    private static func start(of terms: RetainerTerms, offset: Int) throws(DomainError) -> LocalDate {
        try RetainerTerms.periodStart(
            day: terms.periodStartDay,
            year: terms.startDate.year,
            month: terms.startDate.month,
            offset: offset
        )
    }
}
