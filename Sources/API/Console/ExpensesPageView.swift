import Domain
import Foundation
import Services

/// "My expenses": the form to log one and the list, each open expense with its
/// receipt upload, submit and delete forms; a sent-back one with its reason.
struct ExpensesPageView: Sendable {
    struct Choice: Sendable {
        let value: String
        let label: String
    }

    struct Row: Sendable {
        let id: String
        let version: Int
        let date: String
        let project: String
        let category: String
        let amount: String
        let rechargeable: Bool
        let note: String
        let status: String
        let open: Bool
        let receipts: Int
        let hasReason: Bool
        let reason: String
        let uploadLabel: String
        let submitLabel: String
        let deleteLabel: String
    }

    let today: String
    let projects: [Choice]
    let hasProjects: Bool
    let categories: [Choice]
    let rows: [Row]
    let hasRows: Bool

    init(expenses: [ExpenseDetail], projects: [Project], today: LocalDate, caller: Caller, language: ClientLanguage) {
        let text = { (key: String) in ConsoleCatalog.text(key, language) }
        self.today = today.description
        self.projects = projects.filter { $0.status == .active && Policy.can(caller.actor, .logOwnTime, .project($0.scope)) }.map {
            Choice(value: $0.id.description, label: "\($0.name) (\($0.code))")
        }
        hasProjects = !self.projects.isEmpty
        categories = ExpenseCategory.allCases.map { Choice(value: $0.rawValue, label: text("expense_category_\($0.rawValue)")) }
        rows = expenses.map { detail in
            let expense = detail.expense
            let what = "\(expense.date) \(language.money(expense.amount))"
            return Row(
                id: expense.id.description, version: expense.version, date: expense.date.description,
                project: "\(detail.projectName) (\(detail.projectCode))", category: text("expense_category_\(expense.category.rawValue)"),
                amount: language.money(expense.amount), rechargeable: expense.rechargeable, note: expense.note,
                status: text("status_\(expense.status.rawValue)"), open: expense.status == .open, receipts: detail.receiptCount,
                hasReason: expense.status == .open && expense.rejectionReason != nil, reason: expense.rejectionReason ?? "",
                uploadLabel: ConsoleCatalog.format("expense_upload_label", language, what),
                submitLabel: ConsoleCatalog.format("expense_submit_label", language, what),
                deleteLabel: ConsoleCatalog.format("expense_delete_label", language, what))
        }
        hasRows = !rows.isEmpty
    }
}
