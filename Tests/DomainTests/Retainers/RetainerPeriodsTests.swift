import Domain
import Foundation
import Testing

@Suite("RetainerPeriods")
struct RetainerPeriodsTests {
    @Test(
        arguments: [
            // start day, start date, end date, through → period starts (each ends where the next starts)
            (
                1, "2026-01-01", nil, "2026-04-15",
                ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"]
            ),
            // Start day 31 clamps to each month's last day, always from the nominal day.
            (
                31, "2026-01-31", nil, "2026-06-30",
                ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31"]
            ),
            (31, "2024-01-31", nil, "2024-03-01", ["2024-01-31", "2024-02-29", "2024-03-31"]),  // leap year
            (30, "2024-01-30", nil, "2024-03-01", ["2024-01-30", "2024-02-29", "2024-03-30"]),
            (29, "2026-01-29", nil, "2026-03-01", ["2026-01-29", "2026-02-28", "2026-03-29"]),
            // Across a year.
            (15, "2025-11-15", nil, "2026-01-20", ["2025-11-15", "2025-12-15", "2026-01-15", "2026-02-15"]),
            (15, "2026-03-15", nil, "2026-03-15", ["2026-03-15", "2026-04-15"]),  // the first day
            (15, "2026-03-15", nil, "2026-03-14", []),  // before the start
            // Ended on 2026-03-31.
            (1, "2026-01-01", "2026-03-31", "2026-12-31", ["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"]),
        ] as [(Int, String, String?, String, [String])]
    )
    func periodsStartOnTheClampedStartDayOfEachMonth(
        day: Int,
        start: String,
        end: String?,
        through: String,
        boundaries: [String]
    ) throws {
        let terms = try WorkFixture.retainer(day: day, start: start, end: end)
        let periods = try RetainerPeriods.periods(terms, through: WorkFixture.date(through))
        let expected = zip(boundaries, boundaries.dropFirst()).map {
            RetainerPeriod(start: WorkFixture.date($0), endExclusive: WorkFixture.date($1))
        }
        #expect(periods == expected)
    }

    @Test func monthLengthsGiveEachPeriodItsDays() throws {
        let terms = try WorkFixture.retainer(day: 1, start: "2024-01-01")
        let periods = try RetainerPeriods.periods(terms, through: WorkFixture.date("2024-12-31"))
        #expect(periods.map(\.dayCount) == [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
        #expect(periods.map(\.dayCount).reduce(0, +) == 366)
        #expect(periods[1].lastDay == WorkFixture.date("2024-02-29"))
    }

    @Test(
        arguments: [
            ("2026-02-27", "2026-01-31", "2026-02-28"),
            ("2026-02-28", "2026-02-28", "2026-03-31"),
            ("2026-03-05", "2026-02-28", "2026-03-31"),
            ("2026-03-31", "2026-03-31", "2026-04-30"),
        ]
    )
    func theContainingPeriodOfADate(day: String, start: String, endExclusive: String) throws {
        let terms = try WorkFixture.retainer(day: 31, start: "2026-01-31")
        let period = try RetainerPeriods.period(terms, containing: WorkFixture.date(day))
        #expect(period == RetainerPeriod(start: WorkFixture.date(start), endExclusive: WorkFixture.date(endExclusive)))
        #expect(period?.contains(WorkFixture.date(day)) == true)
    }

    @Test func noPeriodContainsADateOutsideTheRetainer() throws {
        let terms = try WorkFixture.retainer(day: 1, start: "2026-01-01", end: "2026-06-30")
        #expect(try RetainerPeriods.period(terms, containing: WorkFixture.date("2025-12-31")) == nil)
        #expect(try RetainerPeriods.period(terms, containing: WorkFixture.date("2026-07-01")) == nil)
        #expect(try RetainerPeriods.period(terms, containing: WorkFixture.date("2026-06-30")) != nil)
    }
}

@Suite("RetainerPeriods completion")
struct RetainerPeriodCompletionTests {
    @Test(
        arguments: [
            // today → first day a new overage rate may take effect
            ("2025-12-15", "2026-01-31"),  // not started: the start date
            ("2026-01-31", "2026-01-31"),  // first day of the first period
            ("2026-02-27", "2026-01-31"),  // last day of the first period: still open
            ("2026-02-28", "2026-02-28"),  // the first period ended yesterday
            ("2026-04-10", "2026-03-31"),
            ("2026-09-01", "2026-05-31"),  // ended on 2026-05-30: nothing is open any more
        ]
    )
    func theFirstOpenDayIsTheStartOfThePeriodThatHasNotEnded(today: String, firstOpen: String) throws {
        let terms = try WorkFixture.retainer(day: 31, start: "2026-01-31", end: "2026-05-30")
        #expect(try RetainerPeriods.firstOpenDay(terms, today: WorkFixture.date(today)) == WorkFixture.date(firstOpen))
    }

    @Test func aPeriodIsCompleteFromTheDayAfterItsLastDay() throws {
        let period = RetainerPeriod(start: WorkFixture.date("2026-02-01"), endExclusive: WorkFixture.date("2026-03-01"))
        #expect(!RetainerPeriods.isComplete(period, today: WorkFixture.date("2026-02-28")))
        #expect(RetainerPeriods.isComplete(period, today: WorkFixture.date("2026-03-01")))
    }
}
