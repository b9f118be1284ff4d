public import Domain
public import Foundation
public import Postgres

/// SQL for `expense_receipts`. Listings never read the file bytes; only ``data(_:of:on:)``
/// does. The `expense_receipts_read_only` trigger becomes `DomainError.conflict`.
public struct ReceiptStore: Sendable {
    public init() {}

    static let columns: SQL = "r.id, r.expense_id, r.file_name, r.content_type, r.byte_size, r.sha256, r.uploaded_by, r.uploaded_at"

    static let readOnly = DomainError.conflict("The receipts of an approved, validated or invoiced expense are read-only.")

    static func decode(_ row: PostgresRow) throws -> ExpenseReceipt {
        let typeText: String = try row.decode("content_type")
        guard let type = ReceiptType(rawValue: typeText) else {
            throw PostgresError(kind: .decoding, message: "column \"content_type\" holds an unknown receipt type")
        }
        return ExpenseReceipt(
            id: try row.decode("id"), expenseID: try row.decode("expense_id"), fileName: try row.decode("file_name"), type: type,
            byteSize: try row.decode("byte_size"), sha256: try row.decode("sha256"), uploadedBy: try row.decode("uploaded_by"),
            uploadedAt: try row.decode("uploaded_at"))
    }

    public func insert(_ receipt: ExpenseReceipt, data: Data, on db: some PostgresQueryable) async throws {
        // Any other refusal (a check the domain rules missed) is a 4xx, never a 500.
        try await ConstraintErrors.mapping(["expense_receipts_read_only": Self.readOnly]) {
            try await db.execute(
                """
                INSERT INTO expense_receipts (id, expense_id, file_name, content_type, byte_size, sha256, data, uploaded_by, uploaded_at)
                VALUES (\(receipt.id), \(receipt.expenseID), \(receipt.fileName), \(receipt.type.rawValue), \(receipt.byteSize),
                        \(receipt.sha256), \(data), \(receipt.uploadedBy), \(receipt.uploadedAt))
                """)
        }
    }

    /// The receipts of `expense`, oldest first.
    public func receipts(of expense: ExpenseID, on db: some PostgresQueryable) async throws -> [ExpenseReceipt] {
        try await db.query(
            "SELECT \(Self.columns) FROM expense_receipts r WHERE r.expense_id = \(expense) ORDER BY r.uploaded_at, r.id", Self.decode)
    }

    /// How many receipts `expense` carries.
    public func count(of expense: ExpenseID, on db: some PostgresQueryable) async throws -> Int {
        try await db.queryOne("SELECT count(*)::integer AS n FROM expense_receipts WHERE expense_id = \(expense)").decode("n")
    }

    /// One receipt of `expense`, without its bytes.
    public func find(_ id: ReceiptID, of expense: ExpenseID, on db: some PostgresQueryable) async throws -> ExpenseReceipt? {
        try await db.queryOptional(
            "SELECT \(Self.columns) FROM expense_receipts r WHERE r.id = \(id) AND r.expense_id = \(expense)"
        ).map(Self.decode)
    }

    /// The bytes of one receipt of `expense`.
    public func data(_ id: ReceiptID, of expense: ExpenseID, on db: some PostgresQueryable) async throws -> Data? {
        try await db.queryOptional("SELECT data FROM expense_receipts WHERE id = \(id) AND expense_id = \(expense)")
            .map { try $0.decode("data") }
    }

    /// Deletes one receipt of `expense`; false when there was none.
    public func delete(_ id: ReceiptID, of expense: ExpenseID, on db: some PostgresQueryable) async throws -> Bool {
        try await ConstraintErrors.mapping(["expense_receipts_read_only": Self.readOnly], others: .rethrown) {
            try await db.execute("DELETE FROM expense_receipts WHERE id = \(id) AND expense_id = \(expense)") == 1
        }
    }
}
