import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// The admin's drafting in the console (issue 19 item 4): a client's unbilled items to
/// pick from (kinds of work, projects, a last date, how time is grouped: the options of
/// `POST /api/v1/invoices`), a draft's lines to edit, add and delete (`PATCH
/// /api/v1/invoices/{id}` at the draft's version), and full or partial credit notes of
/// an issued invoice (`POST /api/v1/invoices/{id}/credit-notes`). Each form calls the
/// service the API calls, under the same `Policy`.
struct ConsoleDraftingController {
    let invoices: InvoiceService
    let billable: BillableService
    let clients: ClientService
    let pdfs: InvoicePDFService
    let clock: any WallClock
    let session: ConsoleSession

    func register(on app: RouterGroup<AuthenticatedContext>) {
        app.get("/app/billable/{id}", use: pickPage)
        app.post("/app/invoices/{id}/lines", use: addLine)
        app.post("/app/invoices/{id}/lines/{line}", use: editLine)
        app.post("/app/invoices/{id}/lines/{line}/delete", use: deleteLine)
        app.post("/app/invoices/{id}/credit-notes", use: credit)
    }

    // MARK: Picking

    struct Choice: Sendable {
        let value: String
        let label: String
    }

    struct ItemRow: Sendable {
        let date: String
        let project: String
        let kind: String
        let description: String
        let quantity: String
        let amount: String
        let age: String
    }

    struct PickPage: Sendable {
        let clientID: String
        let client: String
        let items: [ItemRow]
        let hasItems: Bool
        let kinds: [Choice]
        let projects: [Choice]
        let groupings: [Choice]
        let hasTime: Bool
    }

    /// One client's unbilled items, and the form that drafts an invoice from those picked.
    @Sendable func pickPage(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let id: ClientID = try context.pathID(entity: "client")
        let work = try await billable.list(BillableFilter(clientID: id), caller: caller)
        let client = try await clients.get(id, caller: caller)
        let items = work.items.sorted { ($0.date, $0.projectName) < ($1.date, $1.projectName) }
        let language = console.language
        let rows = items.map { item in
            ItemRow(
                date: item.date.description, project: item.projectName, kind: console.text("line_kind_\(item.kind.lineKind.rawValue)"),
                description: item.description, quantity: language.number(item.quantity.decimalString), amount: language.money(item.amount),
                age: ConsoleCatalog.format("days", language, String(item.ageDays(today: work.today))))
        }
        let kinds = BillableKind.allCases.filter { kind in items.contains { $0.kind == kind } }.map {
            Choice(value: $0.rawValue, label: console.text("line_kind_\($0.lineKind.rawValue)"))
        }
        var projects: [ProjectID: String] = [:]
        for item in items { projects[item.projectID] = item.projectName }
        let page = PickPage(
            clientID: id.description, client: client.name, items: rows, hasItems: !rows.isEmpty, kinds: kinds,
            projects: projects.sorted { ($0.value, $0.key.description) < ($1.value, $1.key.description) }.map {
                Choice(value: $0.key.description, label: $0.value)
            },
            groupings: TimeGrouping.allCases.map { Choice(value: $0.rawValue, label: console.text("grouping_\($0.rawValue)")) },
            hasTime: items.contains { $0.kind == .time })
        return try console.render("console-billable-client", titleKey: "pick_title", section: "billable", page: page, extraTitle: client.name)
    }

    /// The picked kinds (`kind`), projects (`project_id`) and last date (`up_to`) of the
    /// pick form, as the API's draft options. Nothing picked is refused, not read as "all".
    static func pick(_ form: ConsoleForm, into draft: inout NewDraft) throws {
        let kinds = try form.values("kind").map { value in
            guard let kind = BillableKind(rawValue: value) else { throw DomainError.invalid(field: "kind", message: "\(value) is not a kind of work") }
            return kind
        }
        guard !kinds.isEmpty else { throw DomainError.invalid(field: "kind", message: "pick at least one kind of work") }
        let projects = try form.values("project_id").map { value in
            guard let id = ProjectID(uuidString: value) else { throw DomainError.invalid(field: "project_id", message: "is not a project") }
            return id
        }
        guard !projects.isEmpty else { throw DomainError.invalid(field: "project_id", message: "pick at least one project") }
        draft.kinds = Set(kinds)
        draft.projectIDs = projects
        if let upTo = form["up_to"], !upTo.isEmpty { draft.upTo = try LocalDate.parse(upTo, field: "up_to") }
    }

    // MARK: Draft lines

