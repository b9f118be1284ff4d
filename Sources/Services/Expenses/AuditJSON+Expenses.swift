import Domain
import Foundation

/// Audit snapshots of expenses and their receipts (never the file bytes).
extension AuditJSON {
    private struct ReceiptSnapshot: Encodable {
        let id: String
        let expenseID: String
        let fileName: String
        let contentType: String
        let byteSize: Int
        let sha256: String
        enum CodingKeys: String, CodingKey {
            case id, sha256
            case expenseID = "expense_id"
            case fileName = "file_name"
            case contentType = "content_type"
            case byteSize = "byte_size"
        }
    }

    private struct ExpenseSnapshot: Encodable {
        let id: String
        let userID: String
        let projectID: String
        let expenseDate: String
        let category: String
        let amountMinor: Int64
        let currency: String
        let vatRateBP: Int
        let rechargeable: Bool
        let markupBP: Int
        let note: String
        let status: String
        let rejectionReason: String?
        let approvedBy: String?
        let receipts: [ReceiptSnapshot]?
        enum CodingKeys: String, CodingKey {
            case id, category, currency, rechargeable, note, status, receipts
            case userID = "user_id"
            case projectID = "project_id"
            case expenseDate = "expense_date"
            case amountMinor = "amount_minor"
            case vatRateBP = "vat_rate_bp"
            case markupBP = "markup_bp"
            case rejectionReason = "rejection_reason"
            case approvedBy = "approved_by"
        }
    }

    private static func snapshot(_ receipt: ExpenseReceipt) -> ReceiptSnapshot {
        ReceiptSnapshot(
            id: receipt.id.description, expenseID: receipt.expenseID.description, fileName: receipt.fileName,
            contentType: receipt.type.rawValue, byteSize: receipt.byteSize, sha256: receipt.sha256)
    }

    /// The expense; with `receipts`, their metadata too (when it is deleted with them).
    static func expense(_ expense: Expense, receipts: [ExpenseReceipt]? = nil) throws -> String {
        try encode(
            ExpenseSnapshot(
                id: expense.id.description, userID: expense.userID.description, projectID: expense.projectID.description,
                expenseDate: expense.date.description, category: expense.category.rawValue, amountMinor: expense.amount.amountMinor,
                currency: expense.amount.currency.code, vatRateBP: expense.vatRateBasisPoints, rechargeable: expense.rechargeable,
                markupBP: expense.markupBasisPoints, note: expense.note, status: expense.status.rawValue,
                rejectionReason: expense.rejectionReason, approvedBy: expense.approvedBy?.description,
                receipts: receipts.map { $0.map(snapshot) }))
    }

    static func receipt(_ receipt: ExpenseReceipt) throws -> String {
        try encode(snapshot(receipt))
    }
}
