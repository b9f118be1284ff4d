import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services


/// The invoicing ledger over HTTP (issue 12): unbilled work, drafts and deposits,
/// issue, credit notes, payments, period close. Only the admin writes; managers read
/// their teams' invoices, client contacts their client's issued documents.
struct InvoicesController {
    let invoices: InvoiceService
    let billable: BillableService
    let payments: PaymentService
    let periods: PeriodService
    /// Renders the PDF of record of what is issued here (issue 13 item 3).
    let pdfs: InvoicePDFService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/billable", use: listBillable)
        api.get("/invoices", use: list)
        api.post("/invoices", use: create)
        api.get("/invoices/{id}", use: get)
        api.patch("/invoices/{id}", use: update)
        api.delete("/invoices/{id}", use: delete)
        api.post("/invoices/{id}/issue", use: issue)
        api.post("/invoices/{id}/credit-notes", use: credit)
        api.get("/invoices/{id}/payments", use: listPayments)
        api.post("/invoices/{id}/payments", use: recordPayment)
        api.post("/invoices/{id}/payments/{payment_id}/reverse", use: reversePayment)
        api.post("/payments", use: matchPayment)
        api.post("/periods/close", use: closePeriod)
        api.post("/periods/reopen", use: reopenPeriod)
    }

    /// `GET /billable?client_id=&project_id=&kind=&up_to=`.
    @Sendable func listBillable(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var reader = QueryReader(request)
        var filter = BillableFilter()
        filter.clientID = reader.id("client_id")
        if let project: ProjectID = reader.id("project_id") { filter.projectIDs = [project] }
        if let kind: BillableKind = reader.choice("kind") { filter.kinds = [kind] }
        filter.upTo = reader.calendarDate("up_to")
        try reader.throwIfInvalid()
        return try JSONBody.response(BillableWorkDTO(try await billable.list(filter, caller: context.caller)))
    }

    /// `GET /invoices?status=&client_id=&project_id=&kind=&from=&to=&number=&limit=&cursor=`,
    /// newest first; `from`/`to` are on the issue date.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var reader = QueryReader(request)
        var query = reader.invoiceFilters()
        let page = reader.page()
        query.limit = page.limit
        if let key = page.after {
            if key.count == 1, let id = InvoiceID(uuidString: key[0]) {
                query.after = id
            } else {
                reader.badCursor()
            }
        }
        try reader.throwIfInvalid()
        let fetched = try await invoices.list(query, caller: context.caller)
        return try JSONBody.response(
            Page(fetched: fetched.map(InvoiceDTO.init), limit: page.limit) { [$0.id.description] })
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let body = try await JSONBody.decode(CreateInvoiceRequest.self, from: request, context: context)
        let view: InvoiceView
        switch body {
        case .draft(let draft): view = try await invoices.createDraft(draft, caller: context.caller)
        case .deposit(let deposit): view = try await invoices.createDeposit(deposit, caller: context.caller)
        }
        return try JSONBody.created(InvoiceDTO(view), location: "/api/v1/invoices/\(view.invoice.id)", version: view.invoice.version)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try Self.respond(try await invoices.get(try context.pathID(entity: "invoice"), caller: context.caller))
    }

    /// `PATCH /invoices/{id}` with `If-Match`: drafts only.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: InvoiceID = try context.pathID(entity: "invoice")
        let version = try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(UpdateInvoiceRequest.self, from: request, context: context)
        return try Self.respond(try await invoices.updateDraft(id, edits: body.edits, expectedVersion: version, caller: context.caller))
    }

    /// `DELETE /invoices/{id}` with `If-Match`: a draft, releasing everything it reserved.
    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: InvoiceID = try context.pathID(entity: "invoice")
        let version = try Versioning.requiredVersion(request)
        try await invoices.deleteDraft(id, expectedVersion: version, caller: context.caller)
        return Response(status: .noContent)
    }

    /// `POST /invoices/{id}/issue` with `If-Match`, `{"issue_date"?}` (default today).
    @Sendable func issue(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: InvoiceID = try context.pathID(entity: "invoice")
        let version = try Versioning.requiredVersion(request)
        let body = try await OptionalJSONBody.decode(IssueRequest.self, from: request, context: context)
        let view = try await invoices.issue(id, issueDate: body?.issueDate, expectedVersion: version, caller: context.caller)
        // The PDF of record, once, right after the issue committed (never inside its
        // transaction: rendering takes a second and must not hold the series' lock).
        // Without a renderer, or if it fails, the first download renders it.
        await pdfs.renderOfRecord(id, html: InvoiceDocumentsController.render)
        return try Self.respond(view)
    }

    /// `POST /invoices/{id}/credit-notes`: 201 with the issued credit note.
    @Sendable func credit(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: InvoiceID = try context.pathID(entity: "invoice")
        let body = try await JSONBody.decode(CreditNoteRequest.self, from: request, context: context)
        let view = try await invoices.credit(id, body.note, caller: context.caller)
        await pdfs.renderOfRecord(view.invoice.id, html: InvoiceDocumentsController.render)
        return try JSONBody.created(InvoiceDTO(view), location: "/api/v1/invoices/\(view.invoice.id)", version: view.invoice.version)
    }

    @Sendable func listPayments(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: InvoiceID = try context.pathID(entity: "invoice")
        return try JSONBody.response(ItemsDTO(items: try await payments.list(invoice: id, caller: context.caller).map(PaymentDTO.init)))
    }

    @Sendable func recordPayment(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: InvoiceID = try context.pathID(entity: "invoice")
        return try await record(request, context: context, invoice: id)
    }

    /// `POST /payments`: a bank-statement line matched to its invoice by the structured
    /// communication in `reference`.
    @Sendable func matchPayment(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try await record(request, context: context, invoice: nil)
    }

    func record(_ request: Request, context: AuthenticatedContext, invoice: InvoiceID?) async throws -> Response {
        let body = try await JSONBody.decode(PaymentRequest.self, from: request, context: context)
        let currency = try body.amount.currency.map { code throws(DomainError) in try Currency(code, field: "amount.currency") }
        let recorded = try await payments.record(
            NewPayment(
                invoiceID: invoice, paidOn: body.paidOn, amountMinor: body.amount.amountMinor, currency: currency, method: body.method,
                reference: body.reference),
            caller: context.caller)
        return try JSONBody.created(
            RecordedPaymentDTO(payment: PaymentDTO(recorded.payment), invoice: InvoiceDTO(recorded.invoice)),
            location: "/api/v1/invoices/\(recorded.invoice.invoice.id)/payments")
    }

    @Sendable func reversePayment(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: InvoiceID = try context.pathID(entity: "invoice")
        let paymentID: PaymentID = try context.pathID("payment_id", entity: "payment")
        let body = try await JSONBody.decode(ReasonRequest.self, from: request, context: context)
        let recorded = try await payments.reverse(paymentID, of: id, reason: body.reason, caller: context.caller)
        return try JSONBody.created(
            RecordedPaymentDTO(payment: PaymentDTO(recorded.payment), invoice: InvoiceDTO(recorded.invoice)),
            location: "/api/v1/invoices/\(id)/payments")
    }

    @Sendable func closePeriod(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let body = try await JSONBody.decode(PeriodRequest.self, from: request, context: context)
        guard body.reason == nil else { throw DomainError.invalid(field: "reason", message: "is for reopening only") }
        let closed = try await periods.close(client: body.clientID, month: body.month, caller: context.caller)
        return try JSONBody.response(ClosedPeriodDTO(closed))
    }

    @Sendable func reopenPeriod(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let body = try await JSONBody.decode(PeriodRequest.self, from: request, context: context)
        try await periods.reopen(client: body.clientID, month: body.month, reason: body.reason ?? "", caller: context.caller)
        return Response(status: .noContent)
    }

    static func respond(_ view: InvoiceView) throws -> Response {
        var response = try JSONBody.response(InvoiceDTO(view))
        response.setVersion(view.invoice.version)
        return response
    }
}

