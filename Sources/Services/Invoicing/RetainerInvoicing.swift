public import Domain
import Foundation
public import Logging
public import Postgres
import Storage

/// Recurring retainer invoices (issue 12 item 11, SPEC §4.3): a scheduled job of the
/// job runner (``JobRunner``, issue 14 item 1) that makes each retainer period's invoice
/// by itself — the period's fee in advance plus the overage of the previous completed
/// period — on the agency's invoice day (default the 1st; never later than the 15th), as
/// a draft, or issued at once when the retainer says `auto_issue`. Exactly once per
/// retainer and period however many instances run: the run is claimed by a primary key
/// in the same transaction as the invoice.
public struct RetainerInvoicing: ScheduledJob {
    public static let jobName = "retainer-invoices"

    let pool: PostgresPool
    let clock: any WallClock
    public let schedule: JobSchedule
    let logger: Logger
    let invoices: InvoiceService
    let runs = RetainerRunStore()
    let retainers = RetainerStore()
    let audit = AuditStore()

    public var name: String { Self.jobName }

    public init(pool: PostgresPool, clock: any WallClock, interval: Duration = .seconds(300), logger: Logger) {
        self.pool = pool
        self.clock = clock
        self.schedule = .every(interval)
        self.logger = logger
        self.invoices = InvoiceService(pool: pool, clock: clock)
    }

    public func run(_ context: JobContext) async throws {
        let made = try await runOnce()
        if !made.isEmpty { logger.info("retainer invoices made", metadata: ["count": "\(made.count)"]) }
    }

    /// One pass: every retainer period whose invoice day has come and that has no run yet.
    /// - Returns: the invoices made.
    @discardableResult
    public func runOnce() async throws -> [InvoiceID] {
        let today = LocalDate.of(clock.now())
        let day = try await SettingsStore().get(on: pool).retainerInvoiceDay
        var made: [InvoiceID] = []
        // Periods already run are skipped here; the claim inside the transaction stays the
        // guarantee when two instances reach the same period at once.
        let done = try await runs.done(on: pool)
        for listing in try await retainers.list(teams: nil, on: pool) {
            for period in try RetainerPeriods.periods(listing.retainer.terms, through: today)
            where try Self.invoiceDate(of: period, day: day) <= today && !done.contains("\(listing.scope.id)/\(period.start)") {
                if let invoice = try await invoicePeriod(listing, period: period, today: today) { made.append(invoice) }
            }
        }
        return made
    }

    /// The first day on or after the period's start that is the invoice day of its month.
    static func invoiceDate(of period: RetainerPeriod, day: Int) throws(DomainError) -> LocalDate {
        let start = period.start
        guard let sameMonth = LocalDate(year: start.year, month: start.month, day: min(day, LocalDate.daysIn(month: start.month, year: start.year)))
        else { return start }
        if sameMonth >= start { return sameMonth }
        let next = try sameMonth.adding(months: 1)
        return LocalDate(year: next.year, month: next.month, day: min(day, LocalDate.daysIn(month: next.month, year: next.year))) ?? next
    }

    func invoicePeriod(_ listing: RetainerListing, period: RetainerPeriod, today: LocalDate) async throws -> InvoiceID? {
        let project = listing.scope.id
        let autoIssue = listing.retainer.autoIssue
        do {
            return try await make(listing, period: period, today: today, issue: autoIssue)
        } catch let error as DomainError where autoIssue {
            // Issuing needs complete party data: keep the invoice as a draft for the admin.
            logger.warning("retainer invoice kept as a draft", metadata: ["project": "\(project)", "reason": "\(error.message)"])
            return try await make(listing, period: period, today: today, issue: false)
        }
    }

    func make(_ listing: RetainerListing, period: RetainerPeriod, today: LocalDate, issue: Bool) async throws -> InvoiceID? {
        let project = listing.scope.id
        return try await pool.withTransaction { tx in
            guard try await runs.claim(project: project, periodFrom: period.start, on: tx) else { return nil }
            let filter = BillableFilter(clientID: listing.scope.clientID, projectIDs: [project], kinds: [.retainerFee, .retainerOverage])
            let wanted = try await invoices.billable.items(filter, today: today, on: tx).filter { item in
                switch item.reference {
                case .retainerFee(_, let from): from == period.start
                case .retainerOverage(_, let from): from < period.start
                default: false
                }
            }
            guard !wanted.isEmpty else { return nil }
            let taxes = try await invoices.taxRules(client: listing.scope.clientID, on: tx)
            let planned = try DraftPlanner.lines(for: wanted, grouping: .task, tax: taxes.tax)
            let invoice = Invoice(
                id: .random(), kind: .invoice, clientID: listing.scope.clientID, currency: listing.retainer.terms.monthlyFee.currency,
                periodFrom: period.start, periodTo: period.lastDay, createdAt: clock.now())
            try await invoices.invoices.insert(invoice, createdBy: nil, on: tx)
            try await invoices.insert(planned, into: invoice.id, on: tx)
            var result = invoice
            if issue { result = try await invoices.issueLocked(invoice, issueDate: today, by: nil, on: tx) }
            try await runs.record(project: project, periodFrom: period.start, invoice: invoice.id, on: tx)
            let view = try await invoices.view(result, on: tx)
            try await audit.append(
                AuditEntry(
                    action: issue ? .invoiceIssued : .invoiceDrafted, subjectType: .invoice, subjectID: invoice.id.description,
                    after: try AuditJSON.invoice(view)),
                actor: nil, origin: RequestOrigin(requestID: nil, clientAddress: "retainer-invoicing"), on: tx)
            return invoice.id
        }
    }
}
