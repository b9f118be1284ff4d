/// What a client validates for a timesheet period (issue 4 item 6): the approved
/// entries of one project and period, summed per task and per person.
///
/// Both the HTML page and the canonical ``ValidationContent`` are rendered from
/// this one value, so the client sees exactly what is hashed. Every list is
/// sorted (lines by name, then id, comparing UTF-8 bytes; entries by id), so the
/// order in which entries were loaded never changes the result.
public struct TimesheetValidationSubject: Hashable, Sendable {
    /// One approved entry of the period.
    public struct Entry: Hashable, Sendable {
        /// The entry.
        public let id: TimeEntryID
        /// The day the work was done.
        public let workDate: LocalDate
        /// The task it is logged on.
        public let taskID: TaskID
        /// The task's name.
        public let taskName: String
        /// The collaborator who logged it.
        public let userID: UserID
        /// The collaborator's display name.
        public let personName: String
        /// Its minutes (1…1440).
        public let minutes: Int
        /// What the collaborator wrote about it ("" when nothing).
        public let note: String
        /// Whether the client is charged for it.
        public let billable: Bool
        /// The billable rate captured at its approval (nil for subjects built without rates).
        public let billableRate: HourlyRate?

        /// Creates an entry.
        public init(
            id: TimeEntryID,
            workDate: LocalDate,
            taskID: TaskID,
            taskName: String,
            userID: UserID,
            personName: String,
            minutes: Int,
            note: String = "",
            billable: Bool = true,
            billableRate: HourlyRate? = nil
        ) {
            self.id = id
            self.workDate = workDate
            self.taskID = taskID
            self.taskName = taskName
            self.userID = userID
            self.personName = personName
            self.minutes = minutes
            self.note = note
            self.billable = billable
            self.billableRate = billableRate
        }

        /// Its hours with two decimals, in hundredths (90 minutes → 150), as billed.
        public var hundredths: Int64 { WorkHours.hundredths(fromMinutes: minutes) }
        /// Its hours with two decimals, e.g. "1.50".
        public var hours: String { WorkHours.decimalString(fromMinutes: minutes) }

        /// What the client will be billed for it, VAT excluded: its hours (two decimals)
        /// × its billable rate, rounded half up once, as an invoice time line (SPEC §5).
        /// Nil when it is not billable or carries no rate.
        public func amount() throws(DomainError) -> Money? {
            guard billable, let billableRate else { return nil }
            return try billableRate.amount(forHundredthsOfHour: hundredths)
        }
    }

    /// One approved expense of the period, recharged to the client.
    public struct Expense: Hashable, Sendable {
        /// The expense.
        public let id: ExpenseID
        /// The day it was incurred.
        public let date: LocalDate
        /// Its category's wire name (`travel`, `software_licence`…).
        public let category: String
        /// Its note, as written by the collaborator ("" when none).
        public let note: String
        /// The collaborator who incurred it.
        public let personName: String
        /// What the client is charged for it (markup included, VAT excluded).
        public let billableAmount: Money

        /// Creates an expense.
        public init(id: ExpenseID, date: LocalDate, category: String, note: String, personName: String, billableAmount: Money) {
            self.id = id
            self.date = date
            self.category = category
            self.note = note
            self.personName = personName
            self.billableAmount = billableAmount
        }
    }

    /// The time of one task or one person in the period.
    public struct Line<Entity>: Hashable, Sendable {
        /// The task or person.
        public let id: ID<Entity>
        /// Its display name.
        public let name: String
        /// Its total minutes.
        public let minutes: Int
        /// Whether this time is charged (a task's billable and non-billable time are two lines).
        public var billable = true
        /// What its entries will be billed (the sum of their rounded amounts); nil
        /// when nothing of it is billed at a known rate.
        public var amount: Money? = nil
        /// Its total as hours with two decimals, e.g. "1.50".
        public var hours: String { WorkHours.decimalString(fromMinutes: minutes) }
    }

