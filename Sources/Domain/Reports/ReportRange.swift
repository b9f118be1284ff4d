/// The period a report covers: `from` through `to`, both included (issue 15 item 8).
public struct ReportRange: Hashable, Sendable {
    /// The longest period a report may cover: three years.
    public static let maximumMonths = 36

    public let from: LocalDate
    public let to: LocalDate

    /// Checks the period.
    /// - Throws: ``DomainError/invalid(_:)`` on `to` when it is before `from`, or when
    ///   the period is longer than three years (`to` on or after `from` + 36 months).
    public init(from: LocalDate, to: LocalDate) throws(DomainError) {
        guard from <= to else {
            throw .invalid(field: "to", message: "The end date must be on or after the start date.")
        }
        let limit = (try? from.adding(months: Self.maximumMonths)) ?? LocalDate.latest
        guard to < limit else {
            throw .invalid(field: "to", message: "A report covers at most 3 years; end the period before \(limit).")
        }
        self.from = from
        self.to = to
    }

    /// The number of days covered, both ends included.
    public var dayCount: Int { from.days(until: to) + 1 }
}
