public import Domain
import Foundation
import Postgres
import Storage

/// `GET /reports/receivables` (issue 15 item 4): unpaid balances per client and
/// currency in ageing buckets, and how long each client takes to pay.
public struct ReceivablesReport: Sendable {
    public let asOf: LocalDate
    public let clients: [ReceivableBalances]
    /// Per client: the invoices settled in the 12 months up to ``asOf``.
    public let delays: [ClientID: PaymentDelay]

    /// Per currency, per bucket (nothing added across currencies).
    public var totals: [AgeingTotal] {
        AgeingTotal.sum(clients.map { AgeingTotal(currency: $0.currency, buckets: $0.buckets, count: $0.openInvoices) })
    }
}

/// One client and project's unbilled work in one currency, by age.
public struct UnbilledLine: Sendable {
    public let clientID: ClientID
    public let clientName: String
    public let projectID: ProjectID
    public let projectName: String
    public let currency: Currency
    public var items = 0
    public var buckets: [AgeingBucket: Int64] = [:]
    public var totalMinor: Int64 { buckets.values.reduce(0, +) }
}

/// `GET /reports/unbilled` (issue 15 item 4): the work of `GET /billable` as of a day,
/// by client and project, in buckets of age.
public struct UnbilledReport: Sendable {
    public let asOf: LocalDate
    public let lines: [UnbilledLine]

    /// Per currency, per bucket.
    public var totals: [AgeingTotal] {
        AgeingTotal.sum(lines.map { AgeingTotal(currency: $0.currency, buckets: $0.buckets, count: $0.items) })
    }
}

/// `GET /reports/revenue` (issue 15 item 5): invoiced, credited and collected per
/// month and client, in each currency.
public struct RevenueReport: Sendable {
    public let range: ReportRange
    public let cells: [RevenueCell]
}

extension ReportService {
    /// The receivables as of `asOf` (the admin's: SPEC §3 "record payments").
    public func receivables(asOf: LocalDate?, caller: Caller) async throws -> ReceivablesReport {
        try Policy.require(caller.actor, .readFinancialReports, .agency)
        let day = asOf ?? today
        return try await database.read { pool in
            ReceivablesReport(
                asOf: day, clients: try await invoiceReports.receivables(asOf: day, on: pool),
                delays: try await invoiceReports.paymentDelays(asOf: day, on: pool))
        }
    }

    /// The unbilled work as of `asOf`: `BillableService`'s items dated up to that day
    /// (what `GET /billable` lists), aged from that day.
    public func unbilled(asOf: LocalDate?, caller: Caller) async throws -> UnbilledReport {
        try Policy.require(caller.actor, .readUnbilledWork, .agency)
        let day = asOf ?? today
        // Time and expenses summed in SQL per project, currency and bucket; the few other items listed.
        let (items, sums, clientNames) = try await database.read { pool in
            let items = try await billable.items(BillableFilter(kinds: Self.listedKinds, upTo: day), today: today, on: pool)
            let sums = try await unbilledStore.ageing(upTo: day, on: pool)
            let clients = Set(items.map(\.clientID.uuid) + sums.map(\.clientID.uuid))
            return (items, sums, try await labels.labels(projects: [], clients: Array(clients), users: [], on: pool))
        }
        var lines: [String: UnbilledLine] = [:]
        func add(client: ClientID, project: ProjectID, projectName: String, currency: Currency, items: Int, ageDays: Int, amountMinor: Int64) {
            let key = "\(project)|\(currency.code)"
            var line =
                lines[key]
                ?? UnbilledLine(
                    clientID: client, clientName: clientNames[client.description] ?? "", projectID: project, projectName: projectName,
                    currency: currency)
            line.items += items
            line.buckets[AgeingBucket.unbilled(ageDays: ageDays), default: 0] += amountMinor
            lines[key] = line
        }
        for item in items {
            add(
                client: item.clientID, project: item.projectID, projectName: item.projectName, currency: item.amount.currency, items: 1,
                ageDays: item.ageDays(today: day), amountMinor: item.amount.amountMinor)
        }
        for sum in sums {
            add(
                client: sum.clientID, project: sum.projectID, projectName: sum.projectName, currency: sum.currency, items: sum.items,
                ageDays: sum.ageLowerBound, amountMinor: sum.amountMinor)
        }
        let sorted = lines.values.sorted {
            ($0.clientName.lowercased(), $0.projectName.lowercased(), $0.projectID.description, $0.currency.code)
                < ($1.clientName.lowercased(), $1.projectName.lowercased(), $1.projectID.description, $1.currency.code)
        }
        return UnbilledReport(asOf: day, lines: sorted)
    }

    /// Invoiced, credited and collected amounts per month and client (the admin's).
    public func revenue(_ range: ReportRange, caller: Caller) async throws -> RevenueReport {
        try Policy.require(caller.actor, .readFinancialReports, .agency)
        return RevenueReport(range: range, cells: try await database.read { pool in try await invoiceReports.revenue(range, on: pool) })
    }
}
