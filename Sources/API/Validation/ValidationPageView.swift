import Domain
import Foundation
import Services

/// What the timesheet validation page (`validation.mustache`) shows, read back from the stored
/// canonical content, so the figures on the page are exactly the figures hashed
/// into `content_digest` (shown at the bottom of the page). Content stored in the
/// priced layout (``ValidationContent/pricedTimesheetFormat``) also shows billable and
/// non-billable time apart, the amounts billed and every entry, day by day; numbers
/// and money are written in the reader's ``ClientLanguage``.
struct ValidationPageView {
    struct Line {
        let name: String
        let hours: String
        let amount: String
    }

    /// One entry of the day-by-day detail, with its dispute checkbox.
    struct EntryLine {
        let id: String
        let date: String
        let person: String
        let hours: String
        let note: String
        let amount: String
        let billable: Bool
        /// Ticked again when the form comes back with errors.
        let checked: Bool
        /// The checkbox's accessible name.
        let disputeLabel: String
    }

    /// A task of the day-by-day detail (`<details>`), open when one of its entries is ticked.
    struct TaskDetail {
        let name: String
        let hours: String
        let amount: String
        let billable: Bool
        let open: Bool
        let entries: [EntryLine]
    }

    /// A recharged expense of the period.
    struct ExpenseLine {
        let date: String
        let category: String
        let note: String
        let person: String
        let amount: String
    }

    let lang: String
    let t: ValidationLabels
    let agency: String
    let projectName: String
    let projectCode: String
    let periodFrom: String
    let periodTo: String
    let tasks: [Line]
    let people: [Line]
    let totalHours: String
    /// "12 time entries" / "1 time entry".
    let entryCountText: String
    let hasEntries: Bool
    /// Content in the priced layout: billable split, amounts, day-by-day detail.
    let isPriced: Bool
    let billableTasks: [Line]
    let hasBillableTasks: Bool
    let nonBillableTasks: [Line]
    let hasNonBillable: Bool
    let billableHours: String
    let nonBillableHours: String
    let billableAmount: String
    let hasBillableAmount: Bool
    let taskDetails: [TaskDetail]
    /// "hours", "expenses" or "hours and expenses": what the page asks to validate.
    let what: String
    /// "3 expenses recharged" / "1 expense recharged".
    let expenseCountText: String
    let expenses: [ExpenseLine]
    let hasExpenses: Bool
    let expensesTotal: String
    let expiresAt: String
    let digest: String
    /// Problems of a previous attempt, shown above the form (`role="alert"`).
    let errors: [String]
    let hasErrors: Bool
    /// What the person typed in the previous attempt.
    let name: String
    let comment: String

    /// The canonical timesheet document of ``ValidationContent/init(timesheet:)``.
    private struct Document: Decodable {
        struct Project: Decodable {
            let name: String
            let code: String
        }
        struct Period: Decodable {
            let from: String
            let to: String
        }
        struct Line: Decodable {
            let id: String
            let name: String
            let hours: String
            /// Priced layout only.
            let billable: Bool?
            let amount: Amount?
        }
        struct Total: Decodable {
            let hours: String
            let amount: Amount?
        }
        struct Amount: Decodable {
            let value: String
            let currency: String
        }
        struct Expense: Decodable {
            let date: String
            let category: String
            let note: String
            let person: String
            let amount: Amount
        }
        struct Entry: Decodable {
            let id: String
            let date: String
            let taskId: String
            let person: String
            let hours: String
            let note: String
            let billable: Bool
            let amount: Amount?
        }
        let kind: String
        let agency: String
        let project: Project
        let period: Period
        let tasks: [Line]
        let people: [Line]
        let total: Total
        let entryIds: [String]
        /// Absent when the period has no recharged expense.
        let expenses: [Expense]?
        let expensesTotal: Amount?
        /// Priced layout only.
        let entries: [Entry]?
        let billable: Total?
        let nonBillable: Total?
    }

