import Domain
import Foundation
import Testing

@Suite("ProjectBudget")
struct ProjectBudgetTests {
    typealias Change = ProjectBudget.Change

    @Test func anApprovedChangeRaisesTheCurrentBudgetAndKeepsTheBaseline() throws {
        // 100 h and 10 000.00 EUR, plus a change request of 20 h quoted 1 200.00 EUR.
        let budget = try ProjectBudget(
            baselineMinutes: 6000,
            baselineAmount: WorkFixture.eur("10000"),
            acceptedChanges: [Change(minutes: 1200, amount: WorkFixture.eur("1200"))],
            consumedMinutes: 6500,
            consumedAmount: WorkFixture.eur("9000")
        )
        #expect(budget.baselineMinutes == 6000)
        #expect(budget.baselineAmount == WorkFixture.eur("10000"))
        #expect(budget.changeMinutes == 1200)
        #expect(budget.changeAmount == WorkFixture.eur("1200"))
        #expect(budget.currentMinutes == 7200)
        #expect(budget.currentAmount == WorkFixture.eur("11200"))
        #expect(budget.remainingMinutes == 700)
        #expect(budget.remainingAmount == WorkFixture.eur("2200"))
    }

    @Test(
        arguments: [
            // baseline min, baseline €, changes (min, €) → current min, current €, remaining min, remaining € (consumed 600 min, 500.00)
            (6000, "10000", [], 6000, "10000", 5400, "9500"),  // no change: current is the baseline
            (nil, nil, [], nil, nil, nil, nil),  // no budget at all
            (nil, "10000", [(600, nil)], 600, "10000", 0, "9500"),  // hours come only from the change
            (6000, nil, [(nil, "1200"), (-1200, "-200")], 4800, "1000", 4200, "500"),  // a descoping change
            (300, "400", [], 300, "400", -300, "-100"),  // over budget
            (6000, "10000", [(600, "500"), (60, nil), (nil, "100")], 6660, "10600", 6060, "10100"),
        ] as [(Int?, String?, [(Int?, String?)], Int?, String?, Int?, String?)]
    )
    func currentIsBaselinePlusChangesAndRemainingIsCurrentMinusConsumed(
        baselineMinutes: Int?,
        baselineAmount: String?,
        changes: [(Int?, String?)],
        currentMinutes: Int?,
        currentAmount: String?,
        remainingMinutes: Int?,
        remainingAmount: String?
    ) throws {
        let budget = try ProjectBudget(
            baselineMinutes: baselineMinutes,
            baselineAmount: baselineAmount.map(WorkFixture.eur),
            acceptedChanges: changes.map { Change(minutes: $0.0, amount: $0.1.map(WorkFixture.eur)) },
            consumedMinutes: 600,
            consumedAmount: WorkFixture.eur("500")
        )
        #expect(budget.currentMinutes == currentMinutes)
        #expect(budget.currentAmount == currentAmount.map(WorkFixture.eur))
        #expect(budget.remainingMinutes == remainingMinutes)
        #expect(budget.remainingAmount == remainingAmount.map(WorkFixture.eur))
    }

    @Test func negativeBaselineAndConsumptionAreReportedTogether() {
        let expected = DomainError.invalid([
            FieldError(field: "baseline_minutes", message: "The baseline cannot be negative."),
            FieldError(field: "consumed_minutes", message: "Consumed time cannot be negative."),
        ])
        #expect(throws: expected) {
            try ProjectBudget(
                baselineMinutes: -1,
                baselineAmount: nil,
                acceptedChanges: [],
                consumedMinutes: -1,
                consumedAmount: WorkFixture.eur("0")
            )
        }
    }

    @Test func amountsInAnotherCurrencyAreRefused() {
        let dollars = Money(amountMinor: 100, currency: .usd)
        #expect(throws: DomainError.invalid(field: "currency", message: "Amounts in EUR and USD cannot be combined.")) {
            try ProjectBudget(
                baselineMinutes: nil,
                baselineAmount: nil,
                acceptedChanges: [Change(minutes: nil, amount: dollars)],
                consumedMinutes: 0,
                consumedAmount: WorkFixture.eur("0")
            )
        }
        #expect(throws: DomainError.invalid(field: "currency", message: "Amounts in USD and EUR cannot be combined.")) {
            try ProjectBudget(
                baselineMinutes: nil,
                baselineAmount: dollars,
                acceptedChanges: [],
                consumedMinutes: 0,
                consumedAmount: WorkFixture.eur("0")
            )
        }
    }

    @Test func minutesThatOverflowAreRefused() {
        #expect(throws: DomainError.invalid(field: "minutes", message: "The number of minutes is too large.")) {
            try ProjectBudget(
                baselineMinutes: .max,
                baselineAmount: nil,
                acceptedChanges: [Change(minutes: 1, amount: nil)],
                consumedMinutes: 0,
                consumedAmount: WorkFixture.eur("0")
            )
        }
    }
}
