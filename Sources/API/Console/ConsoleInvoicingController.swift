import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// The admin's invoicing in the console (issue 19 item 4): the unbilled queue by
/// client with ages, a draft from it, the document preview, issuing, the invoice list
/// with statuses and balances, and recording a payment. The calls are those of
/// `InvoicesController` and `InvoiceDocumentsController`, so the rules are theirs
/// (managers read their teams' invoices; members and clients are refused).
struct ConsoleInvoicingController {
    let invoices: InvoiceService
    let billable: BillableService
    let payments: PaymentService
    let clients: ClientService
    let pdfs: InvoicePDFService
    let clock: any WallClock
    let session: ConsoleSession

    func register(on app: RouterGroup<AuthenticatedContext>) {
        app.get("/app/billable", use: unbilled)
        app.get("/app/invoices", use: list)
        app.post("/app/invoices", use: draft)
        app.get("/app/invoices/{id}", use: show)
        app.get("/app/invoices/{id}/document", use: document)
        app.get("/app/invoices/{id}/pdf", use: pdf)
        app.post("/app/invoices/{id}/issue", use: issue)
        app.post("/app/invoices/{id}/payments", use: recordPayment)
    }

    struct ClientWork: Sendable {
        let clientID: String
        let client: String
        let count: Int
        let amount: String
        let age: String
        let old: Bool
        let draftLabel: String
        let pickLabel: String
    }

    struct Option: Sendable {
        let value: String
        let label: String
    }

    struct UnbilledPage: Sendable {
        let clients: [ClientWork]
        let hasClients: Bool
        let groupings: [Option]
    }

    /// Everything billable and not invoiced, per client, oldest first.
    @Sendable func unbilled(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let work = try await billable.list(BillableFilter(), caller: caller)
        let names = try await clientNames(caller)
        let rows = work.summaries.sorted { $0.oldestAgeDays > $1.oldestAgeDays }.map { summary in
            let name = names[summary.clientID] ?? summary.clientID.description
            return ClientWork(
                clientID: summary.clientID.description, client: name, count: summary.count,
                amount: summary.amounts.map { console.language.money($0) }.joined(separator: " + "),
                age: ConsoleCatalog.format("days", console.language, String(summary.oldestAgeDays)), old: summary.oldestAgeDays > 30,
                draftLabel: "\(console.text("billable_draft")) — \(name)", pickLabel: ConsoleCatalog.format("billable_pick_label", console.language, name))
        }
        let groupings = TimeGrouping.allCases.map { Option(value: $0.rawValue, label: console.text("grouping_\($0.rawValue)")) }
        return try console.render(
            "console-billable", titleKey: "billable_title", section: "billable", page: UnbilledPage(clients: rows, hasClients: !rows.isEmpty, groupings: groupings))
    }

    func clientNames(_ caller: Caller) async throws -> [ClientID: String] {
        var names: [ClientID: String] = [:]
        for client in try await clients.list(ClientQuery(limit: 200), caller: caller) { names[client.id] = client.name }
        return names
    }

    struct InvoiceRow: Sendable {
        let id: String
        let number: String
        let client: String
        let status: String
        let statusCode: String
        let issued: String
        let due: String
        let total: String
        let balance: String
        /// "Credit note" or "Deposit"; empty for an invoice.
        let kind: String
        let hasKind: Bool
    }

    struct ListPage: Sendable {
        let invoices: [InvoiceRow]
        let hasInvoices: Bool
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        var query = InvoiceQuery()
        query.limit = 200
        let found = try await invoices.list(query, caller: caller)
        let names = try await clientNames(caller)
        let rows = found.map { view in
            InvoiceRow(
                id: view.invoice.id.description, number: view.invoice.issue?.number ?? console.text("invoice_draft_number"),
                client: names[view.invoice.clientID] ?? "", status: console.text("invoice_status_\(view.status.rawValue)"),
                statusCode: view.status.rawValue, issued: view.invoice.issue?.issueDate.description ?? "",
                due: view.invoice.dueDate?.description ?? "", total: console.language.money(view.totals.payable),
                balance: console.language.money(view.balance), kind: view.invoice.kind == .invoice ? "" : console.text("invoice_kind_\(view.invoice.kind.rawValue)"),
                hasKind: view.invoice.kind != .invoice)
        }
        return try console.render("console-invoices", titleKey: "invoices_title", section: "invoices", page: ListPage(invoices: rows, hasInvoices: !rows.isEmpty))
    }