    /// The editing part of an invoice's page: its credit notes (read as the caller may)
    /// and, for a credit note, the number of the invoice it credits.
    static func editing(
        _ view: InvoiceView, invoices: InvoiceService, caller: Caller, today: LocalDate, language: ClientLanguage
    ) async throws -> InvoiceEditingView {
        var notes: [InvoiceView] = []
        var creditedNumber: String?
        // Only what the caller may read: a note or an invoice out of their reach is left out.
        do {
            for id in view.creditNoteIDs { notes.append(try await invoices.get(id, caller: caller)) }
            if let credited = view.invoice.creditedInvoiceID {
                creditedNumber = try await invoices.get(credited, caller: caller).invoice.issue?.number
            }
        } catch DomainError.forbidden {
        } catch DomainError.notFound {
        }
        return InvoiceEditingView(
            view, creditNotes: notes, creditedNumber: creditedNumber, canEdit: Policy.can(caller.actor, .createInvoice, .agency),
            canCredit: Policy.can(caller.actor, .creditInvoice, .agency), today: today, language: language)
    }

    /// Changes the draft `id` at the form's `version` with `edits`, back to its page.
    func change(
        _ request: Request, context: AuthenticatedContext, message: String, _ edits: @Sendable (ConsoleForm, ClientLanguage) throws -> DraftEdits
    ) async throws -> Response {
        let caller = context.caller
        let id: InvoiceID = try context.pathID(entity: "invoice")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/invoices/\(id)"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            guard let version = form["version"].flatMap(Int.init) else { throw DomainError.invalid(field: "version", message: "is required") }
            _ = try await invoices.updateDraft(id, edits: try edits(form, language), expectedVersion: version, caller: caller)
            return Flash(.ok, ConsoleCatalog.text(message, language))
        }
    }

    /// `description`, `quantity` and `unit_price` (as the person's language writes them).
    @Sendable func addLine(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try await change(request, context: context, message: "draft_line_added") { form, language in
            var edits = DraftEdits()
            edits.addedLines = [
                ManualLine(
                    description: try form.required("description"), quantity: try Self.quantity(form, language: language),
                    unitPriceScaled: try Self.unitPrice(form, language: language))
            ]
            return edits
        }
    }

    /// A line's `description`; on a manual line also its `quantity` and `unit_price`.
    @Sendable func editLine(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let line: InvoiceLineID = try context.pathID("line", entity: "invoice line")
        return try await change(request, context: context, message: "draft_line_saved") { form, language in
            var edits = DraftEdits()
            edits.descriptions[line] = try form.required("description")
            let hasQuantity = !(form["quantity"] ?? "").isEmpty
            let hasPrice = !(form["unit_price"] ?? "").isEmpty
            if hasQuantity || hasPrice {
                edits.manualChanges[line] = ManualLineChange(
                    quantity: hasQuantity ? try Self.quantity(form, language: language) : nil,
                    unitPriceScaled: hasPrice ? try Self.unitPrice(form, language: language) : nil)
            }
            return edits
        }
    }

    /// Deletes a line: the work it billed is billable again.
    @Sendable func deleteLine(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let line: InvoiceLineID = try context.pathID("line", entity: "invoice line")
        return try await change(request, context: context, message: "draft_line_deleted") { _, _ in
            var edits = DraftEdits()
            edits.removedLines = [line]
            return edits
        }
    }

    static func quantity(_ form: ConsoleForm, language: ClientLanguage) throws -> InvoiceQuantity {
        try InvoiceQuantity(parsing: ConsoleExpensesController.decimal(try form.required("quantity"), language: language))
    }

    static func unitPrice(_ form: ConsoleForm, language: ClientLanguage) throws -> Int64 {
        try FixedPoint.parse(
            ConsoleExpensesController.decimal(try form.required("unit_price"), language: language), scale: UnitPrice.scale, field: "unit_price")
    }

    // MARK: Credit notes

    /// `scope` `full` (every line not yet credited) or `lines` (the checked `line_id`s),
    /// `reason`, `release_items` (the work is billable again), `issue_date`.
    @Sendable func credit(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: InvoiceID = try context.pathID(entity: "invoice")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/invoices/\(id)"
        var note: InvoiceView?
        let refused = try await ConsoleRequest.perform(success: back, failure: back) {
            var lineIDs: [InvoiceLineID]?
            switch form["scope"] {
            case "full": lineIDs = nil
            case "lines":
                lineIDs = try form.values("line_id").map { value in
                    guard let line = InvoiceLineID(uuidString: value) else { throw DomainError.invalid(field: "line_id", message: "is not a line") }
                    return line
                }
            default: throw DomainError.invalid(field: "scope", message: "must be full or lines")
            }
            let date = try form["issue_date"].flatMap { $0.isEmpty ? nil : $0 }.map { try LocalDate.parse($0, field: "issue_date") }
            note = try await invoices.credit(
                id, NewCreditNote(lineIDs: lineIDs, reason: form["reason"] ?? "", releaseItems: form["release_items"] == "on", issueDate: date),
                caller: caller)
            return Flash(.ok, "")
        }
        guard let note else { return refused }
        // The PDF of record, once, after the credit note committed (as the API does).
        await pdfs.renderOfRecord(note.invoice.id, html: InvoiceDocumentsController.render)
        return ConsoleRequest.redirect(
            "/app/invoices/\(note.invoice.id)",
            flash: Flash(.ok, ConsoleCatalog.format("credit_note_issued", language, note.invoice.issue?.number ?? "", language.money(note.totals.payable))))
    }
}
