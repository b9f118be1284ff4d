import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Postgres
import TestSupport
import Testing

/// Minimal receipt files: just enough bytes for each type's magic number, plus a tail
/// so a byte-identical download proves the whole body was kept.
enum ReceiptBytes {
    static let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9]
    static let heic: [UInt8] = [0, 0, 0, 24] + Array("ftypheic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8) + [0, 0, 0, 8] + Array("meta".utf8)
    static let text = Array("Taxi from the airport: 42 EUR, paid cash.\n".utf8)
}

extension TimeAPIWorld {
    /// Inserts an expense as stored: by default the member's open 120.00 EUR travel
    /// expense with 20 % VAT and a 10 % markup on the world's project.
    @discardableResult
    func insertExpense(
        _ date: String = "2026-03-02", amountMinor: Int64 = 12_000, by who: RoleWorld.Who = .member, project: ProjectID? = nil,
        status: String = "open", category: String = "travel", note: String = "", rechargeable: Bool = true, markup: Int = 1000,
        clientRejectionComment: String? = nil
    ) async throws -> ExpenseID {
        let id = ExpenseID.random()
        let approved = !["open", "submitted"].contains(status)
        try await pool.execute(
            """
            INSERT INTO expenses (id, user_id, project_id, expense_date, category, amount_minor, currency, vat_rate_bp, rechargeable,
                                  markup_bp, note, status, client_rejection_comment, approved_by, approved_at, invoice_line_id)
            VALUES (\(id), \(user(who)), \(project ?? projectID), \(date)::date, \(category), \(amountMinor), 'EUR', 2000,
                    \(rechargeable), \(markup), \(note), \(status), \(clientRejectionComment), \(approved ? user(.manager) : nil),
                    \(approved ? Date() : nil), \(status == "invoiced" ? try await InvoiceLineFixture.make(pool: pool) : nil))
            """)
        return id
    }

    /// Inserts a receipt on `expense` (bypassing the upload, so any state works for reads).
    @discardableResult
    func insertReceipt(on expense: ExpenseID, bytes: [UInt8] = ReceiptBytes.pdf, name: String = "ticket.pdf") async throws -> UUID {
        let id = UUID()
        let hex = SHA256Hex.of(bytes)
        // The receipts of an approved (or later) expense are locked: attach while open, then restore.
        let row = try await pool.queryOne("SELECT status, invoice_line_id FROM expenses WHERE id = \(expense)")
        let status: String = try row.decode("status")
        let line: UUID? = try row.decode("invoice_line_id")
        try await pool.execute("UPDATE expenses SET status = 'open', invoice_line_id = NULL WHERE id = \(expense)")
        try await pool.execute(
            """
            INSERT INTO expense_receipts (id, expense_id, file_name, content_type, byte_size, sha256, data, uploaded_by)
            VALUES (\(id), \(expense), \(name), 'application/pdf', \(bytes.count), \(hex), \(Data(bytes)), \(user(.member)))
            """)
        try await pool.execute("UPDATE expenses SET status = \(status), invoice_line_id = \(line) WHERE id = \(expense)")
        return id
    }

    func expenseStatus(_ id: ExpenseID) async throws -> String {
        try await pool.queryOne("SELECT status FROM expenses WHERE id = \(id)").decode("status")
    }

    func expenseVersion(_ id: ExpenseID) async throws -> Int {
        try await pool.queryOne("SELECT version FROM expenses WHERE id = \(id)").decode("version")
    }

    /// The body of a new expense on the world's project.
    func expenseJSON(_ date: String = "2026-03-02", amountMinor: Int64 = 12_000, project: ProjectID? = nil, extra: String = "") -> String {
        #"{"project_id":"\#(project ?? projectID)","expense_date":"\#(date)","category":"travel","amount":{"amount_minor":\#(amountMinor),"currency":"EUR"}\#(extra)}"#
    }
}

enum SHA256Hex {
    /// The digest through the domain's implementation (tests must not trust the server's).
    static func of(_ bytes: [UInt8]) -> String { SHA256Digest(hashing: bytes).hexString }
}

/// Like ``withTimeApp`` but with `configuration` (e.g. a small receipt limit).
func withExpenseApp(
    configuration: SheafConfiguration = SheafConfiguration(databaseURL: ""),
    _ body: @Sendable (TimeAPIWorld, any TestClientProtocol) async throws -> Void
) async throws {
    try await TestDatabase.withFresh { database in
        let pool = await database.makePool(size: 6)
        let work = try await WorkWorld.make(pool: pool)
        var tokens: [RoleWorld.Who: String] = [:]
        for who in [RoleWorld.Who.admin, .manager, .member, .client] { tokens[who] = try await work.roles.token(who) }
        let world = TimeAPIWorld(work: work, pool: pool, tokens: tokens)
        let app = try TestApp.application(configuration: configuration, pool: pool)
        try await app.test(.router) { client in
            try await body(world, client)
        }
    }
}

extension TestClientProtocol {
    /// Uploads raw bytes as a receipt.
    func upload(
        _ bytes: [UInt8], to expense: ExpenseID, token: String, fileName: String? = nil, contentType: String = "application/octet-stream",
        query: String = ""
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: contentType]
        if let fileName { headers[.contentDisposition] = #"attachment; filename="\#(fileName)""# }
        return try await execute(
            uri: "/api/v1/expenses/\(expense)/receipts\(query)", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    /// `POST /approvals` with expenses (and entries).
    func decideExpenses(
        _ expenses: [ExpenseID], entries: [TimeEntryID] = [], _ decision: String, reason: String? = nil, token: String
    ) async throws -> TestResponse {
        let expenseList = expenses.map { "\"\($0)\"" }.joined(separator: ",")
        let entryList = entries.map { "\"\($0)\"" }.joined(separator: ",")
        let reasonJSON = reason.map { #","reason":\#(jsonString($0))"# } ?? ""
        return try await call(
            .post, "/api/v1/approvals", token: token,
            body: #"{"expense_ids":[\#(expenseList)],"time_entry_ids":[\#(entryList)],"decision":"\#(decision)"\#(reasonJSON)}"#)
    }
}
