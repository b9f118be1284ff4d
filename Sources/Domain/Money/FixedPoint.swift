/// Exact decimal numbers as scaled integers: with `scale` 4, `"87.5"` is `875_000`.
///
/// No floating-point or decimal type is involved anywhere; parsing and formatting
/// work on ASCII digits, arithmetic on `Int64`/`Int128`.
public enum FixedPoint {
    /// The largest supported scale (10^18 still fits in `Int64`).
    public static let maximumScale = 18

    /// Parses a plain decimal number into an integer scaled by 10^`scale`.
    ///
    /// Accepts surrounding spaces, an optional leading `-` or `+`, digits, and at
    /// most one decimal separator (`.` or `,`) followed by at least one digit.
    /// Thousands separators and exponents are refused.
    /// - Throws: ``DomainError/invalid(_:)`` on `field` when the text is not such a
    ///   number, has more decimals than `scale`, or does not fit in `Int64`.
    public static func parse(_ text: String, scale: Int, field: String = "amount") throws(DomainError) -> Int64 {
        precondition((0...maximumScale).contains(scale), "FixedPoint scale out of range")
        var bytes = Array(text.utf8)[...]
        while let first = bytes.first, isSpace(first) { bytes.removeFirst() }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }

        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        let separatorIndex = bytes.firstIndex { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }
        let whole = bytes[..<(separatorIndex ?? bytes.endIndex)]
        let fraction = separatorIndex.map { bytes[($0 + 1)...] } ?? []

        let example = scale == 0 ? "12" : "12.5"
        guard !whole.isEmpty, whole.allSatisfy(isDigit),
            separatorIndex == nil || (!fraction.isEmpty && fraction.allSatisfy(isDigit))
        else {
            throw .invalid(field: field, message: "Enter a number such as \(example).")
        }
        guard fraction.count <= scale else {
            let message =
                scale == 0
                ? "Enter a whole number."
                : "Use at most \(scale) decimal place\(scale == 1 ? "" : "s")."
            throw .invalid(field: field, message: message)
        }

        let tooLarge = DomainError.invalid(field: field, message: "The number is too large.")
        var value: Int64 = 0
        for byte in whole {
            value = try checked(value.multipliedReportingOverflow(by: 10), or: tooLarge)
            value = try checked(value.addingReportingOverflow(digitValue(byte)), or: tooLarge)
        }
        value = try checked(value.multipliedReportingOverflow(by: powerOfTen(scale)), or: tooLarge)
        // At most `scale` ≤ 18 digits, so the fraction alone cannot overflow.
        var fractionValue: Int64 = 0
        for byte in fraction {
            fractionValue = fractionValue * 10 + digitValue(byte)
        }
        fractionValue *= powerOfTen(scale - fraction.count)
        value = try checked(value.addingReportingOverflow(fractionValue), or: tooLarge)
        return negative ? -value : value
    }

    /// Formats a scaled integer as a decimal string with `.` as separator,
    /// e.g. `format(875_000, scale: 4)` is `"87.5000"`.
    ///
    /// Trailing fraction zeros are dropped down to `minimumFractionDigits`
    /// (by default none are dropped); `format(875_000, scale: 4, minimumFractionDigits: 2)`
    /// is `"87.50"`, and with `0` it is `"87.5"`.
    public static func format(_ value: Int64, scale: Int, minimumFractionDigits: Int? = nil) -> String {
        precondition((0...maximumScale).contains(scale), "FixedPoint scale out of range")
        let magnitude = value.magnitude
        let factor = UInt64(powerOfTen(scale))
        let sign = value < 0 ? "-" : ""
        let whole = String(magnitude / factor)
        guard scale > 0 else { return sign + whole }

        var fraction = String(magnitude % factor)
        fraction = String(repeating: "0", count: scale - fraction.count) + fraction
        let keep = max(0, min(scale, minimumFractionDigits ?? scale))
        while fraction.count > keep, fraction.last == "0" { fraction.removeLast() }
        return fraction.isEmpty ? sign + whole : "\(sign)\(whole).\(fraction)"
    }

    /// `numerator / denominator` rounded half away from zero (commercial rounding:
    /// 2.5 → 3, −2.5 → −3); this is the "round half up" of SPEC §5 for amounts of
    /// either sign. `denominator` must not be zero.
    public static func divideRoundingHalfUp(_ numerator: Int128, by denominator: Int128) -> Int128 {
        precondition(denominator != 0, "division by zero")
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        guard remainder.magnitude >= denominator.magnitude - remainder.magnitude else { return quotient }
        return (numerator < 0) != (denominator < 0) ? quotient - 1 : quotient + 1
    }

    /// 10^`exponent` for 0…18.
    public static func powerOfTen(_ exponent: Int) -> Int64 {
        precondition((0...maximumScale).contains(exponent), "power of ten out of range")
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// Narrows an exact `Int128` result to `Int64`, throwing `error` if it does not fit.
    static func narrow(_ value: Int128, or error: DomainError) throws(DomainError) -> Int64 {
        guard let narrowed = Int64(exactly: value) else { throw error }
        return narrowed
    }

    private static func checked(
        _ result: (partialValue: Int64, overflow: Bool),
        or error: DomainError
    ) throws(DomainError) -> Int64 {
        if result.overflow { throw error }
        return result.partialValue
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func digitValue(_ byte: UInt8) -> Int64 {
        Int64(byte - UInt8(ascii: "0"))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
