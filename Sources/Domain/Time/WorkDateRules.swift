public import Foundation

/// When time may be logged, and by whom it may be decided (issue 10 items 9 and 10).
public enum WorkDateRules {
    /// "Today" for the author of time is their calendar date, not the server's.
    public static func today(at instant: Date, timeZone: String) -> LocalDate {
        LocalDate.of(instant, timeZone: timeZone)
    }

    /// Refuses a work date more than `maxDaysAhead` days after `today`: time is logged
    /// for work done, or about to be done (a typo such as 2027 for 2026 is caught here
    /// instead of on an invoice).
    /// - Throws: ``DomainError/invalid(_:)`` on `field`.
    public static func checkNotTooFarAhead(
        _ workDate: LocalDate, today: LocalDate, maxDaysAhead: Int, field: String = "work_date"
    ) throws(DomainError) {
        guard today.days(until: workDate) > maxDaysAhead else { return }
        let limit = (try? today.adding(days: maxDaysAhead)).map { " (\($0))" } ?? ""
        throw .invalid(
            field: field,
            message: "is more than \(maxDaysAhead) day\(maxDaysAhead == 1 ? "" : "s") after today\(limit): log time for work done or about to be done.")
    }

    /// Separation of duties: an approver does not decide on their own time or expenses
    /// unless the agency allows it (one-person teams); another lead of the team or the
    /// admin does.
    /// - Throws: ``DomainError/forbidden(_:)`` when `approver` is `author` and it is not allowed.
    public static func checkNotSelfApproval(author: UserID, approver: UserID, allowed: Bool, item: String) throws(DomainError) {
        guard author == approver, !allowed else { return }
        throw .forbidden(
            "You cannot approve or reject your own \(item): another lead of the team or the admin decides on it. "
                + "(An admin can allow this for one-person teams with the setting allow_self_approval.)")
    }
}
