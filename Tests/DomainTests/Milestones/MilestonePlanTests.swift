import Domain
import Foundation
import Testing

@Suite("MilestonePlan")
struct MilestonePlanTests {
    @Test(
        arguments: [([], 3000), ([3000], 4000), ([3000, 4000], 3000), ([], 10_000), ([3333, 3333], 3334)]
            as [([Int], Int)]
    )
    func milestonesMayAddUpToOneHundredPercent(existing: [Int], adding: Int) throws {
        try MilestonePlan.check(existingBasisPoints: existing, adding: adding)
    }

    @Test(
        arguments: [
            ([3000, 4000], 4000, "Milestones already total 70.00 %; adding 40.00 % would exceed 100 %."),
            ([3333, 3333], 3335, "Milestones already total 66.66 %; adding 33.35 % would exceed 100 %."),
            ([10_000], 1, "Milestones already total 100.00 %; adding 0.01 % would exceed 100 %."),
            (
                [Int.max, 5000], 1,
                "Milestones already total \(MilestonePlan.percentString(basisPoints: .max)) %; adding 0.01 % would exceed 100 %."
            ),
        ] as [([Int], Int, String)]
    )
    func aMilestoneBeyondOneHundredPercentIsRefusedWithTheCurrentSum(existing: [Int], adding: Int, message: String) {
        #expect(throws: DomainError.invalid(field: "percentage", message: message)) {
            try MilestonePlan.check(existingBasisPoints: existing, adding: adding)
        }
    }

    @Test(arguments: [0, -1, 10_001])
    func aPercentageMustBeAboveZeroAndAtMostOneHundred(adding: Int) {
        #expect(
            throws: DomainError.invalid(
                field: "percentage",
                message: "A percentage must be more than 0 % and at most 100 %."
            )
        ) {
            try MilestonePlan.check(existingBasisPoints: [], adding: adding)
        }
    }

    @Test(
        arguments: [
            // contract (minor units), currency, basis points → amount (minor units)
            (1_000_000, Currency.eur, 3000, 300_000),  // 30 % of 10 000.00
            (1_000_000, .eur, 4000, 400_000),
            (10_001, .eur, 3333, 3333),  // 33.333333 → 33.33
            (5, .eur, 5000, 3),  // 0.025 → 0.03, half up
            (100_000, .eur, 1, 10),  // 0.01 % of 1 000.00 = 0.10
            (1000, .jpy, 3333, 333),  // ¥333.3 → ¥333
            (5, .jpy, 5000, 3),  // ¥2.5 → ¥3
            (1_000_000, .eur, 10_000, 1_000_000),
            (1_000_000, .eur, 0, 0),
        ] as [(Int64, Currency, Int, Int64)]
    )
    func aPercentageMilestonesAmountIsRoundedHalfUpToTheMinorUnit(
        contract: Int64,
        currency: Currency,
        basisPoints: Int,
        amount: Int64
    ) throws {
        let result = try MilestonePlan.amount(
            basisPoints: basisPoints,
            of: Money(amountMinor: contract, currency: currency)
        )
        #expect(result == Money(amountMinor: amount, currency: currency))
    }

    @Test func thirtyFortyThirtyOfTenThousandAddUpExactly() throws {
        let contract = WorkFixture.eur("10000")
        let amounts = try [3000, 4000, 3000].map { (points) throws(DomainError) -> Money in
            try MilestonePlan.amount(basisPoints: points, of: contract)
        }
        #expect(amounts == [WorkFixture.eur("3000"), WorkFixture.eur("4000"), WorkFixture.eur("3000")])
        #expect(try Money.sum(amounts, in: .eur) == contract)
    }

    @Test(arguments: [-1, 10_001])
    func anAmountNeedsAPercentageWithinTheContract(basisPoints: Int) {
        #expect(
            throws: DomainError.invalid(field: "percentage", message: "A percentage must be between 0 % and 100 %.")
        ) {
            try MilestonePlan.amount(basisPoints: basisPoints, of: WorkFixture.eur("100"))
        }
    }

    @Test(arguments: [([], 10_000), ([3000, 4000], 3000), ([10_000], 0), ([6000, 6000], 0)] as [([Int], Int)])
    func theRemainingShareIsNeverNegative(existing: [Int], remaining: Int) {
        #expect(MilestonePlan.remainingBasisPoints(existing: existing) == remaining)
    }

    @Test(arguments: [(7000, "70.00"), (5, "0.05"), (10_000, "100.00"), (3333, "33.33")])
    func basisPointsReadAsPercentagesWithTwoDecimals(basisPoints: Int, text: String) {
        #expect(MilestonePlan.percentString(basisPoints: basisPoints) == text)
    }
}
