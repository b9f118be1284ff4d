import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Postgres
import TestSupport
import Testing

@Suite struct ExpenseReceiptAPITests {
    @Test(
        arguments: [
            ("ticket.pdf", ReceiptBytes.pdf, "application/pdf"), ("scan.png", ReceiptBytes.png, "image/png"),
            ("photo.jpg", ReceiptBytes.jpeg, "image/jpeg"), ("IMG_0001.HEIC", ReceiptBytes.heic, "image/heic"),
        ])
    func eachAcceptedTypeIsStoredAndDownloadedByteForByte(name: String, bytes: [UInt8], type: String) async throws {
        try await withExpenseApp { (world, client) async throws in
            let expense = try await world.insertExpense()
            // The declared Content-Type is ignored: only the bytes decide.
            let response = try await client.upload(bytes, to: expense, token: world.token(.member), fileName: name, contentType: "text/plain")
            #expect(response.status == .created, "\(response.text)")
            let created = try response.object()
            let id = try #require(created["id"] as? String)
            #expect(response.headers[.location] == "/api/v1/expenses/\(expense)/receipts/\(id)")
            #expect(created["content_type"] as? String == type)
            #expect(created["file_name"] as? String == name)
            #expect(created["byte_size"] as? Int == bytes.count)
            #expect(created["sha256"] as? String == SHA256Hex.of(bytes))

            let download = try await client.call(.get, "/api/v1/expenses/\(expense)/receipts/\(id)", token: world.token(.member))
            #expect(download.status == .ok)
            #expect(Array(download.body.readableBytesView) == bytes)
            #expect(download.headers[.contentType] == type)
            #expect(download.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"\(name)\"") == true)

            let read = try await client.call(.get, "/api/v1/expenses/\(expense)", token: world.token(.member)).object()
            let listed = try #require((read["receipts"] as? [[String: Any]])?.first)
            #expect(listed["id"] as? String == id)
            #expect(listed["sha256"] as? String == SHA256Hex.of(bytes))
            #expect(try await world.count("audit_events", where: "action = 'expense.receipt_added'") == 1)
        }
    }

    @Test func theTypeIsDecidedByContentNotByName() async throws {
        try await withExpenseApp { (world, client) async throws in
            let expense = try await world.insertExpense()
            let text = try await client.upload(
                ReceiptBytes.text, to: expense, token: world.token(.member), fileName: "receipt.pdf", contentType: "application/pdf")
            #expect(text.status == .unsupportedMediaType)
            #expect(text.isProblem)
            #expect(try text.detail().contains("PDF, PNG, JPEG or HEIC"))
            // A PNG named .pdf is kept as what it is.
            let png = try await client.upload(ReceiptBytes.png, to: expense, token: world.token(.member), fileName: "scan.pdf")
            #expect(try png.object()["content_type"] as? String == "image/png")
            #expect(try await world.count("expense_receipts") == 1)
        }
    }

    @Test func anEmptyUploadIs422AndStoresNothing() async throws {
        try await withExpenseApp { (world, client) async throws in
            let expense = try await world.insertExpense()
            let response = try await client.upload([], to: expense, token: world.token(.member), fileName: "empty.pdf")
            expectProblem(response, .invalidInput)
            #expect(try response.errorFields() == ["file"])
            #expect(try await world.count("expense_receipts") == 0)
        }
    }

