import Domain
import Foundation
import Services

/// `GET /reports/revenue`.
struct RevenueReportDTO: Encodable, Sendable {
    static let counts =
        "Invoiced: net (excluding VAT) of the invoices and deposit invoices issued in the month; credited: net of the credit "
        + "notes issued in it; net = invoiced - credited (the invoices export's net column, summed). Collected: payments "
        + "received in the month (VAT included, reversals deducted). Per currency, never added across."

    struct Figures: Encodable, Sendable {
        @Nullable var month: String?
        @Nullable var clientId: ClientID?
        @Nullable var clientName: String?
        let currency: String
        let invoiced: MoneyDTO
        let credited: MoneyDTO
        let net: MoneyDTO
        let collected: MoneyDTO
    }

    let period: PeriodDTO
    let interval: String
    let counts: String
    let months: [Figures]
    let clients: [Figures]
    let totals: [Figures]

    /// Sums of the cells by a key (and currency), in first-seen order.
    static func sum(_ cells: [RevenueCell], by key: (RevenueCell) -> String) -> [(RevenueCell, Int64, Int64, Int64)] {
        var order: [String] = []
        var sums: [String: (RevenueCell, Int64, Int64, Int64)] = [:]
        for cell in cells {
            let id = "\(key(cell))|\(cell.currency.code)"
            if let current = sums[id] {
                sums[id] = (current.0, current.1 + cell.invoicedMinor, current.2 + cell.creditedMinor, current.3 + cell.collectedMinor)
            } else {
                order.append(id)
                sums[id] = (cell, cell.invoicedMinor, cell.creditedMinor, cell.collectedMinor)
            }
        }
        return order.compactMap { sums[$0] }
    }

    static func figures(_ sum: (RevenueCell, Int64, Int64, Int64), month: Bool, client: Bool) -> Figures {
        let currency = sum.0.currency
        func money(_ minor: Int64) -> MoneyDTO { MoneyDTO(Money(amountMinor: minor, currency: currency)) }
        return Figures(
            month: month ? sum.0.month : nil, clientId: client ? sum.0.clientID : nil, clientName: client ? sum.0.clientName : nil,
            currency: currency.code, invoiced: money(sum.1), credited: money(sum.2), net: money(sum.1 - sum.2), collected: money(sum.3))
    }

    init(_ report: RevenueReport) {
        period = PeriodDTO(report.range)
        interval = "month"
        counts = Self.counts
        months = Self.sum(report.cells, by: \.month).map { Self.figures($0, month: true, client: false) }
        clients = Self.sum(report.cells.sorted { $0.clientName.lowercased() < $1.clientName.lowercased() }, by: \.clientID.description)
            .map { Self.figures($0, month: false, client: true) }
        totals = Self.sum(report.cells.sorted { $0.currency.code < $1.currency.code }, by: { _ in "" })
            .map { Self.figures($0, month: false, client: false) }
    }

    /// One row per month and client, then per month, per client and per currency.
    static func csv(_ report: RevenueReport) -> CSVWriter {
        var writer = CSVWriter(header: ["row", "month", "client_id", "client", "currency", "invoiced", "credited", "net", "collected"])
        func append(_ row: String, _ sum: (RevenueCell, Int64, Int64, Int64), month: Bool, client: Bool) {
            let currency = sum.0.currency
            writer.append([
                row, month ? sum.0.month : "", client ? sum.0.clientID.description : "", client ? sum.0.clientName : "", currency.code,
                ReportResponse.amount(sum.1, currency), ReportResponse.amount(sum.2, currency), ReportResponse.amount(sum.1 - sum.2, currency),
                ReportResponse.amount(sum.3, currency),
            ])
        }
        for cell in report.cells {
            append("month_client", (cell, cell.invoicedMinor, cell.creditedMinor, cell.collectedMinor), month: true, client: true)
        }
        for sum in Self.sum(report.cells, by: \.month) { append("month", sum, month: true, client: false) }
        for sum in Self.sum(report.cells, by: \.clientID.description) { append("client", sum, month: false, client: true) }
        for sum in Self.sum(report.cells.sorted { $0.currency.code < $1.currency.code }, by: { _ in "" }) {
            append("total", sum, month: false, client: false)
        }
        return writer
    }
}
