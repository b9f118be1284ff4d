import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// The client portal (issue 19 item 5), for client contacts: their projects with budget
/// progress, the validations waiting for them (decided here as on the signed link),
/// their invoices with the PDF and UBL downloads and what is unpaid. Every read is a
/// service call under the API's `Policy`: another client's project is 404, as in
/// `GET /api/v1/projects/{id}`.
struct PortalController {
    let projects: ProjectService
    let budgets: BudgetService
    let milestones: MilestoneService
    let validations: ClientValidationService
    let invoices: InvoiceService
    let documents: InvoiceDocumentService
    let pdfs: InvoicePDFService
    let clock: any WallClock
    let session: ConsoleSession

    func register(on app: RouterGroup<AuthenticatedContext>) {
        app.get("/portal", use: home)
        app.get("/portal/projects/{id}", use: project)
        app.get("/portal/validations/{id}", use: validation)
        app.post("/portal/validations/{id}", use: decide)
        app.get("/portal/invoices", use: invoiceList)
        app.get("/portal/invoices/{id}/pdf", use: pdf)
        app.get("/portal/invoices/{id}/ubl", use: ubl)
    }

    struct HomePage: Sendable {
        let projects: [PortalProjectView]
        let hasProjects: Bool
        let pending: [PortalProjectView.Validation]
        let hasPending: Bool
        /// The unpaid invoices.
        let invoices: [PortalInvoiceRow]
        let hasUnpaid: Bool
    }

    @Sendable func home(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let visible = try await projects.list(ProjectQuery(limit: 200), caller: caller)
        var views: [PortalProjectView] = []
        for project in visible {
            views.append(try await view(of: project, caller: caller, language: console.language))
        }
        let rows = try await invoiceRows(caller, language: console.language).filter(\.unpaid)
        let pending = views.flatMap(\.validations).filter(\.pending)
        let page = HomePage(
            projects: views, hasProjects: !views.isEmpty, pending: pending, hasPending: !pending.isEmpty, invoices: rows, hasUnpaid: !rows.isEmpty)
        return try console.render("portal-home", titleKey: "portal_title", section: "portal", page: page)
    }

    /// A project's view; with `burnThrough` (today, on the project's own page) its burn
    /// over time and its milestones too.
    func view(of project: Project, caller: Caller, language: ClientLanguage, burnThrough: LocalDate? = nil) async throws -> PortalProjectView {
        let budget = try await budgets.budget(of: project.id, caller: caller)
        let records = try await validations.list(project: project.id, ValidationQuery(limit: 50), caller: caller)
        var view = PortalProjectView(project, budget: budget, validations: records, language: language)
        if let today = burnThrough {
            let burn = try await budgets.burn(of: project.id, report: budget, today: today)
            view.burn = [BudgetBurnView(burn, projectID: project.id.description, name: project.name, language: language)]
            // The milestones' states, on the project's own page only (the home page
            // lists every project and stays at two reads per project).
            let plan = try await milestones.list(MilestoneQuery(projectID: project.id, limit: 100), caller: caller)
            view.milestones = plan.map { PortalProjectView.Milestone($0, language: language) }
        }
        return view
    }

    @Sendable func project(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let project = try await projects.get(try context.pathID(entity: "project"), caller: caller)
        let today = LocalDate.of(clock.now(), timeZone: caller.user.timeZone)
        let page = try await view(of: project, caller: caller, language: console.language, burnThrough: today)
        return try console.render("portal-project", titleKey: "portal_project_title", section: "portal", page: page, extraTitle: project.name)
    }

    struct ValidationPageData: Sendable {
        let id: String
        let kind: String
        let project: String
        let period: String
        let digest: String
        let pending: Bool
        let status: String
        let timesheet: [PortalTimesheet]
        let entries: [PortalTimesheet.Entry]
        let hasEntries: Bool
        /// A change request's content as the signed link shows it (one or none).
        let change: [ChangeRequestPageView]
        /// The written proof once decided: who, when, through which channel, and the comment.
        let decided: Bool
        let decidedBy: String
        let decidedAt: String
        let comment: String
        let hasComment: Bool
    }

