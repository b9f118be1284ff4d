/// A ratio as a percentage with two decimals, rounded half away from zero, in exact
/// integer arithmetic (`42.86` for 3 / 7). Used for margins and utilization.
public enum ReportPercent {
    /// `part / whole × 100` to two decimals as text, or nil when `whole` is zero.
    public static func of(_ part: Int64, over whole: Int64) -> String? {
        guard whole != 0 else { return nil }
        let basisPoints = FixedPoint.divideRoundingHalfUp(Int128(part) * 10_000, by: Int128(whole))
        guard let narrowed = Int64(exactly: basisPoints) else { return nil }
        return FixedPoint.format(narrowed, scale: 2)
    }

    /// The average of `total` over `count` with one decimal (half up), or nil when `count` is zero.
    public static func average(_ total: Int64, count: Int64) -> String? {
        guard count != 0 else { return nil }
        let tenths = FixedPoint.divideRoundingHalfUp(Int128(total) * 10, by: Int128(count))
        guard let narrowed = Int64(exactly: tenths) else { return nil }
        return FixedPoint.format(narrowed, scale: 1)
    }
}
