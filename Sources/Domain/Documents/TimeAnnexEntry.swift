/// One time entry a time line bills, as the invoice's annex page lists it (issue 13
/// item 1): when, who, how long and what was done.
public struct TimeAnnexEntry: Sendable, Hashable {
    public let lineID: InvoiceLineID
    public let workDate: LocalDate
    public let person: String
    public let minutes: Int
    public let note: String

    public init(lineID: InvoiceLineID, workDate: LocalDate, person: String, minutes: Int, note: String) {
        self.lineID = lineID
        self.workDate = workDate
        self.person = person
        self.minutes = minutes
        self.note = note
    }

    /// The entry's hours as the invoice counts them (two decimals, half up).
    public var hours: InvoiceQuantity { .hours(fromMinutes: minutes) }

    /// The hours of `entries` together: their minutes summed, then rounded once, as a
    /// time line's quantity is.
    public static func hours(of entries: [TimeAnnexEntry]) -> InvoiceQuantity {
        .hours(fromMinutes: entries.reduce(0) { $0 + $1.minutes })
    }
}
