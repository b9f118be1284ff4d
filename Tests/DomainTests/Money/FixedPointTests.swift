import Domain
import Testing

@Suite("FixedPoint")
struct FixedPointTests {
    @Test(
        arguments: [
            ("87.5", 4, 875_000), ("87,5", 4, 875_000), ("1234.5678", 4, 12_345_678), ("20,5", 4, 205_000),
            ("0", 4, 0), ("100", 4, 1_000_000), (" 12.34\t", 4, 123_400), ("-12.5", 4, -125_000),
            ("+3", 4, 30_000), ("00012.50", 2, 1_250), ("12", 0, 12), ("0.0001", 4, 1),
            ("922337203685477.5807", 4, .max), ("9223372036854775807", 0, .max), ("-9223372036854775807", 0, -.max),
        ] as [(String, Int, Int64)]
    )
    func aDecimalStringParsesToAScaledInteger(text: String, scale: Int, expected: Int64) throws {
        #expect(try FixedPoint.parse(text, scale: scale) == expected)
    }

    @Test(
        arguments: [
            ("87.12345", 4, "Use at most 4 decimal places."),
            ("1.25", 1, "Use at most 1 decimal place."),
            ("12.5", 0, "Enter a whole number."),
            ("", 4, "Enter a number such as 12.5."),
            ("   ", 4, "Enter a number such as 12.5."),
            ("-", 4, "Enter a number such as 12.5."),
            ("abc", 4, "Enter a number such as 12.5."),
            ("1.2.3", 4, "Enter a number such as 12.5."),
            ("1,234.5", 4, "Enter a number such as 12.5."),
            ("1 234", 4, "Enter a number such as 12.5."),
            ("1e3", 4, "Enter a number such as 12.5."),
            (".5", 4, "Enter a number such as 12.5."),
            ("5.", 4, "Enter a number such as 12.5."),
            ("--5", 4, "Enter a number such as 12.5."),
            ("٣", 0, "Enter a number such as 12."),
            ("922337203685477.5808", 4, "The number is too large."),
            ("9223372036854775808", 0, "The number is too large."),
            ("99999999999999999999999", 2, "The number is too large."),
        ] as [(String, Int, String)]
    )
    func aMalformedOrOutOfRangeNumberIsRefusedWithAClearMessage(text: String, scale: Int, message: String) {
        #expect(throws: DomainError.invalid(field: "rate", message: message)) {
            try FixedPoint.parse(text, scale: scale, field: "rate")
        }
    }

    @Test(
        arguments: [
            (875_000, 4, nil, "87.5000"), (875_000, 4, 2, "87.50"), (875_000, 4, 0, "87.5"),
            (10_000, 4, 0, "1"), (-5, 2, nil, "-0.05"), (0, 2, nil, "0.00"), (42, 0, nil, "42"),
            (.min, 2, nil, "-92233720368547758.08"), (.max, 0, nil, "9223372036854775807"),
        ] as [(Int64, Int, Int?, String)]
    )
    func aScaledIntegerFormatsAsADecimalString(value: Int64, scale: Int, minimum: Int?, text: String) {
        #expect(FixedPoint.format(value, scale: scale, minimumFractionDigits: minimum) == text)
    }

    @Test(arguments: [0, 1, 12_345_678, -875_000, .max] as [Int64])
    func formattingThenParsingGivesTheSameValue(value: Int64) throws {
        #expect(try FixedPoint.parse(FixedPoint.format(value, scale: 4), scale: 4) == value)
    }

    @Test(
        arguments: [
            (5, 2, 3), (-5, 2, -3), (5, -2, -3), (7, 2, 4), (4, 3, 1), (5, 3, 2),
            (-4, 3, -1), (-5, 3, -2), (0, 7, 0), (1, 3, 0), (6, 3, 2),
        ] as [(Int128, Int128, Int128)]
    )
    func divisionRoundsHalfAwayFromZero(numerator: Int128, denominator: Int128, expected: Int128) {
        #expect(FixedPoint.divideRoundingHalfUp(numerator, by: denominator) == expected)
    }
}
