/// A run of days split into the calendar months it holds whole and the days around
/// them: reports read whole months from totals kept per month, and only the other days
/// entry by entry. Together they cover every day of the run exactly once.
public struct MonthSplit: Hashable, Sendable {
    /// The whole months, each run given by the first days of its first and last month.
    public private(set) var months: [ClosedRange<LocalDate>] = []
    /// The days outside whole months, as runs of days, in order.
    public private(set) var days: [ClosedRange<LocalDate>] = []

    /// Splits `from`…`to` (`to` not before `from`). No whole month spans the end of a day
    /// in `cuts`: a report that tells days apart there (an ageing bucket's first day)
    /// reads the month around a cut day by day.
    public init(from: LocalDate, to: LocalDate, cuttingAfter cuts: [LocalDate] = []) {
        var start = from
        for cut in Set(cuts).sorted() where cut >= start && cut < to {
            guard let next = try? cut.adding(days: 1) else { break }
            add(start...cut)
            start = next
        }
        add(start...to)
    }

    private mutating func add(_ run: ClosedRange<LocalDate>) {
        let (from, to) = (run.lowerBound, run.upperBound)
        let first = from.day == 1 ? from : try? from.firstDayOfMonth.adding(months: 1)
        let last = to == to.lastDayOfMonth ? to.firstDayOfMonth : try? to.firstDayOfMonth.adding(months: -1)
        guard let first, let last, first <= last else {
            days.append(run)
            return
        }
        if from < first, let dayBefore = try? first.adding(days: -1) { days.append(from...dayBefore) }
        months.append(first...last)
        let lastWholeDay = last.lastDayOfMonth
        if lastWholeDay < to, let dayAfter = try? lastWholeDay.adding(days: 1) { days.append(dayAfter...to) }
    }
}

extension ReportRange {
    /// The period as whole months and the days around them (at most one run of months).
    public var monthSplit: MonthSplit { MonthSplit(from: from, to: to) }
}
