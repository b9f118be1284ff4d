/// Calendar arithmetic on ``LocalDate`` in the proleptic Gregorian calendar, on
/// integers only (no `Date`, `Calendar` or time zone is involved).
///
/// Dates live between 0001-01-01 and 9999-12-31. Operations that could leave that
/// range throw ``DomainError/invalid(_:)`` on the field `date` instead of trapping,
/// so a request naming 9999-12-31 cannot crash the server. Operations that cannot
/// leave it (weekday, week start, first/last day of month, days between) do not throw.
extension LocalDate {
    /// The earliest representable date, 0001-01-01 (a Monday).
    public static let earliest = LocalDate(year: 1, month: 1, day: 1)!
    /// The latest representable date, 9999-12-31.
    public static let latest = LocalDate(year: 9999, month: 12, day: 31)!

    /// The date `days` days later (earlier when negative).
    /// - Throws: ``DomainError/invalid(_:)`` on `date` when the result is outside 0001…9999.
    public func adding(days: Int) throws(DomainError) -> LocalDate {
        let (target, overflow) = dayNumber.addingReportingOverflow(days)
        guard !overflow, let date = LocalDate(dayNumber: target) else { throw Self.outOfRange }
        return date
    }

    /// The number of days from `self` to `end`: positive when `end` is later,
    /// `0` for the same day (2026-03-02 → 2026-03-09 is 7).
    public func days(until end: LocalDate) -> Int {
        end.dayNumber - dayNumber
    }

    /// The ISO weekday (Monday = 1 … Sunday = 7).
    public var weekday: Weekday {
        // 1970-01-01 (day 0) was a Thursday.
        Weekday(rawValue: ((dayNumber + 3) % 7 + 7) % 7 + 1)!
    }

    /// The Monday of the ISO week containing this date. Never throws: 0001-01-01 is a Monday.
    public var startOfWeek: LocalDate {
        LocalDate(dayNumber: dayNumber - (weekday.rawValue - 1))!
    }

    /// The ISO week (Monday through Sunday) that contains `date`.
    /// - Throws: ``DomainError/invalid(_:)`` on `date` when the Sunday lies after 9999-12-31.
    public static func weekContaining(_ date: LocalDate) throws(DomainError) -> ClosedRange<LocalDate> {
        let monday = date.startOfWeek
        return monday...(try monday.adding(days: 6))
    }

    /// The first day of this date's month.
    public var firstDayOfMonth: LocalDate {
        LocalDate(year: year, month: month, day: 1)!
    }

    /// The last day of this date's month (28, 29, 30 or 31).
    public var lastDayOfMonth: LocalDate {
        LocalDate(year: year, month: month, day: Self.daysIn(month: month, year: year))!
    }

    /// The same day `months` months later (earlier when negative), clamped to the end
    /// of the target month: 2026-01-31 + 1 month is 2026-02-28, 2024-01-31 + 1 is 2024-02-29.
    /// - Throws: ``DomainError/invalid(_:)`` on `date` when the result is outside 0001…9999.
    public func adding(months: Int) throws(DomainError) -> LocalDate {
        try Self.clamped(year: year, month: month, day: day, addingMonths: months)
    }

    /// The date `day` in the month `months` after (`year`, `month`), with `day`
    /// clamped to that month's length: `day` 31 gives 28/29 in February, 30 in April.
    /// Used for anchors such as a retainer's period start day.
    /// - Throws: ``DomainError/invalid(_:)`` on `date` when the result is outside 0001…9999.
    static func clamped(year: Int, month: Int, day: Int, addingMonths months: Int) throws(DomainError) -> LocalDate {
        let (monthIndex, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        guard !overflow else { throw outOfRange }
        let targetYear = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let targetMonth = monthIndex - targetYear * 12 + 1
        guard (1...9999).contains(targetYear) else { throw outOfRange }
        let targetDay = min(max(day, 1), daysIn(month: targetMonth, year: targetYear))
        guard let date = LocalDate(year: targetYear, month: targetMonth, day: targetDay) else { throw outOfRange }
        return date
    }

    /// Days since 1970-01-01 (negative before), after H. Hinnant's `days_from_civil`.
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01, or `nil` outside 0001…9999
    /// (H. Hinnant's `civil_from_days`).
    init?(dayNumber: Int) {
        guard (Self.earliestDayNumber...Self.latestDayNumber).contains(dayNumber) else { return nil }
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    private static let earliestDayNumber = earliest.dayNumber
    private static let latestDayNumber = latest.dayNumber

    static let outOfRange = DomainError.invalid(
        field: "date",
        message: "Dates must lie between 0001-01-01 and 9999-12-31."
    )
}
