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

        /// Creates an entry.
        public init(
            id: TimeEntryID,
            workDate: LocalDate,
            taskID: TaskID,
            taskName: String,
            userID: UserID,
            personName: String,
            minutes: Int
        ) {
            self.id = id
            self.workDate = workDate
            self.taskID = taskID
            self.taskName = taskName
            self.userID = userID
            self.personName = personName
            self.minutes = minutes
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

    /// The total as hours with two decimals (from the total minutes, not a sum of rounded lines).
    public var totalHours: String { WorkHours.decimalString(fromMinutes: totalMinutes) }

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
        var taskTotals: [TaskID: (name: String, minutes: Int)] = [:]
        var personTotals: [UserID: (name: String, minutes: Int)] = [:]
        var total = 0
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
            taskTotals[entry.taskID, default: (entry.taskName, 0)].minutes += entry.minutes
            personTotals[entry.userID, default: (entry.personName, 0)].minutes += entry.minutes
            total += entry.minutes
        }
        self.agencyName = agencyName
        self.projectName = projectName
        self.projectCode = projectCode
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.entries = sorted
        self.taskLines = Self.lines(taskTotals)
        self.personLines = Self.lines(personTotals)
        self.totalMinutes = total
        self.expenses = sortedExpenses
        self.expensesTotal = expensesTotal
    }

    private static func lines<Entity>(_ totals: [ID<Entity>: (name: String, minutes: Int)]) -> [Line<Entity>] {
        totals.map { Line(id: $0.key, name: $0.value.name, minutes: $0.value.minutes) }
            .sorted { lhs, rhs in
                if lhs.name != rhs.name { return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8) }
                return lhs.id.description.utf8.lexicographicallyPrecedes(rhs.id.description.utf8)
            }
    }
}
