import Domain
import Foundation
import Services

/// What the timesheet validation page (`validation.mustache`) shows, read back from the stored
/// canonical content, so the figures on the page are exactly the figures hashed
/// into `content_digest` (shown at the bottom of the page).
struct ValidationPageView {
    struct Line {
        let name: String
        let hours: String
    }

    /// A recharged expense of the period.
    struct ExpenseLine {
        let date: String
        let category: String
        let note: String
        let person: String
        let amount: String
    }

    let agency: String
    let projectName: String
    let projectCode: String
    let periodFrom: String
    let periodTo: String
    let tasks: [Line]
    let people: [Line]
    let totalHours: String
    let entryCount: Int
    let hasEntries: Bool
    /// "hours", "expenses" or "hours and expenses": what the page asks to validate.
    let what: String
    let expenseCount: Int
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
            let name: String
            let hours: String
        }
        struct Total: Decodable {
            let hours: String
        }
        struct Amount: Decodable {
            let value: String
            let currency: String
            var text: String { "\(value) \(currency)" }
        }
        struct Expense: Decodable {
            let date: String
            let category: String
            let note: String
            let person: String
            let amount: Amount
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
    }

    /// The page of a timesheet request; nil for content that is not a timesheet.
    init?(_ record: ValidationRecord, errors: [FieldError] = [], name: String = "", comment: String = "") {
        guard record.kind == .timesheet,
            let document = try? SheafJSON.decoder.decode(Document.self, from: Data(record.content.utf8)),
            document.kind == ValidationContent.Kind.timesheet.rawValue
        else { return nil }
        agency = document.agency
        projectName = document.project.name
        projectCode = document.project.code
        periodFrom = document.period.from
        periodTo = document.period.to
        tasks = document.tasks.map { Line(name: $0.name, hours: $0.hours) }
        people = document.people.map { Line(name: $0.name, hours: $0.hours) }
        totalHours = document.total.hours
        entryCount = document.entryIds.count
        expenses = (document.expenses ?? []).map {
            ExpenseLine(
                date: $0.date, category: $0.category.replacingOccurrences(of: "_", with: " "), note: $0.note, person: $0.person,
                amount: $0.amount.text)
        }
        hasExpenses = !expenses.isEmpty
        expenseCount = expenses.count
        hasEntries = entryCount > 0
        what = hasEntries ? (hasExpenses ? "hours and expenses" : "hours") : "expenses"
        expensesTotal = document.expensesTotal?.text ?? ""
        expiresAt = record.linkExpiresAt.map(HTMLPage.humanTime) ?? ""
        digest = record.contentDigest
        self.errors = errors.map { Self.sentence($0, choose: "Choose Accept or Dispute.") }
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
