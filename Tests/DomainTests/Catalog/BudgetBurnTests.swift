import Domain
import Testing

/// The budget burn over time (issue 19 item 6), every figure worked out by hand.
@Suite struct BudgetBurnTests {
    func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    @Test func weeksAddUpAndTheForecastGoesOnAtTheAveragePaceUntilTheBudget() throws {
        // 10 h in the week of 2 Nov (named by its Wednesday), none the next, 15 h in the
        // week of 16 Nov, today. Pace: 25 h over 3 weeks = 8:20 (500 min) a week.
        let burn = try BudgetBurn(
            consumed: [(day("2026-11-04"), 600), (day("2026-11-16"), 900)], baselineMinutes: 2400, budgetMinutes: 3000, today: day("2026-11-18"))
        #expect(burn.weeks.map(\.start.description) == ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30", "2026-12-07"])
        #expect(burn.weeks.map(\.minutes) == [600, 0, 900, 0, 0, 0])
        #expect(burn.weeks.map(\.cumulative) == [600, 600, 1500, 2000, 2500, 3000])
        #expect(burn.weeks.map(\.isForecast) == [false, false, false, true, true, true])
        #expect(burn.consumedMinutes == 1500 && burn.weeklyPace == 500)
        #expect(burn.budgetReachedIn == day("2026-12-07"))
    }

    @Test func thePaceIsRoundedHalfUp() throws {
        // 1001 minutes over two weeks: 500.5 → 501.
        let burn = try BudgetBurn(consumed: [(day("2026-11-02"), 1001)], baselineMinutes: nil, budgetMinutes: nil, today: day("2026-11-09"))
        #expect(burn.weeklyPace == 501)
        // No budget to reach: four weeks of forecast.
        #expect(burn.weeks.filter(\.isForecast).map(\.cumulative) == [1502, 2003, 2504, 3005])
        #expect(burn.budgetReachedIn == nil)
    }

    @Test func aBudgetUsedUpHasNoForecastAndNoTimeNoWeeks() throws {
        let over = try BudgetBurn(consumed: [(day("2026-11-02"), 700)], baselineMinutes: 600, budgetMinutes: 600, today: day("2026-11-02"))
        #expect(over.weeks.map(\.cumulative) == [700])
        #expect(over.budgetReachedIn == nil)
        let none = try BudgetBurn(consumed: [], baselineMinutes: 600, budgetMinutes: 600, today: day("2026-11-02"))
        #expect(none.weeks.isEmpty && none.weeklyPace == 0 && none.consumedMinutes == 0)
    }

    @Test func aLongHistoryShowsItsLastWeeksAndCountsThemAll() throws {
        // 30 weeks of 1 h each: the last 26 are shown, the cumulative counts all 30.
        let start = day("2026-01-05")
        let weeks = try (0..<30).map { (try start.adding(days: 7 * $0), 60) }
        let burn = try BudgetBurn(consumed: weeks, baselineMinutes: nil, budgetMinutes: 1860, today: try start.adding(days: 7 * 29))
        let history = burn.weeks.filter { !$0.isForecast }
        #expect(history.count == 26 && history.first?.cumulative == 300 && history.last?.cumulative == 1800)
        #expect(burn.weeks.filter(\.isForecast).map(\.cumulative) == [1860])
    }
}