    /// The agency's name, as shown to the client.
    public let agencyName: String
    /// The project's name.
    public let projectName: String
    /// The project's code.
    public let projectCode: String
    /// The first day of the period.
    public let periodFrom: LocalDate
    /// The last day of the period (included).
    public let periodTo: LocalDate
    /// The entries, sorted by id.
    public let entries: [Entry]
    /// Minutes per task, sorted by task name then id.
    public let taskLines: [Line<IDTag.Task>]
    /// Minutes per person, sorted by name then id.
    public let personLines: [Line<IDTag.User>]
    /// All minutes of the period.
    public let totalMinutes: Int
    /// The rechargeable expenses of the period, sorted by date then id.
    public let expenses: [Expense]
    /// The sum of the expenses' billable amounts; `nil` when there is no expense.
    public let expensesTotal: Money?

    /// The minutes the client is charged for.
    public let billableMinutes: Int
    /// What the billable entries will be billed, VAT excluded (the sum of each entry's
    /// rounded amount); nil when no entry carries a rate.
    public let billableAmount: Money?
    /// Whether the entries carry their billable rates, so the content shows amounts
    /// (every request made since the page shows money; older subjects have none).
    public var isPriced: Bool { entries.contains { $0.billableRate != nil } }

    /// The entries as a client reads them: by day, then task, person and id.
    public var entriesByDay: [Entry] {
        entries.sorted { lhs, rhs in
            if lhs.workDate != rhs.workDate { return lhs.workDate < rhs.workDate }
            if lhs.taskName != rhs.taskName { return lhs.taskName.utf8.lexicographicallyPrecedes(rhs.taskName.utf8) }
            if lhs.personName != rhs.personName { return lhs.personName.utf8.lexicographicallyPrecedes(rhs.personName.utf8) }
            return lhs.id.description.utf8.lexicographicallyPrecedes(rhs.id.description.utf8)
        }
    }

    /// The minutes the client is not charged for (internal meetings…).
    public var nonBillableMinutes: Int { totalMinutes - billableMinutes }
    /// The total as hours with two decimals (from the total minutes, not a sum of rounded lines).
    public var totalHours: String { WorkHours.decimalString(fromMinutes: totalMinutes) }
    /// The billable hours with two decimals.
    public var billableHours: String { WorkHours.decimalString(fromMinutes: billableMinutes) }
    /// The non-billable hours with two decimals.
    public var nonBillableHours: String { WorkHours.decimalString(fromMinutes: nonBillableMinutes) }

