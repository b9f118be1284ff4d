/// Minutes of approved work of a project in a summary: in the period and up to its
/// end, each in all and billable.
public struct SummaryHours: Sendable, Hashable {
    public let periodMinutes: Int
    public let periodBillableMinutes: Int
    public let toDateMinutes: Int
    public let toDateBillableMinutes: Int

    public init(periodMinutes: Int, periodBillableMinutes: Int, toDateMinutes: Int, toDateBillableMinutes: Int) {
        self.periodMinutes = periodMinutes
        self.periodBillableMinutes = periodBillableMinutes
        self.toDateMinutes = toDateMinutes
        self.toDateBillableMinutes = toDateBillableMinutes
    }
}

/// The period a progress summary covers: a week (Monday to Sunday) or a calendar month.
public struct SummaryPeriod: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case week, month
    }

    public let kind: Kind
    public let from: LocalDate
    public let to: LocalDate

    /// The week or month containing `day`.
    public init(_ kind: Kind, containing day: LocalDate) {
        self.kind = kind
        switch kind {
        case .week:
            from = day.startOfWeek
            to = (try? day.startOfWeek.adding(days: 6)) ?? day
        case .month:
            from = day.firstDayOfMonth
            to = day.lastDayOfMonth
        }
    }
}

/// How often a project e-mails its progress summary to the client's contacts
/// (`projects.summary_frequency`; none when unset).
public enum SummaryFrequency: String, Sendable, Hashable, CaseIterable {
    case weekly, monthly
}

extension SummaryPeriod {
    /// The period whose summary is due on `today` for `frequency`: on a Monday the week
    /// before, on the 1st the month before; nil on other days.
    public static func due(_ frequency: SummaryFrequency, on today: LocalDate) -> SummaryPeriod? {
        switch frequency {
        case .weekly:
            guard today.weekday == .monday, let lastWeek = try? today.adding(days: -7) else { return nil }
            return SummaryPeriod(.week, containing: lastWeek)
        case .monthly:
            guard today == today.firstDayOfMonth, let lastMonth = try? today.adding(days: -1) else { return nil }
            return SummaryPeriod(.month, containing: lastMonth)
        }
    }
}
