public import Foundation

/// Where a moment falls on the calendar: the one place a ``LocalDate`` comes from a `Date`.
extension LocalDate {
    /// The calendar date of `instant` in `timeZone` (an IANA name; UTC when unknown).
    public static func of(_ instant: Date, timeZone: String = "UTC") -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? LocalDate.earliest
    }
}