/// `{"items": […]}` for short lists that need no pages.
struct ItemsDTO<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
}

struct ClosedPeriodDTO: Encodable, Sendable {
    struct PendingDTO: Encodable, Sendable {
        let submittedTimeEntries: Int
        let openTimeEntries: Int
        let submittedExpenses: Int
        let unvalidatedTimeEntries: Int
        let pendingValidations: Int
    }

    let clientId: ClientID
    let month: String
    let closed: Bool
    let pending: PendingDTO
    @Nullable var draft: InvoiceDTO?

    init(_ closed: ClosedPeriod) {
        clientId = closed.clientID
        month = String(closed.month.description.prefix(7))
        self.closed = true
        pending = PendingDTO(
            submittedTimeEntries: closed.pending.submittedTimeEntries, openTimeEntries: closed.pending.openTimeEntries,
            submittedExpenses: closed.pending.submittedExpenses, unvalidatedTimeEntries: closed.pending.unvalidatedTimeEntries,
            pendingValidations: closed.pending.pendingValidations)
        draft = closed.draft.map(InvoiceDTO.init)
    }
}

/// `GET /api/v1/exports/invoices.csv` (issue 12 item 12): the documents the caller may
/// read, with the filters of the list, one row each — or one row per line with
/// `lines=true` — for the agency's accountant.
struct InvoicesCSVController {
    let invoices: InvoiceService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get(
            "/exports/invoices.csv",
            use: SpreadsheetResponse.negotiating(csv: export, xlsx: InvoicesXLSXController(invoices: invoices).export))
    }

    @Sendable func export(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        var reader = QueryReader(request)
        let query = reader.invoiceFilters()
        let perLine = reader.bool("lines") ?? false
        try reader.throwIfInvalid()
        let data = try await invoices.exportCSV(query, lines: perLine, caller: context.caller)
        let headers: HTTPFields = [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: #"attachment; filename="invoices.csv""#,
            .cacheControl: "no-store",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension QueryReader {
    /// The filters of the invoice list and export: `status`, `client_id`, `project_id`,
    /// `kind`, `from`/`to` (on the issue date), `number`.
    mutating func invoiceFilters() -> InvoiceQuery {
        var query = InvoiceQuery()
        query.status = choice("status")
        query.clientID = id("client_id")
        query.projectID = id("project_id")
        query.kind = choice("kind")
        query.issuedFrom = calendarDate("from")
        query.issuedTo = calendarDate("to")
        query.number = text("number", maxLength: 50)
        return query
    }
}
