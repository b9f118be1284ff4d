/// Hours derived from minutes with two decimals, as shown to clients and on
/// invoice time lines (SPEC §5): 90 minutes are "1.50", 20 minutes "0.33",
/// 10 minutes "0.17" (rounded half up to the hundredth).
public enum WorkHours {
    /// Hundredths of an hour in `minutes`, rounded half away from zero: 90 → 150.
    /// (Clamped to the `Int64` range for absurd inputs instead of trapping.)
    public static func hundredths(fromMinutes minutes: Int) -> Int64 {
        Int64(clamping: FixedPoint.divideRoundingHalfUp(Int128(minutes) * 100, by: 60))
    }

    /// `minutes` as hours with exactly two decimals: 90 → "1.50", 480 → "8.00".
    public static func decimalString(fromMinutes minutes: Int) -> String {
        FixedPoint.format(hundredths(fromMinutes: minutes), scale: 2)
    }
}
