public import Domain
public import Postgres
import Storage

/// How far a demo load has come, for a progress bar.
public struct DemoProgress: Sendable {
    public let step: String
    public let done: Int
    public let total: Int
}

/// What a demo load made.
public struct DemoSummary: Sendable {
    public let adminEmail: String
    public let people: Int
    public let projects: Int
    public let timeEntries: Int
    public let expenses: Int
    public let invoicesIssued: Int
    public let invoicesPaid: Int
}

/// Loads the demo agency of a ``DemoPlan`` (issue 18 item 1) beside whatever the
/// database already holds: people, catalog and work in bulk (``DemoStore``), then
/// invoices through the real invoicing services — drafted from the billable time and
/// expenses of each time-and-materials project for the first two months of the
/// history, issued, and the first month's paid — so that numbering, totals, audit and
/// the invoiced state of the entries are exactly what the application makes.
public struct DemoService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let store = DemoStore()
    let users = UserStore()

    public init(pool: PostgresPool, clock: any WallClock) {
        self.pool = pool
        self.clock = clock
    }

    /// Loads `plan`; every demo user's password is the one `passwordHash` was made from.
    /// Refuses (conflict) when this seed's demo is already loaded.
    public func load(
        _ plan: DemoPlan, passwordHash: String, progress: @Sendable (DemoProgress) -> Void
    ) async throws -> DemoSummary {
        guard try await !store.isLoaded(plan, on: pool) else {
            throw DomainError.conflict("The demo of seed \(plan.seed) is already loaded in this database.")
        }
        progress(DemoProgress(step: "people and projects", done: 0, total: 1))
        try await pool.withTransaction { tx in
            try await store.completeSeller(on: tx)
            try await store.insertPeople(plan, passwordHash: passwordHash, on: tx)
            try await store.insertCatalog(plan, on: tx)
        }
        progress(DemoProgress(step: "people and projects", done: 1, total: 1))

        // Whole teams per statement, about twenty statements in all: each one commits.
        let teamsPerBatch = max(1, plan.teams / 20)
        let batches = stride(from: 1, through: plan.teams, by: teamsPerBatch).map { first in
            let last = min(plan.teams, first + teamsPerBatch - 1)
            return ((first - 1) * DemoPlan.teamSize + 1)...(last * DemoPlan.teamSize)
        }
        var entries = 0
        var expenses = 0
        for (index, users) in batches.enumerated() {
            progress(DemoProgress(step: "time and expenses", done: index, total: batches.count))
            entries += try await store.insertTime(plan, users: users, on: pool)
            expenses += try await store.insertExpenses(plan, users: users, on: pool)
        }
        progress(DemoProgress(step: "time and expenses", done: batches.count, total: batches.count))

        let (issued, paid) = try await invoice(plan, progress: progress)
        return DemoSummary(
            adminEmail: "admin@demo\(plan.seed).example", people: plan.staff + plan.clients + 1, projects: plan.projects,
            timeEntries: entries, expenses: expenses, invoicesIssued: issued, invoicesPaid: paid)
    }

    /// Drafts, issues and (first month) pays an invoice per time-and-materials project
    /// and invoiced month, as the demo admin. Returns (issued, paid).
    func invoice(_ plan: DemoPlan, progress: @Sendable (DemoProgress) -> Void) async throws -> (Int, Int) {
        let adminID = try await store.adminID(plan, on: pool)
        guard let admin = try await users.find(adminID, on: pool) else { throw DomainError.notFound(entity: "user") }
        let caller = Caller(user: admin, sessionID: nil, origin: .commandLine)
        let invoices = InvoiceService(pool: pool, clock: clock)
        let payments = PaymentService(pool: pool, clock: clock)
        let projects = try await store.timeAndMaterialsProjects(plan, on: pool)
        let months = plan.invoicedMonths
        var issued = 0
        var paid = 0
        for (index, (project, client)) in projects.enumerated() {
            progress(DemoProgress(step: "invoices", done: index, total: projects.count))
            for (offset, month) in months.enumerated() {
                let draft: InvoiceView
                do {
                    draft = try await invoices.createDraft(
                        NewDraft(clientID: client, projectIDs: [project], upTo: month.lastDayOfMonth, kinds: [.time, .expense]),
                        caller: caller)
                } catch DomainError.conflict {
                    continue  // nothing billable that month
                }
                let invoice = try await invoices.issue(draft.invoice.id, issueDate: nil, expectedVersion: draft.invoice.version, caller: caller)
                issued += 1
                if offset == 0 {
                    _ = try await payments.record(
                        NewPayment(invoiceID: invoice.invoice.id, paidOn: LocalDate.of(clock.now()), amountMinor: invoice.balance.amountMinor,
                                   method: .transfer, reference: "Demo payment"),
                        caller: caller)
                    paid += 1
                }
            }
        }
        progress(DemoProgress(step: "invoices", done: projects.count, total: projects.count))
        return (issued, paid)
    }
}
