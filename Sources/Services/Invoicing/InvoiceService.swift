public import Domain
import Foundation
public import Postgres
import Storage

/// The invoicing ledger (issue 12; SPEC §4.5, §5): drafts from billable work and
/// deposits (`+Drafts`), gapless issue (`+Issue`), credit notes (`+Credit`). Only the
/// admin writes; managers read the invoices of their teams' projects; a client's
/// contacts read their client's issued documents.
public struct InvoiceService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let billable: BillableService
    let invoices = InvoiceStore()
    let lines = InvoiceLineStore()
    let series = InvoiceSeriesStore()
    let deposits = DepositStore()
    let clients = ClientStore()
    let projects = ProjectStore()
    let settings = SettingsStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock) {
        self.pool = pool
        self.clock = clock
        self.billable = BillableService(pool: pool, clock: clock)
    }

    var today: LocalDate { LocalDate.of(clock.now()) }

    /// One document, for whoever may read it (drafts: admin and the projects' leads).
    public func get(_ id: InvoiceID, caller: Caller) async throws -> InvoiceView {
        try Self.refuseMembers(caller)
        guard let invoice = try await invoices.find(id, on: pool) else { throw DomainError.notFound(entity: "invoice") }
        try await requireRead(invoice, caller: caller, on: pool)
        var view = try await view(invoice, on: pool)
        view.reminders = try await reminders(of: view, on: pool)
        return view
    }

    /// A page of documents the caller may read, newest first.
    public func list(_ query: InvoiceQuery, caller: Caller) async throws -> [InvoiceView] {
        var query = query
        switch caller.user.role {
        case .admin: break
        case .manager: query.teamIDs = caller.actor.leadTeamIDs
        case .client:
            guard let client = caller.user.clientID else { return [] }
            if let asked = query.clientID, asked != client { return [] }
            query.clientID = client
            query.issuedOnly = true
        case .member: try Self.refuseMembers(caller)
        }
        let rows = try await invoices.list(query, today: today, on: pool)
        let allLines = try await lines.lines(of: rows.map(\.0.id), on: pool)
        let byInvoice = Dictionary(grouping: allLines, by: \.invoiceID)
        return try rows.map { try InvoiceView(invoice: $0.0, lines: byInvoice[$0.0.id] ?? [], settlement: $0.1, today: today) }
    }

    func view(_ invoice: Invoice, on db: some PostgresQueryable) async throws -> InvoiceView {
        let invoiceLines = try await lines.lines(of: [invoice.id], on: db)
        let settlement = try await invoices.settlement(invoice.id, on: db)
        return try InvoiceView(invoice: invoice, lines: invoiceLines, settlement: settlement, today: today)
    }

    func scope(_ invoice: Invoice, on db: some PostgresQueryable) async throws -> InvoiceScope {
        InvoiceScope(
            id: invoice.id, clientID: invoice.clientID, projectTeamIDs: try await invoices.projectTeams(invoice.id, on: db),
            isIssued: invoice.isIssued)
    }

    /// Members see no invoice at all (SPEC §3): their role is refused (403) before any
    /// lookup, on one document as on the list, rather than told that an id exists or not.
    static func refuseMembers(_ caller: Caller) throws(DomainError) {
        guard caller.user.role != .member else { throw .forbidden("Your role does not allow you to see invoices.") }
    }

    func requireRead(_ invoice: Invoice, caller: Caller, on db: some PostgresQueryable) async throws {
        try Policy.require(caller.actor, .read, .invoice(try await scope(invoice, on: db)), entity: "invoice")
    }

    /// Loads a draft for a change by the admin, at `expectedVersion` when given.
    func requireDraft(_ id: InvoiceID, expectedVersion: Int?, caller: Caller, on tx: PostgresTransaction) async throws -> Invoice {
        try Policy.require(caller.actor, .createInvoice, .agency)
        guard let invoice = try await invoices.findForUpdate(id, on: tx) else { throw DomainError.notFound(entity: "invoice") }
        if let expectedVersion, invoice.version != expectedVersion { throw DomainError.versionMismatch }
        guard !invoice.isIssued else {
            throw DomainError.conflict("Invoice \(invoice.issue?.number ?? "") is issued and never changes; correct it with a credit note.")
        }
        return invoice
    }

    func record(_ action: AuditAction, _ invoice: InvoiceID, before: String? = nil, after: String?, caller: Caller, on tx: PostgresTransaction)
        async throws
    {
        try await audit.append(
            AuditEntry(action: action, subjectType: .invoice, subjectID: invoice.description, before: before, after: after),
            actor: caller.user.id, origin: caller.origin, on: tx)
    }
}
