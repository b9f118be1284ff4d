public import Domain

/// Spreadsheet dates: whole days since 1899-12-30 (the 1900 date system as Excel,
/// LibreOffice and Sheets count it, exact from 1900-03-01 on).
public enum XLSXDates {
    private static let epoch = LocalDate(year: 1899, month: 12, day: 30)!

    /// The day serial of `date`: 2026-03-02 → 46083.
    public static func serial(of date: LocalDate) -> Int {
        epoch.days(until: date)
    }

    /// The date of a day serial; nil outside 0001…9999.
    public static func date(serial: Int) -> LocalDate? {
        try? epoch.adding(days: serial)
    }
}