    @Test func anOversizeUploadIs413AndStoresNothingWhileOtherRoutesKeepTheirLimit() async throws {
        var configuration = SheafConfiguration(databaseURL: "")
        configuration.maxBodyBytes = 1024
        configuration.maxReceiptBytes = 4096
        try await withExpenseApp(configuration: configuration) { (world, client) async throws in
            let expense = try await world.insertExpense()
            let big = ReceiptBytes.pdf + [UInt8](repeating: 0x20, count: 4097 - ReceiptBytes.pdf.count)
            let refused = try await client.upload(big, to: expense, token: world.token(.member), fileName: "big.pdf")
            #expect(refused.status == .contentTooLarge)
            #expect(refused.isProblem)
            #expect(try await world.count("expense_receipts") == 0)
            // Larger than the general limit but within the receipt limit: accepted.
            let fits = ReceiptBytes.pdf + [UInt8](repeating: 0x20, count: 4096 - ReceiptBytes.pdf.count)
            #expect(try await client.upload(fits, to: expense, token: world.token(.member), fileName: "fits.pdf").status == .created)
            // Every other route keeps the general limit.
            let note = String(repeating: "n", count: 1500)
            let json = try await client.call(.post, "/api/v1/expenses", token: world.token(.member), body: world.expenseJSON(extra: #","note":"\#(note)""#))
            #expect(json.status == .contentTooLarge)
            #expect(try await world.count("expenses") == 1)
        }
    }

    @Test func theFileNameComesFromTheQueryWhenNoContentDispositionIsSent() async throws {
        try await withExpenseApp { (world, client) async throws in
            let expense = try await world.insertExpense()
            let response = try await client.upload(ReceiptBytes.jpeg, to: expense, token: world.token(.member), query: "?file_name=..%2F..%2Ftaxi.jpg")
            #expect(try response.object()["file_name"] as? String == "taxi.jpg")
            let unnamed = try await client.upload(ReceiptBytes.heic, to: expense, token: world.token(.member))
            #expect(try unnamed.object()["file_name"] as? String == "receipt.heic")
        }
    }

    @Test func onlyTheAuthorChangesReceiptsAndContactsNeverReadThem() async throws {
        try await withExpenseApp { (world, client) async throws in
            let open = try await world.insertExpense()
            #expect(try await client.upload(ReceiptBytes.pdf, to: open, token: world.token(.manager)).status == .forbidden)
            #expect(try await client.upload(ReceiptBytes.pdf, to: open, token: world.token(.client)).status == .notFound)
            #expect(try await client.upload(ReceiptBytes.pdf, to: ExpenseID.random(), token: world.token(.member)).status == .notFound)
            let uploaded = try await client.upload(ReceiptBytes.pdf, to: open, token: world.token(.member))
            let receipt = try #require(try uploaded.object()["id"] as? String)
            #expect(try await client.call(.delete, "/api/v1/expenses/\(open)/receipts/\(receipt)", token: world.token(.manager)).status == .forbidden)
            #expect(try await client.call(.delete, "/api/v1/expenses/\(open)/receipts/\(receipt)", token: world.token(.member)).status == .noContent)
            #expect(try await client.call(.delete, "/api/v1/expenses/\(open)/receipts/\(receipt)", token: world.token(.member)).status == .notFound)
            #expect(try await world.count("audit_events", where: "action = 'expense.receipt_removed'") == 1)
            let trail = try await world.pool.queryOne(
                "SELECT string_agg(COALESCE(before::text, '') || COALESCE(after::text, ''), ' ') AS t FROM audit_events WHERE action LIKE 'expense.receipt_%'"
            ).decode("t", as: String.self)
            #expect(trail.contains(SHA256Hex.of(ReceiptBytes.pdf)))
            #expect(!trail.contains("Catalog"), "never the bytes")

            let approved = try await world.insertExpense(status: "approved")
            let mine = try await world.insertReceipt(on: approved)
            let foreign = try await world.insertExpense(project: world.work.otherProjectID, status: "approved")
            let theirs = try await world.insertReceipt(on: foreign)
            // Receipts show what the agency paid: never to a contact, even of their own client.
            let download = try await client.call(.get, "/api/v1/expenses/\(approved)/receipts/\(mine)", token: world.token(.client))
            #expect(download.status == .notFound)
            let staff = try await client.call(.get, "/api/v1/expenses/\(approved)/receipts/\(mine)", token: world.token(.manager))
            #expect(staff.status == .ok)
            #expect(Array(staff.body.readableBytesView) == ReceiptBytes.pdf)
            #expect(try await client.call(.get, "/api/v1/expenses/\(foreign)/receipts/\(theirs)", token: world.token(.client)).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/expenses/\(approved)/receipts/\(theirs)", token: world.token(.admin)).status == .notFound)
        }
    }
}
