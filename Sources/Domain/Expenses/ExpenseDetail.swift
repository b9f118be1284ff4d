/// An expense with the names people read next to it (queue, CSV export).
public struct ExpenseDetail: Sendable {
    public let expense: Expense
    public let userName: String
    public let userEmail: String
    public let projectName: String
    public let projectCode: String
    public let clientName: String
    /// How many receipts it carries.
    public let receiptCount: Int

    public init(
        expense: Expense, userName: String, userEmail: String, projectName: String, projectCode: String, clientName: String, receiptCount: Int
    ) {
        self.expense = expense
        self.userName = userName
        self.userEmail = userEmail
        self.projectName = projectName
        self.projectCode = projectCode
        self.clientName = clientName
        self.receiptCount = receiptCount
    }
}
