/// A collaborator logs at most 24 hours (1440 minutes) per day in total, and each
/// entry holds 1…1440 minutes (SPEC §2 Time entry, issue 4 item 4).
public enum DailyLimit {
    /// The minutes in one day.
    public static let minutesPerDay = 1440

    /// Checks that an entry of `newMinutes` on `date` fits beside `existingMinutes`,
    /// the collaborator's other time that day (excluding the entry being edited).
    /// - Returns: the minutes still free that day after this entry.
    /// - Throws: ``DomainError/invalid(_:)`` on `minutes` when `newMinutes` is outside
    ///   1…1440 or the day's total would exceed 1440; the message names the day and
    ///   the minutes that remain.
    @discardableResult
    public static func check(date: LocalDate, existingMinutes: Int, newMinutes: Int) throws(DomainError) -> Int {
        guard (1...minutesPerDay).contains(newMinutes) else {
            throw .invalid(field: "minutes", message: "Enter between 1 and \(minutesPerDay) minutes.")
        }
        let remaining = remainingMinutes(existingMinutes: existingMinutes)
        guard newMinutes <= remaining else {
            let logged = "\(date) already has \(max(existingMinutes, 0)) minutes logged"
            let message =
                remaining == 0
                ? "\(logged); no more time fits in that day."
                : "\(logged); at most \(remaining) more minute\(remaining == 1 ? " fits" : "s fit") in that day."
            throw .invalid(field: "minutes", message: message)
        }
        return remaining - newMinutes
    }

    /// The minutes still free on a day that already holds `existingMinutes` (never negative).
    public static func remainingMinutes(existingMinutes: Int) -> Int {
        max(0, minutesPerDay - max(existingMinutes, 0))
    }
}
