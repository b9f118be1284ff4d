import Domain
import Foundation
import Hummingbird
import Services

/// "My expenses" (issue 19 item 2): the caller's expenses, a form to log one, a receipt
/// upload per open expense (a `multipart/form-data` form), submitting and deleting.
/// Every action is an `ExpenseService` call, as `/api/v1/expenses` makes it.
struct ConsoleExpensesController {
    let expenses: ExpenseService
    let projects: ProjectService
    let clock: any WallClock
    let session: ConsoleSession

    static let page = "/app/expenses"

    func register(on app: RouterGroup<AuthenticatedContext>) {
        app.get("/app/expenses", use: show)
        app.post("/app/expenses", use: create)
        app.post("/app/expenses/{id}/receipts", use: upload)
        app.post("/app/expenses/{id}/submit", use: submit)
        app.post("/app/expenses/{id}/delete", use: delete)
    }

    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        // As the week: expenses are one's own (client contacts have none).
        try Policy.require(caller.actor, .submitOwnWeek, .user(caller.user.id))
        let mine = try await expenses.listDetails(ExpenseQuery(userID: caller.user.id, limit: 100), caller: caller)
        let visible = try await projects.list(ProjectQuery(limit: 200), caller: caller)
        let page = ExpensesPageView(expenses: mine, projects: visible, today: LocalDate.of(clock.now()), caller: caller, language: console.language)
        return try console.render("console-expenses", titleKey: "expenses_title", section: "expenses", page: page)
    }

    /// `project_id`, `date`, `category`, `amount` (decimal text, excluding VAT, in the
    /// project's currency), `rechargeable` (checkbox), `note`; with a receipt file when
    /// the form is sent as multipart.
    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        return try await ConsoleRequest.perform(success: Self.page, failure: Self.page) {
            guard let projectID = ProjectID(uuidString: try form.required("project_id")) else {
                throw DomainError.invalid(field: "project_id", message: "Choose a project.")
            }
            let project = try await projects.get(projectID, caller: caller)
            guard let category = ExpenseCategory(rawValue: try form.required("category")) else {
                throw DomainError.invalid(field: "category", message: "Choose a category.")
            }
            let date = try LocalDate.parse(try form.required("date"), field: "date")
            let amount = try Money(parsing: Self.decimal(try form.required("amount"), language: language), currency: project.currency)
            let expense = try await expenses.create(
                ExpenseDraft(
                    projectID: projectID, date: date, category: category, amountMinor: amount.amountMinor, rechargeable: form["rechargeable"] != nil,
                    note: form["note"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""),
                caller: caller)
            if let file = form.file { try await attach(file, to: expense.id, caller: caller) }
            return Flash(.ok, ConsoleCatalog.format("expense_saved", language, language.money(expense.amount)))
        }
    }

    @Sendable func upload(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: ExpenseID = try context.pathID(entity: "expense")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        return try await ConsoleRequest.perform(success: Self.page, failure: Self.page) {
            // Whether the caller may add to this expense's receipts at all comes first: an
            // empty form must not tell anyone else that the expense exists.
            _ = try await expenses.receipts(of: id, caller: context.caller)
            guard let file = form.file else { throw DomainError.invalid(field: "receipt", message: "Choose a file to upload.") }
            try await attach(file, to: id, caller: context.caller)
            return Flash(.ok, ConsoleCatalog.text("expense_receipt_added", language))
        }
    }

    func attach(_ file: MultipartFile.Part, to id: ExpenseID, caller: Caller) async throws {
        do {
            _ = try await expenses.addReceipt(
                to: id, data: file.content, fileName: file.fileName.flatMap { $0.isEmpty ? nil : String($0.prefix(255)) }, caller: caller)
        } catch let error as UnsupportedReceiptType {
            throw DomainError.invalid(field: "receipt", message: error.message)
        }
    }

    @Sendable func submit(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: ExpenseID = try context.pathID(entity: "expense")
        _ = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        return try await ConsoleRequest.perform(success: Self.page, failure: Self.page) {
            _ = try await expenses.submit(id, caller: context.caller)
            return Flash(.ok, ConsoleCatalog.text("expense_submitted", language))
        }
    }

    /// `version`: the version shown on the page, so a change made elsewhere is not deleted blindly.
    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: ExpenseID = try context.pathID(entity: "expense")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        return try await ConsoleRequest.perform(success: Self.page, failure: Self.page) {
            guard let version = Int(try form.required("version")) else { throw DomainError.invalid(field: "version", message: "must be a number") }
            try await expenses.delete(id, expectedVersion: version, caller: context.caller)
            return Flash(.ok, ConsoleCatalog.text("expense_deleted", language))
        }
    }

    /// An amount as people of `language` type it ("12,50" in French, Dutch and German;
    /// "1,234.50" in English) as the decimal text `Money(parsing:)` reads.
    static func decimal(_ text: String, language: ClientLanguage) -> String {
        let compact = text.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
            .replacingOccurrences(of: "\u{202F}", with: "")
        switch language {
        case .en: return compact.replacingOccurrences(of: ",", with: "")
        case .fr, .nl, .de: return compact.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        }
    }
}
