import Domain
import Foundation
import Services

/// One line of the approver's queue with its `kind`: a time entry (the fields of
/// ``ApprovalItemDTO``, unchanged) or an expense.
struct ApprovalQueueItemDTO: Encodable, Sendable {
    let item: ApprovalQueueItem

    private enum KindKey: String, CodingKey { case kind }

    func encode(to encoder: any Encoder) throws {
        switch item {
        case .timeEntry(let detail):
            try ApprovalItemDTO(detail).encode(to: encoder)
            var container = encoder.container(keyedBy: KindKey.self)
            try container.encode("time_entry", forKey: .kind)
        case .expense(let detail):
            try ExpenseApprovalItemDTO(detail).encode(to: encoder)
        }
    }
}

/// A submitted expense in the approver's queue: who, where, what, and what it bills.
struct ExpenseApprovalItemDTO: Encodable, Sendable {
    let kind = "expense"
    let id: ExpenseID
    let user: ApprovalItemDTO.Named
    let project: ApprovalItemDTO.Named
    let expenseDate: LocalDate
    let category: String
    let amount: MoneyDTO
    let vatRateBP: Int
    let rechargeable: Bool
    let markupBP: Int
    let billableAmount: MoneyDTO
    let vatAmount: MoneyDTO
    let note: String
    let receiptCount: Int
    let disputed: Bool
    let disputeComment: String?
    let version: Int

    enum CodingKeys: String, CodingKey {
        case kind, id, user, project, category, amount, rechargeable, note, disputed, version
        case expenseDate = "expense_date"
        case vatRateBP = "vat_rate_bp"
        case markupBP = "markup_bp"
        case billableAmount = "billable_amount"
        case vatAmount = "vat_amount"
        case receiptCount = "receipt_count"
        case disputeComment = "dispute_comment"
    }

    init(_ detail: ExpenseDetail) throws {
        let expense = detail.expense
        let charge = try expense.charge()
        id = expense.id
        user = ApprovalItemDTO.Named(id: expense.userID.description, name: detail.userName, code: nil, email: detail.userEmail)
        project = ApprovalItemDTO.Named(id: expense.projectID.description, name: detail.projectName, code: detail.projectCode, email: nil)
        expenseDate = expense.date
        category = expense.category.rawValue
        amount = MoneyDTO(expense.amount)
        vatRateBP = expense.vatRateBasisPoints
        rechargeable = expense.rechargeable
        markupBP = expense.markupBasisPoints
        billableAmount = MoneyDTO(charge.billable)
        vatAmount = MoneyDTO(charge.vat)
        note = expense.note
        receiptCount = detail.receiptCount
        disputed = expense.disputeComment != nil
        disputeComment = expense.disputeComment
        version = expense.version
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(id, forKey: .id)
        try container.encode(user, forKey: .user)
        try container.encode(project, forKey: .project)
        try container.encode(expenseDate, forKey: .expenseDate)
        try container.encode(category, forKey: .category)
        try container.encode(amount, forKey: .amount)
        try container.encode(vatRateBP, forKey: .vatRateBP)
        try container.encode(rechargeable, forKey: .rechargeable)
        try container.encode(markupBP, forKey: .markupBP)
        try container.encode(billableAmount, forKey: .billableAmount)
        try container.encode(vatAmount, forKey: .vatAmount)
        try container.encode(note, forKey: .note)
        try container.encode(receiptCount, forKey: .receiptCount)
        try container.encode(disputed, forKey: .disputed)
        try container.encode(disputeComment, forKey: .disputeComment)
        try container.encode(version, forKey: .version)
    }
}