    /// The page of a timesheet request; nil for content that is not a timesheet.
    /// `disputed` are the entries ticked in a previous attempt.
    init?(
        _ record: ValidationRecord, errors: [FieldError] = [], name: String = "", comment: String = "", disputed: Set<String> = [],
        language: ClientLanguage = .en
    ) {
        guard record.kind == .timesheet,
            let document = try? SheafJSON.decoder.decode(Document.self, from: Data(record.content.utf8)),
            document.kind == ValidationContent.Kind.timesheet.rawValue
        else { return nil }
        let labels = ValidationLabels.of(language)
        func money(_ amount: Document.Amount?) -> String {
            amount.map { language.money($0.value, currency: $0.currency) } ?? ""
        }
        func line(_ line: Document.Line) -> Line {
            Line(name: line.name, hours: language.hours(line.hours), amount: money(line.amount))
        }
        lang = language.rawValue
        t = labels
        agency = document.agency
        projectName = document.project.name
        projectCode = document.project.code
        periodFrom = document.period.from
        periodTo = document.period.to
        tasks = document.tasks.map(line)
        people = document.people.map(line)
        totalHours = language.hours(document.total.hours)
        let entryCount = document.entryIds.count
        entryCountText = entryCount == 1 ? "1 time entry" : "\(entryCount) time entries"
        hasEntries = entryCount > 0

        let entries = document.entries ?? []
        isPriced = document.entries != nil && hasEntries
        billableTasks = document.tasks.filter { $0.billable ?? true }.map(line)
        hasBillableTasks = !billableTasks.isEmpty
        nonBillableTasks = document.tasks.filter { $0.billable == false }.map(line)
        hasNonBillable = !nonBillableTasks.isEmpty
        billableHours = language.hours(document.billable?.hours ?? document.total.hours)
        nonBillableHours = language.hours(document.nonBillable?.hours ?? "0.00")
        billableAmount = money(document.billable?.amount)
        hasBillableAmount = document.billable?.amount != nil
        taskDetails = document.tasks.map { task in
            let lines = entries.filter { $0.taskId == task.id && $0.billable == (task.billable ?? true) }.map { entry in
                let hours = language.hours(entry.hours)
                return EntryLine(
                    id: entry.id, date: entry.date, person: entry.person, hours: hours, note: entry.note, amount: money(entry.amount),
                    billable: entry.billable, checked: disputed.contains(entry.id),
                    disputeLabel: labels.disputeEntry(date: entry.date, person: entry.person, hours: hours))
            }
            return TaskDetail(
                name: task.name, hours: language.hours(task.hours), amount: money(task.amount), billable: task.billable ?? true,
                open: lines.contains(where: \.checked), entries: lines)
        }.filter { !$0.entries.isEmpty }

        expenses = (document.expenses ?? []).map {
            ExpenseLine(
                date: $0.date, category: ValidationLabels.category($0.category, in: language), note: $0.note, person: $0.person,
                amount: money($0.amount))
        }
        hasExpenses = !expenses.isEmpty
        expenseCountText = expenses.count == 1 ? "1 expense recharged" : "\(expenses.count) expenses recharged"
        what = hasEntries ? (hasExpenses ? "hours and expenses" : "hours") : "expenses"
        expensesTotal = money(document.expensesTotal)
        expiresAt = record.linkExpiresAt.map(HTMLPage.humanTime) ?? ""
        digest = record.contentDigest
        self.errors = errors.map { Self.sentence($0, choose: "Choose Accept or Reject.") }
        hasErrors = !errors.isEmpty
        self.name = name
        self.comment = comment
    }

    static func sentence(_ error: FieldError, choose: String) -> String {
        if error.field == "decision" { return choose }
        // "must be at most 2000 characters" needs its subject on a page; full sentences do not.
        guard error.message.hasPrefix("must") || error.message.hasPrefix("is ") else { return error.message }
        let subject = ["comment": "The comment", "name": "Your name"][error.field] ?? error.field
        return "\(subject) \(error.message)."
    }
}
