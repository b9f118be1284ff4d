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
    let vatRateBp: Int
    let rechargeable: Bool
    let markupBp: Int
    let billableAmount: MoneyDTO
    let vatAmount: MoneyDTO
    let note: String
    let receiptCount: Int
    /// Whether it came back because the client rejected a validation covering it.
    let rejectedByClient: Bool
    @Nullable var clientRejectionComment: String?
    let version: Int

    init(_ detail: ExpenseDetail) throws {
        let expense = detail.expense
        let charge = try expense.charge()
        id = expense.id
        user = ApprovalItemDTO.Named(id: expense.userID.description, name: detail.userName, code: nil, email: detail.userEmail)
        project = ApprovalItemDTO.Named(id: expense.projectID.description, name: detail.projectName, code: detail.projectCode, email: nil)
        expenseDate = expense.date
        category = expense.category.rawValue
        amount = MoneyDTO(expense.amount)
        vatRateBp = expense.vatRateBasisPoints
        rechargeable = expense.rechargeable
        markupBp = expense.markupBasisPoints
        billableAmount = MoneyDTO(charge.billable)
        vatAmount = MoneyDTO(charge.vat)
        note = expense.note
        receiptCount = detail.receiptCount
        rejectedByClient = expense.clientRejectionComment != nil
        clientRejectionComment = expense.clientRejectionComment
        version = expense.version
    }

}
