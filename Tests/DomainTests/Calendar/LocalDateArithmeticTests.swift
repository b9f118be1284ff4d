import Domain
import Foundation
import Testing

@Suite("LocalDate arithmetic")
struct LocalDateArithmeticTests {
    private func date(_ text: String) -> LocalDate { WorkFixture.date(text) }
    static let outOfRange = DomainError.invalid(field: "date", message: "Dates must lie between 0001-01-01 and 9999-12-31.")

    @Test(
        arguments: [
            ("2026-03-02", 0, "2026-03-02"),
            ("2026-03-02", 365, "2027-03-02"),
            ("2024-02-28", 1, "2024-02-29"),  // leap year
            ("2023-02-28", 1, "2023-03-01"),
            ("1900-02-28", 1, "1900-03-01"),  // century, not leap
            ("2000-02-28", 1, "2000-02-29"),  // 400-year rule, leap
            ("2026-01-01", -1, "2025-12-31"),
            ("2026-03-01", 1000, "2028-11-25"),
            ("1970-01-01", -719_162, "0001-01-01"),
            ("0001-01-01", 3_652_058, "9999-12-31"),
        ]
    )
    func addingDaysCrossesMonthsYearsAndLeapDays(start: String, days: Int, expected: String) throws {
        #expect(try date(start).adding(days: days) == date(expected))
    }

    @Test(arguments: [("9999-12-31", 1), ("0001-01-01", -1), ("2026-03-04", Int.max), ("2026-03-04", Int.min)])
    func addingDaysBeyondTheCalendarIsRefused(start: String, days: Int) {
        #expect(throws: Self.outOfRange) { try date(start).adding(days: days) }
    }

    @Test(
        arguments: [
            ("2026-03-02", "2026-03-09", 7),
            ("2026-03-09", "2026-03-02", -7),
            ("2026-03-04", "2026-03-04", 0),
            ("2024-01-01", "2025-01-01", 366),
            ("2025-01-01", "2026-01-01", 365),
            ("0001-01-01", "9999-12-31", 3_652_058),
        ]
    )
    func daysBetweenCountsFromTheFirstToTheSecond(from: String, to: String, days: Int) {
        #expect(date(from).days(until: date(to)) == days)
    }

    @Test(
        arguments: [
            ("0001-01-01", Weekday.monday, "0001-01-01"),
            ("1970-01-01", .thursday, "1969-12-29"),
            ("2000-02-29", .tuesday, "2000-02-28"),
            ("2024-02-29", .thursday, "2024-02-26"),
            ("2026-03-04", .wednesday, "2026-03-02"),
            ("2026-03-08", .sunday, "2026-03-02"),
            ("2026-03-09", .monday, "2026-03-09"),
            ("2026-12-31", .thursday, "2026-12-28"),  // the week starts in the same year here
            ("9999-12-31", .friday, "9999-12-27"),
        ]
    )
    func weekdayIsISOAndTheWeekStartsOnMonday(day: String, weekday: Weekday, monday: String) {
        #expect(date(day).weekday == weekday)
        #expect(date(day).startOfWeek == date(monday))
    }

    @Test func isoWeekdaysNumberMondayOneToSundaySeven() {
        #expect(Weekday.allCases.map(\.rawValue) == [1, 2, 3, 4, 5, 6, 7])
        #expect(Weekday.mondayToFriday == [.monday, .tuesday, .wednesday, .thursday, .friday])
    }

    @Test func theWeekContainingADateRunsMondayThroughSunday() throws {
        #expect(try LocalDate.weekContaining(date("2026-03-04")) == date("2026-03-02")...date("2026-03-08"))
        #expect(try LocalDate.weekContaining(date("2026-01-01")) == date("2025-12-29")...date("2026-01-04"))
        #expect(throws: Self.outOfRange) { try LocalDate.weekContaining(date("9999-12-31")) }
    }

    @Test(
        arguments: [
            ("2026-03-04", "2026-03-01", "2026-03-31"),
            ("2026-02-14", "2026-02-01", "2026-02-28"),
            ("2024-02-14", "2024-02-01", "2024-02-29"),
            ("2026-04-30", "2026-04-01", "2026-04-30"),
            ("2026-12-01", "2026-12-01", "2026-12-31"),
        ]
    )
    func firstAndLastDayOfMonth(day: String, first: String, last: String) {
        #expect(date(day).firstDayOfMonth == date(first))
        #expect(date(day).lastDayOfMonth == date(last))
    }

    @Test(
        arguments: [
            ("2026-01-31", 1, "2026-02-28"),  // clamped to month end
            ("2024-01-31", 1, "2024-02-29"),  // leap year
            ("2026-01-31", 2, "2026-03-31"),  // from the original day, not from Feb 28
            ("2026-03-31", 1, "2026-04-30"),
            ("2026-03-15", 12, "2027-03-15"),
            ("2026-03-15", 0, "2026-03-15"),
            ("2026-03-31", -1, "2026-02-28"),
            ("2026-01-15", -1, "2025-12-15"),
            ("2026-01-15", -13, "2024-12-15"),
            ("2024-02-29", 12, "2025-02-28"),
        ]
    )
    func addingMonthsClampsToTheEndOfTheMonth(start: String, months: Int, expected: String) throws {
        #expect(try date(start).adding(months: months) == date(expected))
    }

    @Test(arguments: [("9999-12-01", 1), ("0001-01-31", -1), ("2026-03-04", Int.max)])
    func addingMonthsBeyondTheCalendarIsRefused(start: String, months: Int) {
        #expect(throws: Self.outOfRange) { try date(start).adding(months: months) }
    }

    @Test func everyDayOfFourHundredYearsFollowsTheLastOne() throws {
        // A full Gregorian cycle: each next day is one later, weekdays cycle, months end right.
        var day = date("2000-01-01")
        var weekday = day.weekday.rawValue
        var broken: [LocalDate] = []
        for _ in 0..<146_097 {
            let next = try day.adding(days: 1)
            weekday = weekday % 7 + 1
            let monthEndsRight = (next.day == 1) == (day == day.lastDayOfMonth)
            if day.days(until: next) != 1 || next.weekday.rawValue != weekday || !monthEndsRight {
                broken.append(day)
            }
            day = next
        }
        #expect(broken.isEmpty)
        #expect(day == date("2400-01-01"))
    }
}