    /// A draft of everything billable for the client (`client_id`), time grouped by `grouping`.
    @Sendable func draft(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        var created: InvoiceID?
        // Items picked on a client's page: a refusal goes back there.
        let picking = form["picked"] != nil ? form["client_id"].flatMap(ClientID.init(uuidString:)) : nil
        let back = picking.map { "/app/billable/\($0)" } ?? "/app/billable"
        let response = try await ConsoleRequest.perform(success: back, failure: back) {
            guard let client = form["client_id"].flatMap(ClientID.init(uuidString:)) else {
                throw DomainError.invalid(field: "client_id", message: "is required")
            }
            let grouping = form["grouping"].flatMap(TimeGrouping.init(rawValue:)) ?? .task
            var draft = NewDraft(clientID: client, grouping: grouping)
            if form["picked"] != nil { try ConsoleDraftingController.pick(form, into: &draft) }
            created = try await invoices.createDraft(draft, caller: caller).invoice.id
            return Flash(.ok, ConsoleCatalog.text("invoice_drafted", language))
        }
        guard let created else { return response }
        return ConsoleRequest.redirect("/app/invoices/\(created)", flash: Flash(.ok, ConsoleCatalog.text("invoice_drafted", language)))
    }

    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: InvoiceID = try context.pathID(entity: "invoice")
        let console = ConsoleRequest(request, caller: caller, session: session)
        let view = try await invoices.get(id, caller: caller)
        let client = try await clients.get(view.invoice.clientID, caller: caller)
        let paid = view.status == .draft ? [] : try await payments.list(invoice: id, caller: caller)
        let today = LocalDate.of(clock.now())
        let edit = try await ConsoleDraftingController.editing(view, invoices: invoices, caller: caller, today: today, language: console.language)
        let page = InvoicePageView(
            view, client: client.name, payments: paid, today: today, canManage: Policy.can(caller.actor, .issueInvoice, .agency), edit: edit,
            language: console.language)
        return try console.render("console-invoice", titleKey: "invoice_title", section: "invoices", page: page, extraTitle: page.number)
    }

    /// The document as the client will get it (a draft shows as a DRAFT preview).
    @Sendable func document(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let document = try await invoices.document(try context.pathID(entity: "invoice"), caller: context.caller)
        var response = try HTMLPage.response(InvoiceDocumentsController.template, view: InvoiceDocumentView(document))
        response.headers[.contentSecurityPolicy] = InvoiceDocumentsController.contentSecurityPolicy
        return response
    }

    @Sendable func pdf(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try await Self.pdfDownload(request, context: context, invoices: invoices, pdfs: pdfs)
    }

    /// The PDF of record as a download: `GET /api/v1/invoices/{id}/document.pdf`'s answer
    /// (same rules, same bytes), saved rather than shown.
    static func pdfDownload(
        _ request: Request, context: AuthenticatedContext, invoices: InvoiceService, pdfs: InvoicePDFService
    ) async throws -> Response {
        var response = try await InvoiceDocumentsController(invoices: invoices, pdfs: pdfs).pdf(request, context: context)
        response.headers[.contentDisposition] = response.headers[.contentDisposition]?.replacingOccurrences(of: "inline", with: "attachment")
        return response
    }

    @Sendable func issue(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: InvoiceID = try context.pathID(entity: "invoice")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/invoices/\(id)"
        let response = try await ConsoleRequest.perform(success: back, failure: back) {
            guard let version = form["version"].flatMap(Int.init) else { throw DomainError.invalid(field: "version", message: "is required") }
            let date = try form["issue_date"].flatMap { $0.isEmpty ? nil : $0 }.map { try LocalDate.parse($0, field: "issue_date") }
            let issued = try await invoices.issue(id, issueDate: date, expectedVersion: version, caller: caller)
            return Flash(.ok, ConsoleCatalog.format("invoice_issued_done", language, issued.invoice.issue?.number ?? ""))
        }
        // The PDF of record, once, after the issue committed (as the API does).
        if (try? await invoices.get(id, caller: caller))?.invoice.isIssued == true {
            await pdfs.renderOfRecord(id, html: InvoiceDocumentsController.render)
        }
        return response
    }

    /// `paid_on`, `amount` (decimal in the invoice's currency), `method`, `reference`.
    @Sendable func recordPayment(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: InvoiceID = try context.pathID(entity: "invoice")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/invoices/\(id)"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            let invoice = try await invoices.get(id, caller: caller)
            let paidOn = try LocalDate.parse(try form.required("paid_on"), field: "paid_on")
            let text = try form.required("amount").replacingOccurrences(of: ",", with: ".")
            let amount = try Money(parsing: text, currency: invoice.invoice.currency, field: "amount")
            guard let method = form["method"].flatMap(PaymentMethod.init(rawValue:)) else {
                throw DomainError.invalid(field: "method", message: "must be transfer, card, cash or other")
            }
            let recorded = try await payments.record(
                NewPayment(invoiceID: id, paidOn: paidOn, amountMinor: amount.amountMinor, method: method, reference: form["reference"] ?? ""),
                caller: caller)
            return Flash(.ok, ConsoleCatalog.format("payment_recorded", language, language.money(recorded.payment.amount)))
        }
    }
}
