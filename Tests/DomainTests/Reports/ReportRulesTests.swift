import Domain
import Testing

/// The pure rules of the reports (issue 15): periods, buckets, percentages, weeks and forecasts.
@Suite struct ReportRulesTests {
    static func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    @Test(arguments: [
        ("2025-01-01", "2025-01-01", true), ("2025-01-01", "2027-12-31", true), ("2025-01-01", "2028-01-01", false),
        ("2025-02-01", "2025-01-31", false), ("2024-02-29", "2027-02-28", false), ("2024-02-29", "2027-02-27", true),
    ])
    func aPeriodRunsForwardForAtMostThreeYears(from: String, to: String, valid: Bool) {
        let range = try? ReportRange(from: Self.day(from), to: Self.day(to))
        #expect((range != nil) == valid, "\(from)…\(to)")
    }

    @Test func aBackwardPeriodNamesTheEndDate() {
        #expect(throws: DomainError.invalid(field: "to", message: "The end date must be on or after the start date.")) {
            try ReportRange(from: Self.day("2025-02-01"), to: Self.day("2025-01-31"))
        }
    }

    @Test(arguments: [(-5, AgeingBucket.notDue), (0, .notDue), (1, .days1To30), (30, .days1To30), (31, .days31To60), (60, .days31To60),
        (61, .days61To90), (90, .days61To90), (91, .over90)])
    func receivablesAgeByDaysPastDue(days: Int, bucket: AgeingBucket) {
        #expect(AgeingBucket.receivable(daysPastDue: days) == bucket)
    }

    @Test(arguments: [(0, AgeingBucket.days0To30), (30, .days0To30), (31, .days31To60), (75, .days61To90), (91, .over90)])
    func unbilledWorkAgesByDaysSinceBillable(days: Int, bucket: AgeingBucket) {
        #expect(AgeingBucket.unbilled(ageDays: days) == bucket)
    }

    @Test func percentagesRoundHalfAwayFromZero() {
        #expect(ReportPercent.of(970, over: 2100) == "46.19")  // 46.1904…
        #expect(ReportPercent.of(770, over: 2100) == "36.67")  // 36.6666…
        #expect(ReportPercent.of(1, over: 8) == "12.50")
        #expect(ReportPercent.of(1, over: 30_000) == "0.00")  // 0.0033… → 0.00
        #expect(ReportPercent.of(1, over: 20_000) == "0.01")  // 0.005 → 0.01, half up
        #expect(ReportPercent.of(-200, over: 800) == "-25.00")
        #expect(ReportPercent.of(5, over: 0) == nil)
        #expect(ReportPercent.average(76, count: 1) == "76.0")
        #expect(ReportPercent.average(5, count: 2) == "2.5")
    }

    @Test func theWeeksOfAPeriodAreItsMondays() throws {
        let range = try ReportRange(from: Self.day("2025-03-12"), to: Self.day("2025-03-18"))
        #expect(UtilizationWeek.weeks(of: range) == [Self.day("2025-03-10"), Self.day("2025-03-17")])
        let week = try UtilizationWeek(
            week: Self.day("2025-03-10"), range: range, weeklyTargetMinutes: 2400, billableMinutes: 0, nonBillableMinutes: 0,
            loggedDates: [Self.day("2025-03-13")])
        // Wednesday to Friday of the week are in the period: 3 × 2 400 / 5 = 1 440; Thursday has time.
        #expect(week.workingDays == 3 && week.targetMinutes == 1440 && week.missingDays == 2 && week.missingMinutes == 1440)
        #expect(week.utilizationPercent == "0.00")
    }

    @Test func aForecastCompletesAtThePaceOfTheLastFourWeeks() {
        // 1 650 min left at 1 350 min per 28 days: ceil(34.2) = 35 days; 1 650 × 210 000 / 1 350 = 256 666.7 → 256 667.
        let forecast = BudgetForecast(
            asOf: Self.day("2025-03-31"), consumedMinutes: 1350, consumedMinor: 210_000, burnMinutes: 1350, burnMinor: 210_000,
            estimatedMinutes: 3000, budgetMinutes: nil, budgetMinor: nil)
        #expect(forecast.basis == .estimate && forecast.remaining == 1650 && forecast.weeklyBurnMinutes == 338)
        #expect(forecast.completionDate == Self.day("2025-05-05") && forecast.amountAtCompletionMinor == 466_667)
        let idle = BudgetForecast(
            asOf: Self.day("2025-03-31"), consumedMinutes: 10, consumedMinor: 0, burnMinutes: 0, burnMinor: 0, estimatedMinutes: nil,
            budgetMinutes: 600, budgetMinor: nil)
        #expect(idle.basis == .budgetHours && idle.completionDate == nil && idle.amountAtCompletionMinor == nil)
        let money = BudgetForecast(
            asOf: Self.day("2025-03-31"), consumedMinutes: 600, consumedMinor: 50_000, burnMinutes: 600, burnMinor: 28_000,
            estimatedMinutes: nil, budgetMinutes: nil, budgetMinor: 100_000)
        // 500.00 left at 280.00 per 28 days: 50 days; the budget itself at completion.
        #expect(money.basis == .budgetMoney && money.completionDate == Self.day("2025-05-20") && money.amountAtCompletionMinor == 100_000)
        let done = BudgetForecast(
            asOf: Self.day("2025-03-31"), consumedMinutes: 700, consumedMinor: 1, burnMinutes: 0, burnMinor: 0, estimatedMinutes: 600,
            budgetMinutes: nil, budgetMinor: nil)
        #expect(done.remaining == 0 && done.completionDate == Self.day("2025-03-31"))
    }

    @Test func profitabilityTotalsStayPerCurrency() {
        var euro = ProfitabilityLine(key: "a", currency: .eur)
        euro.invoicedMinor = 210_000
        euro.labourCostMinor = 78_000
        var more = ProfitabilityLine(key: "b", currency: .eur)
        more.creditedMinor = 10_000
        var dollars = ProfitabilityLine(key: "c", currency: .usd)
        dollars.nonRechargeableMinor = 500
        let totals = ProfitabilityLine.totals([euro, more, dollars])
        #expect(totals.map(\.currency) == [.eur, .usd])
        #expect(totals[0].revenueMinor == 200_000 && totals[0].marginMinor == 122_000 && totals[1].marginMinor == -500)
    }
}
