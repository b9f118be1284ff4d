import Domain
import Foundation

/// A receipt's metadata on the wire (never its bytes).
struct ExpenseReceiptDTO: Encodable, Sendable {
    let receipt: ExpenseReceipt

    enum CodingKeys: String, CodingKey {
        case id, sha256
        case expenseID = "expense_id"
        case fileName = "file_name"
        case contentType = "content_type"
        case byteSize = "byte_size"
        case uploadedBy = "uploaded_by"
        case uploadedAt = "uploaded_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(receipt.id, forKey: .id)
        try container.encode(receipt.expenseID, forKey: .expenseID)
        try container.encode(receipt.fileName, forKey: .fileName)
        try container.encode(receipt.type.rawValue, forKey: .contentType)
        try container.encode(receipt.byteSize, forKey: .byteSize)
        try container.encode(receipt.sha256, forKey: .sha256)
        try container.encode(receipt.uploadedBy, forKey: .uploadedBy)
        try container.encode(receipt.uploadedAt, forKey: .uploadedAt)
    }
}

/// An expense on the wire, with what it bills (`billable_amount`, `vat_amount`).
/// `amount` (what the agency paid) and `markup_bp` are internal: present for staff
/// only, never for a client contact. `receipts` is present when the expense is read
/// on its own (GET, create), not in lists.
struct ExpenseDTO: Encodable, Sendable {
    let expense: Expense
    let charge: ExpenseCharge
    let showsInternal: Bool
    let receipts: [ExpenseReceipt]?

    init(_ expense: Expense, showsInternal: Bool, receipts: [ExpenseReceipt]? = nil) throws {
        self.expense = expense
        charge = try expense.charge()
        self.showsInternal = showsInternal
        self.receipts = receipts
    }

    enum CodingKeys: String, CodingKey {
        case id, category, amount, rechargeable, note, status, receipts, version
        case userID = "user_id"
        case projectID = "project_id"
        case expenseDate = "expense_date"
        case vatRateBP = "vat_rate_bp"
        case markupBP = "markup_bp"
        case billableAmount = "billable_amount"
        case vatAmount = "vat_amount"
        case submittedAt = "submitted_at"
        case approvedBy = "approved_by"
        case approvedAt = "approved_at"
        case rejectionReason = "rejection_reason"
        case disputeComment = "dispute_comment"
        case validationID = "validation_id"
        case invoiceLineID = "invoice_line_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(expense.id, forKey: .id)
        try container.encode(expense.userID, forKey: .userID)
        try container.encode(expense.projectID, forKey: .projectID)
        try container.encode(expense.date, forKey: .expenseDate)
        try container.encode(expense.category.rawValue, forKey: .category)
        if showsInternal {
            try container.encode(MoneyDTO(expense.amount), forKey: .amount)
            try container.encode(expense.markupBasisPoints, forKey: .markupBP)
        }
        try container.encode(expense.vatRateBasisPoints, forKey: .vatRateBP)
        try container.encode(expense.rechargeable, forKey: .rechargeable)
        try container.encode(MoneyDTO(charge.billable), forKey: .billableAmount)
        try container.encode(MoneyDTO(charge.vat), forKey: .vatAmount)
        try container.encode(expense.note, forKey: .note)
        try container.encode(expense.status.rawValue, forKey: .status)
        try container.encode(expense.submittedAt, forKey: .submittedAt)
        try container.encode(expense.approvedBy, forKey: .approvedBy)
        try container.encode(expense.approvedAt, forKey: .approvedAt)
        try container.encode(expense.rejectionReason, forKey: .rejectionReason)
        try container.encode(expense.disputeComment, forKey: .disputeComment)
        try container.encode(expense.validationID, forKey: .validationID)
        try container.encode(expense.invoiceLineID, forKey: .invoiceLineID)
        if let receipts { try container.encode(receipts.map(ExpenseReceiptDTO.init), forKey: .receipts) }
        try container.encode(expense.version, forKey: .version)
        try container.encode(expense.createdAt, forKey: .createdAt)
        try container.encode(expense.updatedAt, forKey: .updatedAt)
    }
}
