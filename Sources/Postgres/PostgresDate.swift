/// A calendar date without time or time zone: what PostgreSQL's `date` holds.
///
/// The wrapper has no date type of its own. The application's calendar-date type
/// conforms in one line (`extension LocalDate: PostgresDate {}`) and is then bound and
/// decoded as `date` in ISO form (`YYYY-MM-DD`; every connection sets
/// `DateStyle ISO, YMD`). `infinity` and dates before year 1 are refused with a decoding
/// error, as are dates the type's own initializer rejects.
public protocol PostgresDate: PostgresArrayElement, PostgresDecodable {
    /// Fails unless the components name a date the type accepts.
    init?(year: Int, month: Int, day: Int)
    var year: Int { get }
    var month: Int { get }
    var day: Int { get }
}

extension PostgresDate {
    /// Sent as `YYYY-MM-DD`.
    public var postgresBind: PostgresBind {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return .text("\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))")
    }

    /// Decodes a `date` column.
    public static func decode(_ cell: PostgresCell) throws -> Self {
        let text = try cell.require("\(Self.self)", accepting: [PostgresType.date])
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            let date = Self(year: year, month: month, day: day)
        else { throw cell.invalid("\(Self.self)") }
        return date
    }
}
