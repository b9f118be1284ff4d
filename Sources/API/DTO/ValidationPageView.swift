import Domain
import Foundation

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
        let entryIDs: [String]
        /// Absent when the period has no recharged expense.
        let expenses: [Expense]?
        let expensesTotal: Amount?

        enum CodingKeys: String, CodingKey {
            case kind, agency, project, period, tasks, people, total, expenses
            case entryIDs = "entry_ids"
            case expensesTotal = "expenses_total"
        }
    }

    /// The page of a timesheet request; nil for content that is not a timesheet.
    init?(_ record: ValidationRecord, errors: [FieldError] = [], name: String = "", comment: String = "") {
        guard record.kind == .timesheet,
            let document = try? JSONDecoder().decode(Document.self, from: Data(record.content.utf8)),
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
        entryCount = document.entryIDs.count
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

/// What the milestone acceptance page (`milestone-validation.mustache`) shows, read back
/// from the stored canonical content (the figures hashed into `content_digest`).
struct MilestonePageView {
    let agency: String
    let projectName: String
    let projectCode: String
    let name: String
    let amount: String
    let currency: String
    let percentage: String
    let hasPercentage: Bool
    let dueDate: String
    let hasDueDate: Bool
    let criteria: String
    let hasCriteria: Bool
    let expiresAt: String
    let digest: String
    let errors: [String]
    let hasErrors: Bool
    let personName: String
    let comment: String

    private struct Document: Decodable {
        struct Project: Decodable {
            let name: String
            let code: String
        }
        struct Amount: Decodable {
            let value: String
            let currency: String
        }
        struct Milestone: Decodable {
            let name: String
            let amount: Amount
            let percentage: String?
            let dueDate: String?
            let criteria: String

            enum CodingKeys: String, CodingKey {
                case name, amount, percentage, criteria
                case dueDate = "due_date"
            }
        }
        let kind: String
        let agency: String
        let project: Project
        let milestone: Milestone
    }

    init?(_ record: ValidationRecord, errors: [FieldError] = [], name: String = "", comment: String = "") {
        guard record.kind == .milestone,
            let document = try? JSONDecoder().decode(Document.self, from: Data(record.content.utf8)),
            document.kind == ValidationContent.Kind.milestone.rawValue
        else { return nil }
        agency = document.agency
        projectName = document.project.name
        projectCode = document.project.code
        self.name = document.milestone.name
        amount = document.milestone.amount.value
        currency = document.milestone.amount.currency
        percentage = document.milestone.percentage ?? ""
        hasPercentage = document.milestone.percentage != nil
        dueDate = document.milestone.dueDate ?? ""
        hasDueDate = document.milestone.dueDate != nil
        criteria = document.milestone.criteria
        hasCriteria = !document.milestone.criteria.isEmpty
        expiresAt = record.linkExpiresAt.map(HTMLPage.humanTime) ?? ""
        digest = record.contentDigest
        self.errors = errors.map { ValidationPageView.sentence($0, choose: "Choose Accept or Reject.") }
        hasErrors = !errors.isEmpty
        personName = name
        self.comment = comment
    }
}

/// What the change-request agreement page (`change-request-validation.mustache`) shows,
/// read back from the stored canonical content.
struct ChangeRequestPageView {
    let agency: String
    let projectName: String
    let projectCode: String
    let reference: String
    let title: String
    let description: String
    let hasDescription: Bool
    let estimateHours: String
    let hasEstimate: Bool
    let isFixed: Bool
    let price: String
    let currency: String
    let expiresAt: String
    let digest: String
    let errors: [String]
    let hasErrors: Bool
    let personName: String
    let comment: String

    private struct Document: Decodable {
        struct Project: Decodable {
            let name: String
            let code: String
        }
        struct Value: Decodable {
            let value: String
            let currency: String
        }
        struct Estimate: Decodable {
            let hours: String
        }
        struct Quote: Decodable {
            let kind: String
            let amount: Value?
            let hourlyRate: Value?

            enum CodingKeys: String, CodingKey {
                case kind, amount
                case hourlyRate = "hourly_rate"
            }
        }
        struct ChangeRequest: Decodable {
            let reference: String?
            let title: String?
            let description: String
            let estimate: Estimate?
            let quote: Quote
        }
        let kind: String
        let agency: String
        let project: Project
        let changeRequest: ChangeRequest

        enum CodingKeys: String, CodingKey {
            case kind, agency, project
            case changeRequest = "change_request"
        }
    }

    init?(_ record: ValidationRecord, errors: [FieldError] = [], name: String = "", comment: String = "") {
        guard record.kind == .changeRequest,
            let document = try? JSONDecoder().decode(Document.self, from: Data(record.content.utf8)),
            document.kind == ValidationContent.Kind.changeRequest.rawValue,
            let price = document.changeRequest.quote.amount ?? document.changeRequest.quote.hourlyRate
        else { return nil }
        let change = document.changeRequest
        agency = document.agency
        projectName = document.project.name
        projectCode = document.project.code
        reference = change.reference ?? "Change request"
        title = change.title ?? change.description
        description = change.description
        hasDescription = !change.description.isEmpty && change.title != nil
        estimateHours = change.estimate?.hours ?? ""
        hasEstimate = change.estimate != nil
        isFixed = change.quote.kind == "fixed"
        self.price = price.value
        currency = price.currency
        expiresAt = record.linkExpiresAt.map(HTMLPage.humanTime) ?? ""
        digest = record.contentDigest
        self.errors = errors.map { ValidationPageView.sentence($0, choose: "Choose Agree or Decline.") }
        hasErrors = !errors.isEmpty
        personName = name
        self.comment = comment
    }
}

/// The page of a validation request, whatever its kind.
enum ValidationPage {
    /// The template and view of `record`'s page; nil when its content cannot be shown.
    static func of(_ record: ValidationRecord, errors: [FieldError] = [], name: String = "", comment: String = "") -> (template: String, view: Any)? {
        switch record.kind {
        case .timesheet:
            ValidationPageView(record, errors: errors, name: name, comment: comment).map { ("validation", $0) }
        case .milestone:
            MilestonePageView(record, errors: errors, name: name, comment: comment).map { ("milestone-validation", $0) }
        case .changeRequest:
            ChangeRequestPageView(record, errors: errors, name: name, comment: comment).map { ("change-request-validation", $0) }
        }
    }
}