    /// Sums `entries` and `expenses` of the period `periodFrom`…`periodTo`.
    /// - Throws: ``DomainError/invalid(_:)`` on `to` when the period ends before it
    ///   starts, on `entries` when an entry is outside the period, holds a number of
    ///   minutes outside 1…1440 or appears twice, on `expenses` likewise for an expense
    ///   or for amounts in different currencies; ``DomainError/conflict(_:)`` when
    ///   there is nothing to validate.
    public init(
        agencyName: String,
        projectName: String,
        projectCode: String,
        periodFrom: LocalDate,
        periodTo: LocalDate,
        entries: [Entry],
        expenses: [Expense] = []
    ) throws(DomainError) {
        guard periodFrom <= periodTo else {
            throw .invalid(field: "to", message: "The period must end on or after its first day.")
        }
        guard !entries.isEmpty || !expenses.isEmpty else {
            throw .conflict("There are no approved entries or expenses from \(periodFrom) to \(periodTo) to validate.")
        }
        let sortedExpenses = expenses.sorted { lhs, rhs in
            lhs.date != rhs.date ? lhs.date < rhs.date : lhs.id.description.utf8.lexicographicallyPrecedes(rhs.id.description.utf8)
        }
        guard Set(expenses.map(\.id)).count == expenses.count else {
            throw .invalid(field: "expenses", message: "An expense appears twice.")
        }
        if let outside = expenses.first(where: { !(periodFrom...periodTo).contains($0.date) }) {
            throw .invalid(field: "expenses", message: "The expense \(outside.id) of \(outside.date) is outside \(periodFrom)…\(periodTo).")
        }
        var expensesTotal: Money? = nil
        if let first = sortedExpenses.first {
            do {
                expensesTotal = try Money.sum(sortedExpenses.map(\.billableAmount), in: first.billableAmount.currency)
            } catch {
                throw .invalid(field: "expenses", message: "The expenses of one validation must share one currency.")
            }
        }
        // Sorted first, so that a name is always taken from the same entry.
        let sorted = entries.sorted { $0.id.description.utf8.lexicographicallyPrecedes($1.id.description.utf8) }
        var seen: Set<TimeEntryID> = []
        var taskTotals: [TaskKey: (name: String, minutes: Int, amount: Money?)] = [:]
        var personTotals: [UserID: (name: String, minutes: Int)] = [:]
        var total = 0
        var billable = 0
        var billableAmount: Money? = nil
        for entry in sorted {
            guard seen.insert(entry.id).inserted else {
                throw .invalid(field: "entries", message: "The entry \(entry.id) appears twice.")
            }
            guard (periodFrom...periodTo).contains(entry.workDate) else {
                throw .invalid(
                    field: "entries",
                    message: "The entry \(entry.id) of \(entry.workDate) is outside \(periodFrom)…\(periodTo)."
                )
            }
            guard (1...DailyLimit.minutesPerDay).contains(entry.minutes) else {
                throw .invalid(field: "entries", message: "The entry \(entry.id) has \(entry.minutes) minutes.")
            }
            let key = TaskKey(id: entry.taskID, billable: entry.billable)
            taskTotals[key, default: (entry.taskName, 0, nil)].minutes += entry.minutes
            personTotals[entry.userID, default: (entry.personName, 0)].minutes += entry.minutes
            total += entry.minutes
            if entry.billable { billable += entry.minutes }
            let amount: Money?
            do {
                amount = try entry.amount()
                if let amount {
                    billableAmount = try (billableAmount ?? .zero(amount.currency)).adding(amount)
                    taskTotals[key]!.amount = try (taskTotals[key]!.amount ?? .zero(amount.currency)).adding(amount)
                }
            } catch {
                throw .invalid(field: "entries", message: "The rates of one validation must share one currency.")
            }
        }
        self.agencyName = agencyName
        self.projectName = projectName
        self.projectCode = projectCode
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.entries = sorted
        self.taskLines = taskTotals.map { key, value in
            Line(id: key.id, name: value.name, minutes: value.minutes, billable: key.billable, amount: value.amount)
        }.sorted(by: Self.precedes)
        self.billableMinutes = billable
        self.billableAmount = billableAmount
        self.personLines = Self.lines(personTotals)
        self.totalMinutes = total
        self.expenses = sortedExpenses
        self.expensesTotal = expensesTotal
    }

    /// A task's billable or non-billable time.
    private struct TaskKey: Hashable {
        let id: TaskID
        let billable: Bool
    }

    private static func lines<Entity>(_ totals: [ID<Entity>: (name: String, minutes: Int)]) -> [Line<Entity>] {
        totals.map { Line(id: $0.key, name: $0.value.name, minutes: $0.value.minutes) }.sorted(by: precedes)
    }

    /// By name, then billable before non-billable, then id (UTF-8 bytes).
    private static func precedes<Entity>(_ lhs: Line<Entity>, _ rhs: Line<Entity>) -> Bool {
        if lhs.name != rhs.name { return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8) }
        if lhs.billable != rhs.billable { return lhs.billable }
        return lhs.id.description.utf8.lexicographicallyPrecedes(rhs.id.description.utf8)
    }
}
