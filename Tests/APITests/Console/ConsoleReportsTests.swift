import API
import Domain
import Foundation
import HTTPTypes
import Services
import TestSupport
import Testing

/// The admin's reports page (issue 19 items 4 and 6): the charts and their tables
/// carry the figures of the reports, worked out here by hand.
@Suite struct ConsoleReportsTests {
    /// An amount in minor units as the English pages write euros: `€3,000.00`, `-€50.00`.
    static func euros(_ minor: Int64) -> String {
        let units = String(abs(minor) / 100)
        var grouped = ""
        for (index, digit) in units.reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.insert(",", at: grouped.startIndex) }
            grouped.insert(digit, at: grouped.startIndex)
        }
        let cents = abs(minor) % 100
        return "\(minor < 0 ? "-" : "")€\(grouped).\(cents < 10 ? "0" : "")\(cents)"
    }

    @Test func theReportsPageChartsReceivablesAgeingAndRevenueAndMarginPerMonth() async throws {
        try await ConsoleTestApp.with { fixture, client in
            // An issued deposit invoice, due later: receivables not yet due, revenue this month.
            let invoice = try await fixture.newIssuedInvoice()
            let month = String(invoice.invoice.issue!.issueDate.description.prefix(7))
            // One approved hour at a cost of 50.00 on 2026-11-02, not invoiced: a month at a loss.
            _ = try await fixture.newBillableClient()
            var admin = try await ConsoleTestApp.browser(.admin, fixture: fixture, client: client)
            let page = try await admin.page("/app/reports")
            #expect(page.contains("Unpaid invoices by days past due, EUR"))
            let payable = Self.euros(invoice.totals.payable.amountMinor)
            #expect(page.contains("<tr><th scope=\"row\">Not yet due</th><td class=\"num\">\(payable)</td></tr>"))
            #expect(page.contains("Open invoices: 1"))
            let net = Self.euros(invoice.totals.taxExclusive.amountMinor)
            #expect(page.contains("<tr><th scope=\"row\">\(month)</th><td class=\"num\">\(net)</td><td class=\"num\">€0.00</td><td class=\"num\">\(net)</td>"))
            #expect(page.contains("<tr><th scope=\"row\">2026-11</th><td class=\"num\">€0.00</td><td class=\"num\">€50.00</td><td class=\"num over\">-€50.00 <strong>loss</strong></td>"))
            // The column chart: a revenue column up from the zero line, the loss drawn below it.
            #expect(page.contains(#"class="bar bar-revenue"><title>\#(month) Revenue: \#(net)</title>"#))
            #expect(page.contains(#"<title>2026-11 Margin: -€50.00</title>"#))
            // Another period; a period that is not one is refused with the error page.
            let november = try await admin.page("/app/reports?from=2026-11-01&to=2026-11-30")
            #expect(november.contains("2026-11-01 – 2026-11-30") && !november.contains("<th scope=\"row\">\(month)</th>"))
            _ = try await admin.page("/app/reports?from=2026-12-01&to=2026-11-01", .unprocessableContent)
        }
    }
}
