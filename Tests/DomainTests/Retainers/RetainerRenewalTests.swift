import Domain
import Foundation
import Testing

@Suite("RetainerRenewal")
struct RetainerRenewalTests {
    private let included = 20 * 60

    /// Minutes that are `percent` % of the included 20 h.
    private func share(_ percent: Int) -> Int { included * percent / 100 }

    @Test func theThresholdsAreTwentyPercentOverAndThirtyUnderOverThreePeriods() {
        #expect(RetainerRenewal.periodsConsidered == 3)
        #expect(RetainerRenewal.overThresholdPercent == 20)
        #expect(RetainerRenewal.underThresholdPercent == 30)
    }

    @Test(arguments: [[], [1200], [1500, 1500]])
    func fewerThanThreeCompletedPeriodsAreNotEnoughHistory(consumed: [Int]) {
        let renewal = RetainerRenewal.suggest(includedMinutes: included, completedConsumption: consumed)
        #expect(renewal.kind == .notEnoughHistory)
        #expect(renewal.message == "Not enough history yet: the suggestion needs 3 completed periods.")
        #expect(renewal.deviationPercent == nil)
    }

    @Test func consistentlyThirtyPercentOverSuggestsRaisingToTheAverageRoundedUpToTheHour() {
        // 26 h each: 30 % over; average 26 h.
        let renewal = RetainerRenewal.suggest(includedMinutes: included, completedConsumption: [1560, 1560, 1560])
        #expect(renewal.kind == .raiseIncluded)
        #expect(renewal.deviationPercent == 30)
        #expect(renewal.suggestedIncludedMinutes == 26 * 60)
        #expect(renewal.message == "Consistently 30 % over the included hours: raise the included hours to 26 h.")
    }

    @Test func theSuggestedHoursAreTheAverageRoundedUp() {
        // 25 h, 26 h 1 min, 27 h: average 26 h 0.33 min → 27 h.
        let renewal = RetainerRenewal.suggest(includedMinutes: included, completedConsumption: [1500, 1561, 1620])
        #expect(renewal.kind == .raiseIncluded)
        #expect(renewal.suggestedIncludedMinutes == 27 * 60)
        #expect(renewal.deviationPercent == 30)  // 4681 / 3600 − 1 = 30.03 %
    }

    @Test(
        arguments: [
            // The over threshold is inclusive: exactly 20 % over counts.
            ([120, 120, 120], RetainerRenewal.Kind.raiseIncluded),
            ([120, 150, 119], .renewAsIs),  // one period just below 20 % over
            ([119, 119, 119], .renewAsIs),
            // The under threshold is inclusive: exactly 30 % under counts.
            ([70, 70, 70], .lowerIncludedOrFee),
            ([70, 10, 71], .renewAsIs),  // one period just above
            ([100, 100, 100], .renewAsIs),
            ([150, 40, 150], .renewAsIs),  // mixed
        ]
    )
    func onlyAConsistentPatternMovesTheSuggestion(percents: [Int], kind: RetainerRenewal.Kind) {
        let renewal = RetainerRenewal.suggest(includedMinutes: included, completedConsumption: percents.map(share))
        #expect(renewal.kind == kind)
    }

    @Test func consistentlyUnderSuggestsLoweringTheIncludedHoursOrTheFee() {
        // 11 h each: 45 % under.
        let renewal = RetainerRenewal.suggest(includedMinutes: included, completedConsumption: [660, 660, 660])
        #expect(renewal.kind == .lowerIncludedOrFee)
        #expect(renewal.deviationPercent == -45)
        #expect(renewal.suggestedIncludedMinutes == nil)
        #expect(renewal.message == "Consistently 45 % under the included hours: lower the included hours or the fee.")
    }

    @Test func withinRangeRenewsAsIs() {
        let renewal = RetainerRenewal.suggest(includedMinutes: included, completedConsumption: [1200, 1300, 1100])
        #expect(renewal.kind == .renewAsIs)
        #expect(renewal.deviationPercent == 0)
        #expect(renewal.message == "Consumption is within range: renew as is.")
    }

    @Test func onlyTheLastThreeCompletedPeriodsCount() {
        // Far under long ago, consistently over lately.
        let renewal = RetainerRenewal.suggest(includedMinutes: included, completedConsumption: [0, 0, 1560, 1560, 1560])
        #expect(renewal.kind == .raiseIncluded)
    }

    @Test func withNothingIncludedAnyUseIsOverAndNoUseIsWithinRange() {
        let used = RetainerRenewal.suggest(includedMinutes: 0, completedConsumption: [30, 90, 60])
        #expect(used.kind == .raiseIncluded)
        #expect(used.deviationPercent == nil)
        #expect(used.suggestedIncludedMinutes == 60)
        #expect(used.message == "Consistently used with nothing included: raise the included hours to 1 h.")
        #expect(RetainerRenewal.suggest(includedMinutes: 0, completedConsumption: [0, 0, 0]).kind == .renewAsIs)
    }

    @Test func theLedgerOverloadComparesConsumptionWithTheContractNotTheRollover() throws {
        // Rollover makes later periods' available time 40 h, but renewal is about the 20 h a month includes.
        let terms = try WorkFixture.retainer(rule: .rollover(capMinutes: 1200, expiryPeriods: 1))
        let usages = try RetainerLedger.compute(terms, consumedMinutesPerPeriod: [0, 1500, 1500, 1500])
        let renewal = RetainerRenewal.suggest(terms, completed: usages)
        #expect(renewal.kind == .raiseIncluded)
        #expect(renewal.suggestedIncludedMinutes == 25 * 60)
    }
}