    @Sendable func validation(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let record = try await validations.get(try context.pathID(entity: "validation"), caller: caller)
        let project = try await projects.get(record.projectID, caller: caller)
        let sheet = PortalTimesheet(record, language: console.language)
        let page = ValidationPageData(
            id: record.id.description, kind: console.text("validation_kind_\(record.kind.rawValue)"), project: project.name,
            period: [record.periodFrom, record.periodTo].compactMap { $0?.description }.joined(separator: " – "), digest: record.contentDigest,
            pending: record.status == .pending, status: console.text("validation_status_\(record.status.rawValue)"),
            timesheet: sheet.map { [$0] } ?? [], entries: sheet?.entries ?? [], hasEntries: !(sheet?.entries.isEmpty ?? true),
            change: ChangeRequestPageView(record, language: console.language).map { [$0] } ?? [], decided: record.decidedAt != nil,
            decidedBy: record.decidedByName ?? "", decidedAt: record.decidedAt.map(HTMLPage.humanTime) ?? "", comment: record.comment ?? "",
            hasComment: !(record.comment ?? "").isEmpty)
        return try console.render("portal-validation", titleKey: "portal_validation_title", section: "portal", page: page, extraTitle: project.name)
    }

    /// `decision=accept|reject`, `comment`, and the disputed `entry` checkboxes.
    @Sendable func decide(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: ValidationID = try context.pathID(entity: "validation")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/portal/validations/\(id)"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            let decision = try ValidationLinksController.decision(from: form.fields, entries: form.values("entry"))
            let comment = decision.comment.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            let record = try await validations.decide(
                id, decision: decision.decision, comment: comment, disputedEntries: decision.entryIDs, caller: caller)
            return Flash(.ok, ConsoleCatalog.text("validation_done_\(record.status.rawValue)", language))
        }
    }

    struct InvoicesPage: Sendable {
        let invoices: [PortalInvoiceRow]
        let hasInvoices: Bool
    }

    @Sendable func invoiceList(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let console = ConsoleRequest(request, caller: context.caller, session: session)
        let rows = try await invoiceRows(context.caller, language: console.language)
        return try console.render("portal-invoices", titleKey: "portal_invoices_title", section: "portal_invoices", page: InvoicesPage(invoices: rows, hasInvoices: !rows.isEmpty))
    }

    func invoiceRows(_ caller: Caller, language: ClientLanguage) async throws -> [PortalInvoiceRow] {
        var query = InvoiceQuery()
        query.limit = 200
        return try await invoices.list(query, caller: caller).map { PortalInvoiceRow($0, language: language) }
    }

    @Sendable func pdf(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try await ConsoleInvoicingController.pdfDownload(request, context: context, invoices: invoices, pdfs: pdfs)
    }

    @Sendable func ubl(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id: InvoiceID = try context.pathID(entity: "invoice")
        let data = try await documents.ubl(id, caller: context.caller)
        let headers: HTTPFields = [
            .contentType: "application/xml", .cacheControl: "private, no-cache",
            .contentDisposition: "attachment; filename=\"invoice-\(id).xml\"",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// An invoice as a client contact sees it in the portal.
struct PortalInvoiceRow: Sendable {
    let id: String
    let number: String
    let issued: String
    let due: String
    let status: String
    let total: String
    let balance: String
    let unpaid: Bool
    let pdfLabel: String
    let ublLabel: String

    init(_ view: InvoiceView, language: ClientLanguage) {
        id = view.invoice.id.description
        number = view.invoice.issue?.number ?? ""
        issued = view.invoice.issue?.issueDate.description ?? ""
        due = view.invoice.dueDate?.description ?? ""
        status = ConsoleCatalog.text("invoice_status_\(view.status.rawValue)", language)
        total = language.money(view.totals.payable)
        balance = language.money(view.balance)
        unpaid = view.balance.amountMinor > 0
        pdfLabel = "\(ConsoleCatalog.text("download_pdf", language)) \(number)"
        ublLabel = "\(ConsoleCatalog.text("download_ubl", language)) \(number)"
    }
}
