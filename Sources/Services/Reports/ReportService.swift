public import Domain
import Foundation
public import Postgres
import Storage

/// A profitability line with the name of its group.
public struct LabelledProfitabilityLine: Sendable {
    public let line: ProfitabilityLine
    /// The project (`name (code)`), client or person's name, the month, or a
    /// description of what belongs to no group.
    public let label: String
}

/// `GET /reports/profitability` (issue 15 item 2): lines per group and currency, and
/// one total per currency — never a total across currencies.
public struct ProfitabilityReport: Sendable {
    public let range: ReportRange
    public let grouping: ProfitabilityGrouping
    public let lines: [LabelledProfitabilityLine]
    public let totals: [ProfitabilityLine]
}

/// The reports of issue 15: read-only, aggregated in SQL (see the stores in
/// `Storage/Reports`), each reusing the read that owns its figures — the budget of
/// `BudgetService`, the unbilled work of `BillableService`, the staff selection of the
/// missing-time report.
///
/// Every report reads where ``ReportDatabase`` says (the standby of
/// `SHEAF_REPORTS_DATABASE_URL` within its lag bound, else the primary): each use case
/// runs its reads inside one ``ReportDatabase/read(_:)`` on the pool it is handed, so
/// all the figures of a report come from the same database.
public struct ReportService: Sendable {
    let database: ReportDatabase
    let clock: any WallClock
    let billable: BillableService
    let budgets: BudgetService
    let profitabilityStore = ProfitabilityStore()
    let invoiceReports = InvoiceReportStore()
    let utilizationStore = UtilizationStore()
    let budgetReports = BudgetReportStore()
    let labels = ReportLabelStore()
    let unbilledStore = UnbilledStore()
    let teams = TeamStore()
    let staff = TimeReportStore()
    let projects = ProjectStore()
    let scopes = ProjectScopeStore()
    let milestones = MilestoneStore()

    /// `reports` nil: every report reads `pool`.
    public init(pool: PostgresPool, clock: any WallClock, reports: ReportDatabase? = nil) {
        self.database = reports ?? ReportDatabase(primary: pool)
        self.clock = clock
        billable = BillableService(pool: pool, clock: clock)
        budgets = BudgetService(pool: pool, reports: database)
    }

    var today: LocalDate { LocalDate.of(clock.now()) }

    /// Revenue, cost and margin per group (admin only: SPEC §3 "see cost rates, margins,
    /// profitability").
    public func profitability(_ range: ReportRange, by grouping: ProfitabilityGrouping, caller: Caller) async throws -> ProfitabilityReport {
        try Policy.require(caller.actor, .seeCostRates, .agency)
        return try await database.read { pool in try await profitability(range, by: grouping, on: pool) }
    }

    private func profitability(_ range: ReportRange, by grouping: ProfitabilityGrouping, on pool: PostgresPool) async throws
        -> ProfitabilityReport
    {
        var merged: [String: ProfitabilityLine] = [:]
        func merge(_ line: ProfitabilityLine) {
            let id = "\(line.key ?? "")|\(line.currency.code)"
            merged[id] = merged[id].map { $0.adding(line) } ?? line
        }
        for line in try await profitabilityStore.labour(range, by: grouping, on: pool) { merge(line) }
        for line in try await profitabilityStore.expenses(range, by: grouping, on: pool) { merge(line) }
        for line in try await profitabilityStore.revenue(range, by: grouping, on: pool) { merge(line) }
        // Earned but not yet billed: exactly what `GET /billable` lists, dated in the period
        // (time and expenses summed in SQL, the few other items listed).
        let others = try await billable.items(BillableFilter(kinds: Self.listedKinds, upTo: range.to, from: range.from), today: today, on: pool)
        for item in others where item.date >= range.from {
            var line = ProfitabilityLine(key: Self.key(of: item, grouping), currency: item.amount.currency)
            line.unbilledMinor = item.amount.amountMinor
            merge(line)
        }
        for sum in try await unbilledStore.sums(range, by: grouping, on: pool) {
            var line = ProfitabilityLine(key: sum.key, currency: sum.currency)
            line.unbilledMinor = sum.amountMinor
            merge(line)
        }
        var lines = Array(merged.values)
        if grouping == .project {
            let plans = try await profitabilityStore.plans(lines.compactMap { $0.key.flatMap { ProjectID(uuidString: $0) } }, on: pool)
            for index in lines.indices {
                guard let plan = lines[index].key.flatMap({ ProjectID(uuidString: $0) }).flatMap({ plans[$0] }) else { continue }
                lines[index].estimatedMinutes = plan.estimatedMinutes
                // Planned expenses are in the project's currency: set against that line only.
                if let planned = plan.plannedExpenses, planned.currency == lines[index].currency {
                    lines[index].plannedExpensesMinor = planned.amountMinor
                }
            }
        }
        let ids = lines.compactMap { $0.key.flatMap(UUID.init(uuidString:)) }
        let names = try await labels.labels(
            projects: grouping == .project ? ids : [], clients: grouping == .client ? ids : [], users: grouping == .person ? ids : [],
            on: pool)
        let labelled = lines.map { line in
            LabelledProfitabilityLine(line: line, label: Self.label(line.key, grouping: grouping, names: names))
        }.sorted { ($0.label.lowercased(), $0.line.key ?? "", $0.line.currency.code) < ($1.label.lowercased(), $1.line.key ?? "", $1.line.currency.code) }
        return ProfitabilityReport(range: range, grouping: grouping, lines: labelled, totals: ProfitabilityLine.totals(lines))
    }

    /// The billable kinds the reports list item by item: time and expenses, by far the
    /// most numerous, are summed in SQL (``UnbilledStore``).
    static let listedKinds = Set(BillableKind.allCases).subtracting([.time, .expense])

    static func key(of item: BillableItem, _ grouping: ProfitabilityGrouping) -> String? {
        switch grouping {
        case .project: item.projectID.description
        case .client: item.clientID.description
        case .person: item.time?.userID.description
        case .month: String(item.date.description.prefix(7))
        }
    }

    static func label(_ key: String?, grouping: ProfitabilityGrouping, names: [String: String]) -> String {
        guard let key else {
            return grouping == .person ? "Not attributable to a person (invoiced revenue, unbilled work other than time)" : "Without a project"
        }
        if grouping == .month { return key }
        return names[key.lowercased()] ?? key
    }
}
