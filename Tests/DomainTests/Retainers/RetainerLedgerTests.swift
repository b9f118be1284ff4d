import Domain
import Foundation
import Testing

@Suite("RetainerLedger")
struct RetainerLedgerTests {
    private func rows(_ usages: [RetainerPeriodUsage]) -> [[Int]] {
        usages.map {
            [
                $0.includedMinutes, $0.rolloverMinutes, $0.consumedMinutes, $0.remainingMinutes, $0.overageMinutes,
                $0.forfeitedMinutes,
            ]
        }
    }

    @Test func twentySixHoursAgainstTwentyIncludedAreSixHoursOfOverage() throws {
        let terms = try WorkFixture.retainer()
        let usage = try #require(try RetainerLedger.compute(terms, consumedMinutesPerPeriod: [26 * 60]).first)
        #expect(
            usage.period
                == RetainerPeriod(start: WorkFixture.date("2026-01-01"), endExclusive: WorkFixture.date("2026-02-01"))
        )
        #expect(usage.includedMinutes == 1200)
        #expect(usage.remainingMinutes == 0)
        #expect(usage.overageMinutes == 360)
        #expect(usage.overageRate == WorkFixture.rate("95"))
        #expect(usage.overageAmount == WorkFixture.eur("570"))
        #expect(usage.thresholdCrossed)
    }

    @Test(
        arguments: [
            // consumed → overage minutes, amount at 95.00/h (half up to the cent)
            (1200, 0, "0"),
            (1201, 1, "1.58"),  // 1.5833…
            (1210, 10, "15.83"),  // 15.8333…
            (1218, 18, "28.50"),
            (1700, 500, "791.67"),  // 791.6666…
        ]
    )
    func overageIsPricedPerMinuteRoundedHalfUp(consumed: Int, overage: Int, amount: String) throws {
        let usage = try RetainerLedger.compute(try WorkFixture.retainer(), consumedMinutesPerPeriod: [consumed])[0]
        #expect(usage.overageMinutes == overage)
        #expect(usage.overageAmount == WorkFixture.eur(amount))
    }

    @Test func underTheForfeitRuleUnusedTimeIsLostAtThePeriodsEnd() throws {
        let usages = try RetainerLedger.compute(try WorkFixture.retainer(), consumedMinutesPerPeriod: [600, 1200, 0])
        #expect(
            rows(usages) == [[1200, 0, 600, 600, 0, 600], [1200, 0, 1200, 0, 0, 0], [1200, 0, 0, 1200, 0, 1200]]
        )
    }

    @Test func rolloverIsCappedAndExpires() throws {
        // Cap 10 h, usable for 2 periods. Worked by hand:
        // P0 uses 600 → carries 600 (cap reached).
        // P1 uses 300 of P0's rollover; P0 keeps 300, so only 300 of P1's 1200 fit under the cap.
        // P2 uses nothing; P0's 300 expire, 300 of P2's own minutes join P1's 300.
        // P3 uses 1500: P1's 300, P2's 300, then 900 of its own; 300 left carry.
        // P4 uses 2000 against 1500 → 500 overage.
        let terms = try WorkFixture.retainer(rule: .rollover(capMinutes: 600, expiryPeriods: 2))
        let usages = try RetainerLedger.compute(terms, consumedMinutesPerPeriod: [600, 300, 0, 1500, 2000])
        #expect(
            rows(usages) == [
                [1200, 0, 600, 600, 0, 0],
                [1800, 600, 300, 1500, 0, 900],
                [1800, 600, 0, 1800, 0, 1200],
                [1800, 600, 1500, 300, 0, 0],
                [1500, 300, 2000, 0, 500, 0],
            ]
        )
        #expect(usages[4].overageAmount == WorkFixture.eur("791.67"))
    }

    @Test func rolloverThatExpiresAfterOnePeriodIsOnlyUsableInTheNext() throws {
        let terms = try WorkFixture.retainer(rule: .rollover(capMinutes: 10_000, expiryPeriods: 1))
        let usages = try RetainerLedger.compute(terms, consumedMinutesPerPeriod: [0, 0, 0])
        #expect(
            rows(usages) == [
                [1200, 0, 0, 1200, 0, 0], [2400, 1200, 0, 2400, 0, 1200], [2400, 1200, 0, 2400, 0, 1200],
            ]
        )
    }

    @Test func theOldestRolloverIsUsedFirst() throws {
        // P2 uses 600: taken from P0's minutes (which expire at P2's end), so only 600 are lost.
        // Newest-first would have lost all 1200 of P0's minutes.
        let terms = try WorkFixture.retainer(rule: .rollover(capMinutes: 10_000, expiryPeriods: 2))
        let usages = try RetainerLedger.compute(terms, consumedMinutesPerPeriod: [0, 0, 600, 0])
        #expect(usages[2].forfeitedMinutes == 600)
        #expect(usages[3].rolloverMinutes == 2400)
    }

    @Test func aZeroCapRolloverIsAForfeit() throws {
        let capped = try WorkFixture.retainer(rule: .rollover(capMinutes: 0, expiryPeriods: 3))
        let forfeit = try WorkFixture.retainer()
        let consumed = [100, 2000, 0]
        #expect(
            rows(try RetainerLedger.compute(capped, consumedMinutesPerPeriod: consumed))
                == rows(try RetainerLedger.compute(forfeit, consumedMinutesPerPeriod: consumed))
        )
    }

    @Test(
        arguments: [
            // threshold, included, consumed → crossed
            (80, 1200, 959, false),
            (80, 1200, 960, true),  // exactly 80 %
            (100, 1200, 1199, false),
            (100, 1200, 1200, true),
            (1, 1200, 12, true),
            (80, 0, 0, false),  // nothing included, nothing used
            (80, 0, 1, true),  // nothing included: any use alerts
        ]
    )
    func theAlertThresholdIsCrossedAtItsShareOfTheIncludedTime(
        threshold: Int,
        included: Int,
        consumed: Int,
        crossed: Bool
    ) throws {
        let terms = try WorkFixture.retainer(includedMinutes: included, threshold: threshold)
        #expect(try RetainerLedger.compute(terms, consumedMinutesPerPeriod: [consumed])[0].thresholdCrossed == crossed)
    }

    @Test func theThresholdCountsRolloverAsIncluded() throws {
        let terms = try WorkFixture.retainer(rule: .rollover(capMinutes: 1200, expiryPeriods: 1))
        // P1 has 2400 available; 80 % is 1920.
        let usages = try RetainerLedger.compute(terms, consumedMinutesPerPeriod: [0, 1919, 0])
        #expect(!usages[1].thresholdCrossed)
        #expect(try RetainerLedger.compute(terms, consumedMinutesPerPeriod: [0, 1920])[1].thresholdCrossed)
    }

    @Test func aMidPeriodRateChangeAppliesToTheWholePeriodItEndsIn() throws {
        // 95.00 from the start, 110.00 from Sunday 2026-02-15 (mid-February).
        let terms = try WorkFixture.retainer()
        let rates = RateSchedule([
            EffectiveRate(effectiveFrom: WorkFixture.date("2026-01-01"), rate: WorkFixture.rate("95")),
            EffectiveRate(effectiveFrom: WorkFixture.date("2026-02-15"), rate: WorkFixture.rate("110")),
        ])
        let usages = try RetainerLedger.compute(
            terms,
            consumedMinutesPerPeriod: [1500, 1500, 1500],
            overageRates: rates
        )
        #expect(
            usages.map(\.overageRate) == [WorkFixture.rate("95"), WorkFixture.rate("110"), WorkFixture.rate("110")]
        )
        #expect(
            usages.map(\.overageAmount) == [WorkFixture.eur("475"), WorkFixture.eur("550"), WorkFixture.eur("550")]
        )
    }

    @Test func aRateChangeOnTheFirstDayOfThePeriodAfterDoesNotTouchTheOneBefore() throws {
        let terms = try WorkFixture.retainer()
        let rates = RateSchedule([
            EffectiveRate(effectiveFrom: WorkFixture.date("2026-02-01"), rate: WorkFixture.rate("110"))
        ])
        let usages = try RetainerLedger.compute(terms, consumedMinutesPerPeriod: [1500, 1500], overageRates: rates)
        // January has no rate in the history in force on its last day: the terms' rate applies.
        #expect(usages.map(\.overageRate) == [WorkFixture.rate("95"), WorkFixture.rate("110")])
    }

    @Test func invalidConsumptionIsRefused() throws {
        let ended = try WorkFixture.retainer(end: "2026-02-28")
        #expect(throws: DomainError.invalid(field: "consumed", message: "The retainer has only 2 periods, not 3.")) {
            try RetainerLedger.compute(ended, consumedMinutesPerPeriod: [0, 0, 0])
        }
        #expect(throws: DomainError.invalid(field: "consumed", message: "Consumed time cannot be negative.")) {
            try RetainerLedger.compute(ended, consumedMinutesPerPeriod: [0, -1])
        }
        let dollars = RateSchedule([
            EffectiveRate(effectiveFrom: WorkFixture.date("2026-01-01"), rate: WorkFixture.rate("95", .usd))
        ])
        #expect(
            throws: DomainError.invalid(
                field: "overage_rate",
                message: "The overage rate must be in EUR, like the monthly fee."
            )
        ) {
            try RetainerLedger.compute(ended, consumedMinutesPerPeriod: [0], overageRates: dollars)
        }
        #expect(try RetainerLedger.compute(ended, consumedMinutesPerPeriod: []).isEmpty)
    }
}
