/// An ISO 4217 currency code (three uppercase ASCII letters) and its number of
/// minor-unit digits (EUR 2, JPY 0, KWD 3…).
///
/// Only the shape of the code is checked; any well-formed code is accepted and
/// codes missing from the built-in table are assumed to have 2 minor digits.
/// Encodes as the bare code string.
public struct Currency: Hashable, Sendable {
    /// The three-letter code, e.g. `"EUR"`.
    public let code: String

    /// Validates `code` exactly as given (no trimming, no case folding).
    /// - Throws: ``DomainError/invalid(_:)`` on `field` when it is not three uppercase letters.
    public init(_ code: String, field: String = "currency") throws(DomainError) {
        let bytes = Array(code.utf8)
        guard bytes.count == 3, bytes.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else {
            throw .invalid(field: field, message: "Use a three-letter ISO 4217 currency code such as EUR.")
        }
        self.code = code
    }

    private init(unchecked code: String) {
        self.code = code
    }

    /// Euro.
    public static let eur = Currency(unchecked: "EUR")
    /// US dollar.
    public static let usd = Currency(unchecked: "USD")
    /// Pound sterling.
    public static let gbp = Currency(unchecked: "GBP")
    /// Swiss franc.
    public static let chf = Currency(unchecked: "CHF")
    /// Japanese yen (no minor unit).
    public static let jpy = Currency(unchecked: "JPY")

    /// How many decimal digits the minor unit has (cents: 2).
    public var minorUnitDigits: Int {
        Self.minorUnitDigitsByCode[code] ?? 2
    }

    /// How many minor units make one major unit (100 for EUR, 1 for JPY).
    public var minorUnitsPerMajorUnit: Int64 {
        FixedPoint.powerOfTen(minorUnitDigits)
    }

    /// ISO 4217 currencies whose minor unit is not 2 digits (every other has 2); SQL
    /// that rounds amounts per row takes its digits from here.
    public static let minorUnitDigitsByCode: [String: Int] = [
        // No minor unit.
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
        "PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0,
        "XPF": 0,
        // Three digits.
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        // Four digits (units of account).
        "CLF": 4, "UYW": 4,
    ]
}

extension Currency: CustomStringConvertible {
    /// The code, e.g. `EUR`.
    public var description: String { code }
}

extension Currency: Codable {
    /// Decodes and validates a bare code string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected an ISO 4217 code.")
        }
    }

    /// Encodes the bare code string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
