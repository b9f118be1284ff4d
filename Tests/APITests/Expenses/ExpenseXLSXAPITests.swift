import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// The expense export as a workbook (issue 16 item 4): amounts as numbers in the
/// expense's currency format, read back by openpyxl.
@Suite struct ExpenseXLSXAPITests {
    @Test func amountsAreNumbersInTheCurrencyFormatAndInternalFieldsStayHidden() async throws {
        try await withExpenseApp { (world, client) async throws in
            let approved = try await world.insertExpense("2026-03-02", amountMinor: 12_345, status: "approved", note: "@SUM(A1)")
            try await world.insertReceipt(on: approved)
            try await world.insertExpense("2026-03-03", category: "software_licence")

            let response = try await client.call(.get, "/api/v1/exports/expenses.xlsx?to=2026-03-03", token: world.token(.admin))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == TimeXLSXAPITests.xlsx)
            #expect(response.headers[.contentDisposition] == #"attachment; filename="expenses.xlsx""#)
            let book = try IndependentXLSXReader(Data(response.body.readableBytesView))
            #expect(book.sheet == "Expenses" && book.frozen == "A2")
            #expect(book.header == ExpenseCSV.header)
            #expect(book.rows.count == 3)
            let amount = try #require(book.cell(0, "amount"))
            #expect(amount.type == "number" && amount.number == 123.45 && amount.format == #"#,##0.00 "EUR""#, "\(amount)")
            #expect(book.cell(0, "billable_amount")?.number == 135.8 && book.cell(0, "vat_amount")?.format == #"#,##0.00 "EUR""#)
            #expect(book.cell(0, "markup_percent")?.number == 10 && book.cell(0, "receipts")?.number == 1)
            #expect(book.cell(0, "date")?.type == "date" && book.cell(0, "date")?.text == "2026-03-02")
            #expect(book.cell(0, "rechargeable")?.value == AnyHashable(true))
            #expect(book.cell(0, "note")?.type == "text" && book.cell(0, "note")?.text == "@SUM(A1)")

            let contact = try IndependentXLSXReader(
                Data(try await client.call(.get, "/api/v1/exports/expenses.xlsx", token: world.token(.client)).body.readableBytesView))
            #expect(contact.rows.count == 2, "the contact's signed-off expense only")
            #expect(contact.cell(0, "amount") == nil && contact.cell(0, "markup_percent") == nil, "what the agency paid stays internal")
            #expect(contact.cell(0, "billable_amount")?.number == 135.8)
            let bad = try await client.call(.get, "/api/v1/exports/expenses.xlsx?category=food", token: world.token(.admin))
            expectProblem(bad, .invalidInput)
        }
    }
}
