/// The shape of the demo agency `sheaf demo --scale N` loads (issue 18 item 1): every
/// count follows from the scale, every value from the seed, so two loads with the same
/// seed, scale and last day hold the same rows.
///
/// Per scale unit: one team of a dozen collaborators (its first one a manager who
/// leads it), about two projects (one in five teams runs a third) and half a client
/// (scale 1: four projects, one of each model and a second time-and-materials one);
/// a year of work days ending on ``lastDay``, three or four time entries a day per
/// person (about 10 000 entries per unit), an expense a month per person. Projects
/// cycle through the three billing models: time and materials (half of them), fixed
/// price (with milestones and change requests) and retainer.
public struct DemoPlan: Sendable, Hashable {
    /// Collaborators per team, the lead included.
    public static let teamSize = 12
    /// Largest scale accepted: about 100 million entries.
    public static let maximumScale = 10_000

    public let scale: Int
    public let seed: Int
    /// The last day of logged time; the history is the 52 weeks that end on it.
    public let lastDay: LocalDate

    public init(scale: Int, seed: Int, lastDay: LocalDate) throws(DomainError) {
        guard (1...Self.maximumScale).contains(scale) else {
            throw .invalid(field: "scale", message: "must be between 1 and \(Self.maximumScale)")
        }
        guard seed >= 0 else { throw .invalid(field: "seed", message: "must be zero or more") }
        self.scale = scale
        self.seed = seed
        self.lastDay = lastDay
    }

    public var teams: Int { scale }
    /// Collaborators (members and the teams' managers), without the demo admin and the client contacts.
    public var staff: Int { scale * Self.teamSize }
    public var projects: Int { 2 * scale + (scale + 4) / 5 + 1 }
    public var clients: Int { (projects + 3) / 4 }
    /// The first day of logged time: 52 weeks before ``lastDay``, plus one day.
    public var firstDay: LocalDate { (try? lastDay.adding(days: -363)) ?? lastDay }
    /// Entries at or after this day are still open; before it, submitted.
    public var openFrom: LocalDate { (try? lastDay.adding(days: -13)) ?? lastDay }
    /// Entries before this day are approved.
    public var submittedFrom: LocalDate { (try? lastDay.adding(days: -27)) ?? lastDay }

    /// The billing model of project `index` (1-based): halves time and materials, the
    /// rest split between fixed price and retainer.
    public static func billingModel(ofProject index: Int) -> BillingModel {
        switch index % 4 {
        case 2: .fixedPrice
        case 0: .retainer
        default: .timeAndMaterials
        }
    }

    /// The months (first days) the demo invoices for its time-and-materials projects:
    /// the first two whole months of the history.
    public var invoicedMonths: [LocalDate] {
        let first = firstDay.day == 1 ? firstDay : ((try? firstDay.firstDayOfMonth.adding(months: 1)) ?? firstDay)
        return [first, (try? first.adding(months: 1)) ?? first]
    }
}
