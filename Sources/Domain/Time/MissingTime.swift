/// Finds the working days on which a collaborator logged no time (issue 4 item 7;
/// the seed's rule: log daily).
public enum MissingTime {
    /// The longest range, in days (both ends included), a report may cover.
    public static let maximumRangeDays = 366

    /// The dates from `from` through `to` (inclusive) that fall on one of
    /// `workingDays`, are not in `nonWorkingDates` (holidays, leave), and have no
    /// time in `loggedDates` — in ascending order.
    /// - Throws: ``DomainError/invalid(_:)`` on `to` when it is before `from` or the
    ///   range covers more than ``maximumRangeDays`` days.
    public static func missingDays(
        from: LocalDate,
        to: LocalDate,
        workingDays: Set<Weekday> = Weekday.mondayToFriday,
        loggedDates: Set<LocalDate>,
        nonWorkingDates: Set<LocalDate> = []
    ) throws(DomainError) -> [LocalDate] {
        guard from <= to else {
            throw .invalid(field: "to", message: "The end date must be on or after the start date.")
        }
        let length = from.days(until: to) + 1
        guard length <= maximumRangeDays else {
            throw .invalid(
                field: "to",
                message: "A range may cover at most \(maximumRangeDays) days; this one covers \(length)."
            )
        }
        var missing: [LocalDate] = []
        for offset in 0..<length {
            // Within from…to, so always representable.
            guard let date = LocalDate(dayNumber: from.dayNumber + offset) else { continue }
            if workingDays.contains(date.weekday), !loggedDates.contains(date), !nonWorkingDates.contains(date) {
                missing.append(date)
            }
        }
        return missing
    }
}
