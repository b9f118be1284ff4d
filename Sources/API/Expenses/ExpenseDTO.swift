import Domain
import Foundation
import Services

/// A receipt's metadata on the wire (never its bytes).
struct ExpenseReceiptDTO: Encodable, Sendable {
    let id: ReceiptID
    let expenseId: ExpenseID
    let fileName: String
    let contentType: String
    let byteSize: Int
    let sha256: String
    let uploadedBy: UserID
    let uploadedAt: Date

    init(_ receipt: ExpenseReceipt) {
        id = receipt.id
        expenseId = receipt.expenseID
        fileName = receipt.fileName
        contentType = receipt.type.rawValue
        byteSize = receipt.byteSize
        sha256 = receipt.sha256
        uploadedBy = receipt.uploadedBy
        uploadedAt = receipt.uploadedAt
    }
}

/// An expense on the wire, with what it bills (`billable_amount`, `vat_amount`).
/// `amount` (what the agency paid) and `markup_bp` are internal: present for staff
/// only, never for a client contact. `receipts` is present when the expense is read
/// on its own (GET, create), not in lists.
struct ExpenseDTO: Encodable, Sendable {
    let id: ExpenseID
    let userId: UserID
    let projectId: ProjectID
    let expenseDate: LocalDate
    let category: String
    let amount: MoneyDTO?
    let markupBp: Int?
    let vatRateBp: Int
    let rechargeable: Bool
    let billableAmount: MoneyDTO
    let vatAmount: MoneyDTO
    let note: String
    let status: String
    @Nullable var submittedAt: Date?
    @Nullable var approvedBy: UserID?
    @Nullable var approvedAt: Date?
    @Nullable var rejectionReason: String?
    @Nullable var clientRejectionComment: String?
    @Nullable var validationId: ValidationID?
    @Nullable var invoiceLineId: UUID?
    let receipts: [ExpenseReceiptDTO]?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ expense: Expense, showsInternal: Bool, receipts: [ExpenseReceipt]? = nil) throws {
        let charge = try expense.charge()
        id = expense.id
        userId = expense.userID
        projectId = expense.projectID
        expenseDate = expense.date
        category = expense.category.rawValue
        amount = showsInternal ? MoneyDTO(expense.amount) : nil
        markupBp = showsInternal ? expense.markupBasisPoints : nil
        vatRateBp = expense.vatRateBasisPoints
        rechargeable = expense.rechargeable
        billableAmount = MoneyDTO(charge.billable)
        vatAmount = MoneyDTO(charge.vat)
        note = expense.note
        status = expense.status.rawValue
        submittedAt = expense.submittedAt
        approvedBy = expense.approvedBy
        approvedAt = expense.approvedAt
        rejectionReason = expense.rejectionReason
        clientRejectionComment = expense.clientRejectionComment
        validationId = expense.validationID
        invoiceLineId = expense.invoiceLineID
        self.receipts = receipts?.map(ExpenseReceiptDTO.init)
        version = expense.version
        createdAt = expense.createdAt
        updatedAt = expense.updatedAt
    }
}
