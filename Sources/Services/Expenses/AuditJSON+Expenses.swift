import Domain
import Foundation

/// Audit snapshots of expenses and their receipts (never the file bytes).
extension AuditJSON {
    struct ReceiptSnapshot: Encodable, Sendable {
        let id: ReceiptID
        let expenseId: ExpenseID
        let fileName: String
        let contentType: String
        let byteSize: Int
        let sha256: String

        init(_ receipt: ExpenseReceipt) {
            id = receipt.id
            expenseId = receipt.expenseID
            fileName = receipt.fileName
            contentType = receipt.type.rawValue
            byteSize = receipt.byteSize
            sha256 = receipt.sha256
        }
    }

    struct ExpenseSnapshot: Encodable, Sendable {
        let id: ExpenseID
        let userId: UserID
        let projectId: ProjectID
        let expenseDate: LocalDate
        let category: String
        let amountMinor: Int64
        let currency: String
        let vatRateBp: Int
        let rechargeable: Bool
        let markupBp: Int
        let note: String
        let status: String
        let rejectionReason: String?
        let approvedBy: UserID?
        let receipts: [ReceiptSnapshot]?

        init(_ expense: Expense, receipts: [ExpenseReceipt]? = nil) {
            id = expense.id
            userId = expense.userID
            projectId = expense.projectID
            expenseDate = expense.date
            category = expense.category.rawValue
            amountMinor = expense.amount.amountMinor
            currency = expense.amount.currency.code
            vatRateBp = expense.vatRateBasisPoints
            rechargeable = expense.rechargeable
            markupBp = expense.markupBasisPoints
            note = expense.note
            status = expense.status.rawValue
            rejectionReason = expense.rejectionReason
            approvedBy = expense.approvedBy
            self.receipts = receipts?.map(ReceiptSnapshot.init)
        }
    }

    /// The expense; with `receipts`, their metadata too (when it is deleted with them).
    static func expense(_ expense: Expense, receipts: [ExpenseReceipt]? = nil) throws -> String {
        try encode(ExpenseSnapshot(expense, receipts: receipts))
    }

    static func receipt(_ receipt: ExpenseReceipt) throws -> String {
        try encode(ReceiptSnapshot(receipt))
    }
}
