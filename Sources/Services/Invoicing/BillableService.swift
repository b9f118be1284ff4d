public import Domain
import Foundation
public import Postgres
import Storage

/// Everything billable and not yet invoiced, per client and project with its age
/// (issue 12 item 3, SPEC §4.7). The admin's "ready to invoice" queue, and what a
/// draft is made from.
public struct BillableService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let billables = BillableStore()
    let retainers = RetainerStore()

    public init(pool: PostgresPool, clock: any WallClock) {
        self.pool = pool
        self.clock = clock
    }

    /// The admin's view of unbilled work.
    public func list(_ filter: BillableFilter, caller: Caller) async throws -> BillableWork {
        try Policy.require(caller.actor, .readUnbilledWork, .agency)
        let today = LocalDate.of(clock.now())
        let items = try await items(filter, today: today, on: pool)
        return BillableWork(items: items, today: today)
    }

    /// The billable items matching `filter` as of `today`, read on `db` (a draft reads
    /// them inside its own transaction).
    func items(_ filter: BillableFilter, today: LocalDate, on db: some PostgresQueryable) async throws -> [BillableItem] {
        var items = try await billables.milestones(filter, on: db)
        items += try await billables.changeRequests(filter, on: db)
        items += try await retainerItems(filter, today: today, on: db)
        items += try await billables.time(filter, on: db)
        let vat = try await VATSettingsStore().load(on: db)
        items += try await billables.expenses(filter, categoryRatesBP: vat.expenseCategoryRatesBP, on: db)
        return items
    }

    /// Retainer fees of periods that have started (billed in advance) and the overage
    /// of completed periods, from the retainer's ledger, minus what is on a live line.
    func retainerItems(_ filter: BillableFilter, today: LocalDate, on db: some PostgresQueryable) async throws -> [BillableItem] {
        guard filter.kinds.contains(.retainerFee) || filter.kinds.contains(.retainerOverage) else { return [] }
        let listings = try await retainers.list(teams: nil, on: db).filter { listing in
            (filter.clientID.map { $0 == listing.scope.clientID } ?? true)
                && (filter.projectIDs.map { $0.contains(listing.scope.id) } ?? true)
        }
        guard !listings.isEmpty else { return [] }
        let through = min(filter.upTo ?? today, today)
        let billed = try await billables.billedRetainerPeriods(listings.map(\.scope.id), on: db)
        let rates = try await retainers.overageRates(listings.map(\.scope.id), on: db)
        // Every retainer's periods, their consumption read in one statement.
        let periods = try listings.map { try RetainerPeriods.periods($0.retainer.terms, through: through) }
        let pairs = zip(listings, periods).flatMap { listing, periods in periods.map { (project: listing.scope.id, period: $0) } }
        var consumedMinutes = try await retainers.consumedMinutes(pairs, on: db)[...]
        var items: [BillableItem] = []
        for (listing, periods) in zip(listings, periods) {
            let terms = listing.retainer.terms
            let consumed = Array(consumedMinutes.prefix(periods.count))
            consumedMinutes = consumedMinutes.dropFirst(periods.count)
            let usages = try RetainerLedger.compute(terms, consumedMinutesPerPeriod: consumed, overageRates: rates[listing.scope.id] ?? RateSchedule())
            for usage in usages {
                let period = usage.period
                let label = "\(period.start) – \(period.lastDay)"
                let fee = BillableReference.retainerFee(listing.scope.id, periodFrom: period.start)
                if filter.kinds.contains(.retainerFee), terms.monthlyFee.amountMinor > 0, !billed.contains(fee) {
                    items.append(
                        try BillableItem(
                            reference: fee, clientID: listing.scope.clientID, projectID: listing.scope.id, projectName: listing.projectName,
                            date: period.start, description: "Retainer fee \(label)", quantity: .one,
                            unitPrice: try UnitPrice(terms.monthlyFee), vatRateBP: nil))
                }
                let overage = BillableReference.retainerOverage(listing.scope.id, periodFrom: period.start)
                if filter.kinds.contains(.retainerOverage), usage.overageMinutes > 0, RetainerPeriods.isComplete(period, today: today),
                    period.lastDay <= through, !billed.contains(overage)
                {
                    items.append(
                        try BillableItem(
                            reference: overage, clientID: listing.scope.clientID, projectID: listing.scope.id,
                            projectName: listing.projectName, date: period.lastDay,
                            description: "Retainer overage \(label): \(InvoiceQuantity.hours(fromMinutes: usage.overageMinutes).decimalString) h above the allowance",
                            quantity: .hours(fromMinutes: usage.overageMinutes), unitPrice: UnitPrice(usage.overageRate), vatRateBP: nil))
                }
            }
        }
        return items
    }
}

/// Unbilled work as of a day, with a summary per client.
public struct BillableWork: Sendable {
    public let items: [BillableItem]
    public let today: LocalDate

    /// Per client: how many items, their net amount per currency, the oldest age.
    public var summaries: [BillableSummary] {
        var byClient: [ClientID: [BillableItem]] = [:]
        for item in items { byClient[item.clientID, default: []].append(item) }
        return byClient.map { client, items in
            var totals: [Currency: Int64] = [:]
            for item in items { totals[item.amount.currency, default: 0] += item.amount.amountMinor }
            return BillableSummary(
                clientID: client, count: items.count,
                amounts: totals.map { Money(amountMinor: $0.value, currency: $0.key) }.sorted { $0.currency.code < $1.currency.code },
                oldestAgeDays: items.map { $0.ageDays(today: today) }.max() ?? 0)
        }.sorted { $0.clientID.description < $1.clientID.description }
    }
}

/// One client's line of the unbilled-work summary.
public struct BillableSummary: Sendable {
    public let clientID: ClientID
    public let count: Int
    public let amounts: [Money]
    public let oldestAgeDays: Int
}
