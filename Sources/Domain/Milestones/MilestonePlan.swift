/// Rules for the milestones of a fixed-price project (SPEC §2 Milestone, issue 5 item 2).
///
/// Percentages are basis points: 3000 is 30.00 %, 10000 is 100 %. Integers only.
public enum MilestonePlan {
    /// 100 % in basis points.
    public static let wholeContract = 10_000

    /// Checks that a milestone of `adding` basis points may join milestones that
    /// already have `existingBasisPoints` (when editing one, leave it out of
    /// `existingBasisPoints`): it must be 1…10000 and the sum may not pass 100 %.
    /// - Throws: ``DomainError/invalid(_:)`` on `percentage`, with the current sum in
    ///   the message: "Milestones already total 70.00 %; adding 40.00 % would exceed 100 %."
    public static func check(existingBasisPoints: [Int], adding: Int) throws(DomainError) {
        guard (1...wholeContract).contains(adding) else {
            throw .invalid(field: "percentage", message: "A percentage must be more than 0 % and at most 100 %.")
        }
        let current = total(existingBasisPoints)
        guard current <= wholeContract - adding else {
            throw .invalid(
                field: "percentage",
                message:
                    "Milestones already total \(percentString(basisPoints: current)) %; adding \(percentString(basisPoints: adding)) % would exceed 100 %."
            )
        }
    }

    /// The basis points still free for new milestones (never negative).
    public static func remainingBasisPoints(existing: [Int]) -> Int {
        max(0, wholeContract - total(existing))
    }

    /// The sum of stored shares, ignoring negative values and saturating instead of
    /// trapping on corrupt data (each stored share is at most 10000).
    private static func total(_ basisPoints: [Int]) -> Int {
        basisPoints.reduce(0) { sum, value in
            let (next, overflow) = sum.addingReportingOverflow(max(value, 0))
            return overflow ? .max : next
        }
    }

    /// The amount of a milestone worth `basisPoints` of `contract`, rounded half up
    /// to the minor unit: 30 % of 10 000.00 EUR is 3 000.00 EUR, 33.33 % of 100.01
    /// is 33.33 (33.333333).
    /// - Throws: ``DomainError/invalid(_:)`` on `percentage` outside 0…10000, or on
    ///   `amount` on overflow.
    public static func amount(basisPoints: Int, of contract: Money) throws(DomainError) -> Money {
        guard (0...wholeContract).contains(basisPoints) else {
            throw .invalid(field: "percentage", message: "A percentage must be between 0 % and 100 %.")
        }
        return try contract.scaled(by: Int64(basisPoints), over: Int64(wholeContract))
    }

    /// Basis points as a percentage with two decimals, without the sign: 7000 → "70.00".
    public static func percentString(basisPoints: Int) -> String {
        FixedPoint.format(Int64(basisPoints), scale: 2)
    }
}
