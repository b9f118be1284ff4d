import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/expenses`: what collaborators spend on projects (SPEC §2 Expense, issue 5
/// item 1). Authors record, edit and submit their own open expenses; approvers, the
/// admin and the client's contacts read what the policy lets them see, as for time.
/// Receipts are in ``ExpenseReceiptsController``; approval goes through `POST /approvals`.
struct ExpensesController {
    let expenses: ExpenseService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/expenses", use: list)
        api.post("/expenses", use: create)
        api.get("/expenses/{id}", use: get)
        api.patch("/expenses/{id}", use: update)
        api.delete("/expenses/{id}", use: delete)
        api.post("/expenses/{id}/submit", use: submit)
    }

    /// `GET /expenses?from=&to=&project_id=&user_id=&status=&category=&limit=&cursor=`, newest date first.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var query = QueryReader(request)
        var filter = query.expenseFilters()
        let page = query.page()
        filter.limit = page.limit
        if let key = page.after {
            if key.count == 2, let date = LocalDate(iso: key[0]), let id = UUID(uuidString: key[1]) {
                filter.after = (date, id)
            } else {
                query.badCursor()
            }
        }
        try query.throwIfInvalid()
        let fetched = try await expenses.list(filter, caller: caller)
        let showsInternal = Policy.seesExpenseInternals(caller.actor)
        return try JSONBody.response(
            Page(fetched: try fetched.map { try ExpenseDTO($0, showsInternal: showsInternal) }, limit: page.limit) {
                [$0.expenseDate.description, $0.id.description]
            })
    }

    /// The fields of a create or an update body.
    enum FieldKey: String, CodingKey {
        case category, amount, rechargeable, note, projectId, expenseDate, vatRateBp, markupBp
    }

    /// `{"project_id", "expense_date", "category", "amount": {"amount_minor", "currency"?},
    /// "vat_rate_bp"?, "rechargeable"?, "markup_bp"?, "note"?}`.
    struct CreateRequest: Decodable {
        let draft: ExpenseDraft

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: FieldKey.self)
            let projectID = try container.decode(ProjectID.self, forKey: .projectId)
            let date = try container.decode(LocalDate.self, forKey: .expenseDate)
            let category = try container.decodeChoice(ExpenseCategory.self, forKey: .category)
            guard let amount = try container.decodeAmount(forKey: .amount) else {
                throw DecodingError.keyNotFound(FieldKey.amount, .init(codingPath: container.codingPath, debugDescription: "is required"))
            }
            draft = ExpenseDraft(
                projectID: projectID, date: date, category: category, amountMinor: amount.amountMinor, currency: amount.currency,
                vatRateBasisPoints: try container.decodeOptionalWholeNumber(forKey: .vatRateBp),
                rechargeable: try container.decodeOptional(Bool.self, forKey: .rechargeable) ?? true,
                markupBasisPoints: try container.decodeOptionalWholeNumber(forKey: .markupBp) ?? 0,
                note: try container.decodeOptional(String.self, forKey: .note) ?? "")
        }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let body = try await JSONBody.decode(CreateRequest.self, from: request, context: context)
        let expense = try await expenses.create(body.draft, caller: caller)
        return try JSONBody.created(
            try ExpenseDTO(expense, showsInternal: true, receipts: []), location: "/api/v1/expenses/\(expense.id)", version: expense.version)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let found = try await expenses.get(try context.pathID(entity: "expense"), caller: caller)
        var response = try JSONBody.response(try ExpenseDTO(found.expense, showsInternal: Policy.seesExpenseInternals(caller.actor), receipts: found.receipts))
        response.setVersion(found.expense.version)
        return response
    }

    struct UpdateRequest: Decodable {
        let changes: ExpenseChanges

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: FieldKey.self)
            let amount = try container.decodeAmountChange(forKey: .amount)
            if case .some(.none) = amount {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: container.codingPath + [FieldKey.amount], debugDescription: "cannot be null"))
            }
            changes = ExpenseChanges(
                projectID: try container.decodeChange(ProjectID.self, forKey: .projectId),
                date: try container.decodeChange(LocalDate.self, forKey: .expenseDate),
                category: try container.decodeChoiceChange(ExpenseCategory.self, forKey: .category),
                amountMinor: amount??.amountMinor, currency: amount??.currency,
                vatRateBasisPoints: try container.decodeWholeNumberChange(forKey: .vatRateBp),
                rechargeable: try container.decodeChange(Bool.self, forKey: .rechargeable),
                markupBasisPoints: try container.decodeWholeNumberChange(forKey: .markupBp),
                note: try container.decodeChange(String.self, forKey: .note))
        }
    }

    /// `PATCH /expenses/{id}` with `If-Match`: the author's own open expense only.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ExpenseID = try context.pathID(entity: "expense")
        let version = try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(UpdateRequest.self, from: request, context: context)
        let expense = try await expenses.update(id, changes: body.changes, expectedVersion: version, caller: caller)
        var response = try JSONBody.response(try ExpenseDTO(expense, showsInternal: true))
        response.setVersion(expense.version)
        return response
    }

    /// `DELETE /expenses/{id}` (and its receipts); with `If-Match`, only at that version.
    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ExpenseID = try context.pathID(entity: "expense")
        let version = request.headers[.ifMatch] == nil ? nil : try Versioning.requiredVersion(request)
        try await expenses.delete(id, expectedVersion: version, caller: caller)
        return Response(status: .noContent)
    }

    /// `POST /expenses/{id}/submit`: the author sends an open expense for approval.
    @Sendable func submit(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let expense = try await expenses.submit(try context.pathID(entity: "expense"), caller: caller)
        var response = try JSONBody.response(try ExpenseDTO(expense, showsInternal: true))
        response.setVersion(expense.version)
        return response
    }
}

extension QueryReader {
    /// The filters of the expense list and export: `from`, `to`, `project_id`, `user_id`,
    /// `status`, `category`, `client_id`, `rechargeable`.
    mutating func expenseFilters() -> ExpenseQuery {
        var filter = ExpenseQuery()
        filter.from = calendarDate("from")
        filter.to = calendarDate("to")
        filter.projectID = id("project_id")
        filter.userID = id("user_id")
        filter.status = choice("status", as: ExpenseStatus.self)
        filter.category = choice("category", as: ExpenseCategory.self)
        filter.clientID = id("client_id")
        filter.rechargeable = bool("rechargeable")
        if let from = filter.from, let to = filter.to, to < from { fail("to", "must be on or after from") }
        return filter
    }
}
