import Domain
import Foundation
import Services

/// Amounts per ageing bucket, keyed by bucket name.
struct BucketsDTO: Encodable, Sendable {
    let values: [(AgeingBucket, MoneyDTO)]

    init(_ buckets: [AgeingBucket: Int64], order: [AgeingBucket], currency: Currency) {
        values = order.map { ($0, MoneyDTO(Money(amountMinor: buckets[$0] ?? 0, currency: currency))) }
    }

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (bucket, amount) in values { try container.encode(amount, forKey: Key(stringValue: bucket.rawValue)) }
    }
}

/// One currency's total of an ageing report: how many documents or items, per bucket.
struct AgeingTotalDTO: Encodable, Sendable {
    let currency: String
    let count: Int
    let buckets: BucketsDTO
    let total: MoneyDTO

    init(_ sum: AgeingTotal, order: [AgeingBucket]) {
        currency = sum.currency.code
        count = sum.count
        buckets = BucketsDTO(sum.buckets, order: order, currency: sum.currency)
        total = MoneyDTO(Money(amountMinor: sum.totalMinor, currency: sum.currency))
    }

    /// The CSV row of the total: `total`, the leading empty columns, the count, the buckets, the total.
    static func row(_ total: AgeingTotal, order: [AgeingBucket], leading: [String]) -> [String] {
        ["total"] + leading + [total.currency.code, String(total.count)]
            + order.map { ReportResponse.amount(total.buckets[$0] ?? 0, total.currency) }
            + [ReportResponse.amount(total.totalMinor, total.currency)]
    }
}

/// `GET /reports/receivables`.
struct ReceivablesReportDTO: Encodable, Sendable {
    static let counts =
        "Issued invoices and deposit invoices dated on or before as_of, with what they still owe that day: payable minus the "
        + "credit notes issued by then minus the payments made by then, by days past the due date. Average days to pay: "
        + "from issue to the last payment of each invoice fully settled in the 365 days up to as_of. Per currency, never added across."

    struct Client: Encodable, Sendable {
        let clientId: ClientID
        let clientName: String
        let currency: String
        let openInvoices: Int
        let buckets: BucketsDTO
        let total: MoneyDTO
        @Nullable var averageDaysToPay: String?
        let settledInvoices: Int64
    }

    struct Delay: Encodable, Sendable {
        let clientId: ClientID
        let clientName: String
        let settledInvoices: Int64
        @Nullable var averageDaysToPay: String?
    }

    let asOf: LocalDate
    let counts: String
    let clients: [Client]
    let totals: [AgeingTotalDTO]
    let paymentDelays: [Delay]

    init(_ report: ReceivablesReport) {
        asOf = report.asOf
        counts = Self.counts
        clients = report.clients.map { client in
            let delay = report.delays[client.clientID]
            return Client(
                clientId: client.clientID, clientName: client.clientName, currency: client.currency.code, openInvoices: client.openInvoices,
                buckets: BucketsDTO(client.buckets, order: AgeingBucket.receivables, currency: client.currency),
                total: MoneyDTO(Money(amountMinor: client.totalMinor, currency: client.currency)),
                averageDaysToPay: delay.flatMap { ReportPercent.average($0.totalDays, count: $0.settledInvoices) },
                settledInvoices: delay?.settledInvoices ?? 0)
        }
        totals = report.totals.map { AgeingTotalDTO($0, order: AgeingBucket.receivables) }
        paymentDelays = report.delays.values.sorted { ($0.clientName.lowercased(), $0.clientID.description) < ($1.clientName.lowercased(), $1.clientID.description) }
            .map { delay in
                Delay(
                    clientId: delay.clientID, clientName: delay.clientName, settledInvoices: delay.settledInvoices,
                    averageDaysToPay: ReportPercent.average(delay.totalDays, count: delay.settledInvoices))
            }
    }

    static func csv(_ report: ReceivablesReport) -> CSVWriter {
        var writer = CSVWriter(
            header: ["row", "as_of", "client_id", "client", "currency", "open_invoices"] + AgeingBucket.receivables.map(\.rawValue)
                + ["total", "average_days_to_pay", "settled_invoices"])
        for client in report.clients {
            let delay = report.delays[client.clientID]
            writer.append(
                ["client", report.asOf.description, client.clientID.description, client.clientName, client.currency.code, String(client.openInvoices)]
                    + AgeingBucket.receivables.map { ReportResponse.amount(client.buckets[$0] ?? 0, client.currency) }
                    + [
                        ReportResponse.amount(client.totalMinor, client.currency),
                        delay.flatMap { ReportPercent.average($0.totalDays, count: $0.settledInvoices) } ?? "",
                        String(delay?.settledInvoices ?? 0),
                    ])
        }
        for total in report.totals {
            writer.append(AgeingTotalDTO.row(total, order: AgeingBucket.receivables, leading: [report.asOf.description, "", ""]) + ["", ""])
        }
        return writer
    }
}

/// `GET /reports/unbilled`.
struct UnbilledReportDTO: Encodable, Sendable {
    static let counts =
        "Billable work not yet on an invoice (what GET /billable lists) dated on or before as_of, by client and project, "
        + "by days since it became billable (work or expense date, acceptance date, retainer period). Per currency."

    struct Line: Encodable, Sendable {
        let clientId: ClientID
        let clientName: String
        let projectId: ProjectID
        let projectName: String
        let currency: String
        let items: Int
        let buckets: BucketsDTO
        let total: MoneyDTO
    }

    let asOf: LocalDate
    let counts: String
    let lines: [Line]
    let totals: [AgeingTotalDTO]

    init(_ report: UnbilledReport) {
        asOf = report.asOf
        counts = Self.counts
        lines = report.lines.map { line in
            Line(
                clientId: line.clientID, clientName: line.clientName, projectId: line.projectID, projectName: line.projectName,
                currency: line.currency.code, items: line.items,
                buckets: BucketsDTO(line.buckets, order: AgeingBucket.unbilled, currency: line.currency),
                total: MoneyDTO(Money(amountMinor: line.totalMinor, currency: line.currency)))
        }
        totals = report.totals.map { AgeingTotalDTO($0, order: AgeingBucket.unbilled) }
    }

    static func csv(_ report: UnbilledReport) -> CSVWriter {
        var writer = CSVWriter(
            header: ["row", "as_of", "client_id", "client", "project_id", "project", "currency", "items"] + AgeingBucket.unbilled.map(\.rawValue)
                + ["total"])
        for line in report.lines {
            writer.append(
                [
                    "line", report.asOf.description, line.clientID.description, line.clientName, line.projectID.description, line.projectName,
                    line.currency.code, String(line.items),
                ] + AgeingBucket.unbilled.map { ReportResponse.amount(line.buckets[$0] ?? 0, line.currency) }
                    + [ReportResponse.amount(line.totalMinor, line.currency)])
        }
        for total in report.totals {
            writer.append(AgeingTotalDTO.row(total, order: AgeingBucket.unbilled, leading: [report.asOf.description, "", "", "", ""]))
        }
        return writer
    }
}
