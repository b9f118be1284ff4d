import Domain
import Testing

/// How a run of days splits into whole months (read from the monthly totals) and the
/// other days (read entry by entry): together they cover every day once.
@Suite struct MonthSplitTests {
    static func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    static func described(_ runs: [ClosedRange<LocalDate>]) -> [String] { runs.map { "\($0.lowerBound)…\($0.upperBound)" } }

    static func expectEveryDayOnce(_ split: MonthSplit, from: LocalDate, to: LocalDate) {
        let wholeDays = split.months.map { $0.lowerBound.days(until: $0.upperBound.lastDayOfMonth) + 1 }.reduce(0, +)
        let otherDays = split.days.map { $0.lowerBound.days(until: $0.upperBound) + 1 }.reduce(0, +)
        #expect(wholeDays + otherDays == from.days(until: to) + 1)
        let starts = (split.months.map(\.lowerBound) + split.days.map(\.lowerBound)).sorted()
        let ends = (split.months.map(\.upperBound.lastDayOfMonth) + split.days.map(\.upperBound)).sorted()
        #expect(starts.first == from && ends.last == to)
        for (end, nextStart) in zip(ends, starts.dropFirst()) { #expect((try? end.adding(days: 1)) == nextStart) }
    }

    @Test(arguments: [
        // A calendar month, a quarter, a year, a leap February: whole months only.
        ("2025-03-01", "2025-03-31", ["2025-03-01…2025-03-01"], [String]()),
        ("2025-01-01", "2025-03-31", ["2025-01-01…2025-03-01"], []),
        ("2024-01-01", "2024-12-31", ["2024-01-01…2024-12-01"], []),
        ("2024-02-01", "2024-02-29", ["2024-02-01…2024-02-01"], []),
        // Days on both sides of whole months; on one side only.
        ("2025-01-15", "2025-04-10", ["2025-02-01…2025-03-01"], ["2025-01-15…2025-01-31", "2025-04-01…2025-04-10"]),
        ("2025-01-31", "2025-02-28", ["2025-02-01…2025-02-01"], ["2025-01-31…2025-01-31"]),
        ("2025-01-01", "2025-02-27", ["2025-01-01…2025-01-01"], ["2025-02-01…2025-02-27"]),
        // No whole month: day by day.
        ("2025-03-02", "2025-03-31", [], ["2025-03-02…2025-03-31"]),
        ("2025-03-15", "2025-04-14", [], ["2025-03-15…2025-04-14"]),
        ("2025-03-01", "2025-03-01", [], ["2025-03-01…2025-03-01"]),
        // The first and last months of the calendar.
        ("0001-01-01", "0001-01-31", ["0001-01-01…0001-01-01"], []),
        ("9999-12-02", "9999-12-30", [], ["9999-12-02…9999-12-30"]),
    ])
    func aPeriodIsWholeMonthsAndTheDaysAround(from: String, to: String, months: [String], days: [String]) throws {
        let range = try ReportRange(from: Self.day(from), to: Self.day(to))
        #expect(Self.described(range.monthSplit.months) == months)
        #expect(Self.described(range.monthSplit.days) == days)
        Self.expectEveryDayOnce(range.monthSplit, from: range.from, to: range.to)
    }

    /// Unbilled ageing cuts after the last day of each bucket: the month around a cut is
    /// read day by day, the months between cuts stay whole; a cut at a month's end or
    /// outside the run changes nothing.
    @Test func noWholeMonthSpansACut() {
        let split = MonthSplit(
            from: Self.day("2025-01-01"), to: Self.day("2025-06-20"),
            cuttingAfter: [Self.day("2025-03-10"), Self.day("2025-04-30"), Self.day("2024-12-31"), Self.day("2025-07-01")])
        #expect(Self.described(split.months) == ["2025-01-01…2025-02-01", "2025-04-01…2025-04-01", "2025-05-01…2025-05-01"])
        #expect(Self.described(split.days) == ["2025-03-01…2025-03-10", "2025-03-11…2025-03-31", "2025-06-01…2025-06-20"])
        Self.expectEveryDayOnce(split, from: Self.day("2025-01-01"), to: Self.day("2025-06-20"))
    }
}
