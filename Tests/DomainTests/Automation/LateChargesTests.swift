import Domain
import Testing

@Suite("Late-payment charges")
struct LateChargesTests {
    let rates = LatePaymentRates([
        LatePaymentRate(halfYear: HalfYear(year: 2026, half: 1)!, rateBP: 1050),
        LatePaymentRate(halfYear: HalfYear(year: 2026, half: 2)!, rateBP: 1200),
    ])

    func day(_ month: Int, _ day: Int) -> LocalDate { LocalDate(year: 2026, month: month, day: day)! }

    @Test func fortyFiveDaysOnElevenThousandAtTenAndAHalfPercent() throws {
        // 11,582.88 × 10.50 % × 45 / 365 = 149.9427… → 149.94; plus 40.00.
        let charges = try LateCharges.compute(
            amountDueMinor: 1_158_288, dueDate: day(1, 15), settlements: [], asOf: day(3, 1), rates: rates)
        #expect(charges.segments.count == 1)
        #expect(charges.segments[0].days == 45)
        #expect(charges.segments[0].from == day(1, 16))
        #expect(charges.segments[0].to == day(3, 1))
        #expect(charges.interestMinor == 14_994)
        #expect(charges.compensationMinor == 4_000)
        #expect(charges.totalMinor == 18_994)
    }

    @Test func interestIsRoundedHalfUpOncePerRun() throws {
        // 365.00 × 10.00 % × 1 / 365 = 0.10 exactly; 1,825.00 × 10.50 % / 365 = 0.525 → 0.53 (bankers' would give 0.52).
        let ten = LatePaymentRates([LatePaymentRate(halfYear: HalfYear(year: 2026, half: 1)!, rateBP: 1000)])
        #expect(try LateCharges.compute(amountDueMinor: 36_500, dueDate: day(2, 1), settlements: [], asOf: day(2, 2), rates: ten)
            .interestMinor == 10)
        #expect(try LateCharges.compute(amountDueMinor: 182_500, dueDate: day(2, 1), settlements: [], asOf: day(2, 2), rates: rates)
            .interestMinor == 53)
    }

    @Test func aHalfYearBoundarySplitsTheRunAtEachRate() throws {
        // 20 days in June at 10.50 % and 10 days in July at 12.00 %, on 10,000.00.
        let charges = try LateCharges.compute(
            amountDueMinor: 1_000_000, dueDate: day(6, 10), settlements: [], asOf: day(7, 10), rates: rates)
        #expect(charges.segments.map(\.days) == [20, 10])
        #expect(charges.segments.map(\.rateBP) == [1050, 1200])
        // 1,000,000 × 1050 × 20 / 3,650,000 = 5753.42… → 5753; 1,000,000 × 1200 × 10 / 3,650,000 = 3287.67… → 3288.
        #expect(charges.segments.map(\.interestMinor) == [5753, 3288])
        #expect(charges.interestMinor == 9041)
    }

    @Test func aPartPaymentLowersTheBalanceFromItsDate() throws {
        let charges = try LateCharges.compute(
            amountDueMinor: 1_000_000, dueDate: day(3, 1),
            settlements: [LateCharges.Settlement(date: day(3, 11), amountMinor: 400_000)], asOf: day(3, 31), rates: rates)
        #expect(charges.segments.map(\.days) == [9, 21])
        #expect(charges.segments.map(\.balanceMinor) == [1_000_000, 600_000])
    }

    @Test func fullPaymentStopsInterest() throws {
        let charges = try LateCharges.compute(
            amountDueMinor: 1_000_000, dueDate: day(3, 1),
            settlements: [LateCharges.Settlement(date: day(3, 6), amountMinor: 1_000_000)], asOf: day(4, 30), rates: rates)
        #expect(charges.segments.map(\.days) == [4])
    }

    @Test func aMissingHalfYearRateIsNamed() {
        #expect(throws: DomainError.conflict("No late-payment interest rate is set for 2027-H1: add it in the settings.")) {
            try LateCharges.compute(
                amountDueMinor: 1_000, dueDate: LocalDate(year: 2026, month: 12, day: 20)!, settlements: [],
                asOf: LocalDate(year: 2027, month: 1, day: 5)!, rates: rates)
        }
    }

    @Test func nothingIsChargedBeforeTheDueDatePasses() {
        #expect(throws: DomainError.self) {
            try LateCharges.compute(amountDueMinor: 1_000, dueDate: day(3, 1), settlements: [], asOf: day(3, 1), rates: rates)
        }
    }

    @Test func halfYearsParseAndOrder() {
        #expect(HalfYear(text: "2026-H2") == HalfYear(year: 2026, half: 2))
        #expect(HalfYear(text: "2026-H3") == nil)
        #expect(HalfYear(containing: day(6, 30)).half == 1)
        #expect(HalfYear(containing: day(7, 1)).half == 2)
        #expect(HalfYear(year: 2025, half: 2)! < HalfYear(year: 2026, half: 1)!)
    }
}

@Suite("Late-payment charges billed again")
struct LateChargesAgainTests {
    let rates = LatePaymentRates([LatePaymentRate(halfYear: HalfYear(year: 2026, half: 1)!, rateBP: 1050)])

    @Test func aSecondBillingStartsAfterTheLastChargedDayWithoutTheCompensation() throws {
        let due = LocalDate(year: 2026, month: 1, day: 15)!
        let charges = try LateCharges.compute(
            amountDueMinor: 1_158_288, dueDate: due, settlements: [], asOf: LocalDate(year: 2026, month: 3, day: 31)!, rates: rates,
            chargedThrough: LocalDate(year: 2026, month: 3, day: 1)!, compensationBilled: true)
        #expect(charges.segments.map(\.from) == [LocalDate(year: 2026, month: 3, day: 2)!])
        #expect(charges.segments.map(\.days) == [30])
        #expect(charges.compensationMinor == 0)
    }
}
