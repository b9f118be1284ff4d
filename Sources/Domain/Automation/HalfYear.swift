/// A half of a calendar year (January–June or July–December): the period for which
/// Belgium sets its late-payment interest rate (law of 2 August 2002, art. 5).
public struct HalfYear: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1 (January–June) or 2 (July–December).
    public let half: Int

    public init?(year: Int, half: Int) {
        guard (1...9999).contains(year), half == 1 || half == 2 else { return nil }
        self.year = year
        self.half = half
    }

    public init(containing date: LocalDate) {
        year = date.year
        half = date.month <= 6 ? 1 : 2
    }

    /// `2026-H1`.
    public init?(text: some StringProtocol) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), parts[1] == "H1" || parts[1] == "H2" else { return nil }
        self.init(year: year, half: parts[1] == "H1" ? 1 : 2)
    }

    public var description: String { "\(year)-H\(half)" }

    public var firstDay: LocalDate { LocalDate(year: year, month: half == 1 ? 1 : 7, day: 1)! }
    public var lastDay: LocalDate { LocalDate(year: year, month: half == 1 ? 6 : 12, day: half == 1 ? 30 : 31)! }

    public static func < (lhs: HalfYear, rhs: HalfYear) -> Bool {
        (lhs.year, lhs.half) < (rhs.year, rhs.half)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = HalfYear(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected YYYY-H1 or YYYY-H2"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The late-payment interest rate of one half-year, in basis points per year
/// (1050 = 10.50 %): the ECB reference rate + 8 points, rounded up to the next half
/// point, as published in the Moniteur belge.
public struct LatePaymentRate: Sendable, Hashable {
    public var halfYear: HalfYear
    public var rateBP: Int

    public init(halfYear: HalfYear, rateBP: Int) {
        self.halfYear = halfYear
        self.rateBP = rateBP
    }
}

/// The table of rates by half-year (a setting; never one number for all time).
public struct LatePaymentRates: Sendable, Hashable {
    public private(set) var rates: [LatePaymentRate]

    public init(_ rates: [LatePaymentRate]) {
        self.rates = rates.sorted { $0.halfYear < $1.halfYear }
    }

    public func rateBP(for halfYear: HalfYear) -> Int? {
        rates.first { $0.halfYear == halfYear }?.rateBP
    }

    /// Every rule the table breaks: one entry per half-year, rates from 0 to 100 %.
    public var problems: [FieldError] {
        var validation = Validation()
        var seen = Set<HalfYear>()
        for (index, rate) in rates.enumerated() {
            validation.require(
                (0...10_000).contains(rate.rateBP), field: "rates[\(index)].rate_bp", message: "must be from 0 to 10000 (100.00 %)")
            validation.require(seen.insert(rate.halfYear).inserted, field: "rates[\(index)].half_year", message: "appears twice")
        }
        validation.require(rates.count <= 200, field: "rates", message: "must hold at most 200 half-years")
        return validation.errors
    }

    /// The seed of a new agency: 2026-H1 as published (10.50 %, embuild.be); 2025-H2
    /// and 2026-H2 from the formula (ECB main refinancing rate 2.15 % on 1 July 2025 and
    /// on 1 July 2026, + 8 points, rounded up to 10.50 %), to be checked against the
    /// Moniteur belge and corrected in settings.
    public static let belgianDefaults = LatePaymentRates([
        LatePaymentRate(halfYear: HalfYear(year: 2025, half: 2)!, rateBP: 1050),
        LatePaymentRate(halfYear: HalfYear(year: 2026, half: 1)!, rateBP: 1050),
        LatePaymentRate(halfYear: HalfYear(year: 2026, half: 2)!, rateBP: 1050),
    ])
}
