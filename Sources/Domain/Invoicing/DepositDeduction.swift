/// An issued deposit invoice of a project and how much of it later invoices have not
/// yet taken off.
public struct DepositOnAccount: Sendable, Hashable {
    public let invoiceID: InvoiceID
    public let number: String
    public let issueDate: LocalDate
    public let projectID: ProjectID
    /// The deposit's net (what its advance line billed before VAT).
    public let net: Money
    public let tax: LineTax
    /// Σ of the deduction lines already on other invoices (issued or drafted), positive.
    public let deducted: Money

    public init(
        invoiceID: InvoiceID, number: String, issueDate: LocalDate, projectID: ProjectID, net: Money, tax: LineTax, deducted: Money
    ) {
        self.invoiceID = invoiceID
        self.number = number
        self.issueDate = issueDate
        self.projectID = projectID
        self.net = net
        self.tax = tax
        self.deducted = deducted
    }

    /// What is left to deduct.
    public var remaining: Money { Money(amountMinor: max(0, net.amountMinor - deducted.amountMinor), currency: net.currency) }
}

/// Deposit deductions on a later invoice of the same project (SPEC §5 "Deposits",
/// INVOICING-RULES §2 method A): one negative line per deposit, −1 × what is left of
/// the deposit's net at the deposit's own tax, so the VAT breakdown shows only the
/// VAT still due. Deductions never exceed what was deposited, and never take the
/// project's part of the invoice below zero: what does not fit stays for a later invoice.
public enum DepositDeduction {
    /// - Parameter projectNet: the net the invoice bills for that project before deductions.
    public static func lines(
        for deposits: [DepositOnAccount], projectNet: Money, labels: (DepositOnAccount) -> String
    ) throws(DomainError) -> [PlannedLine] {
        var room = projectNet.amountMinor
        var lines: [PlannedLine] = []
        for deposit in deposits.sorted(by: { ($0.issueDate, $0.number) < ($1.issueDate, $1.number) }) {
            let amount = min(deposit.remaining.amountMinor, room)
            guard amount > 0 else { continue }
            room -= amount
            lines.append(
                PlannedLine(
                    kind: .depositDeduction, projectID: deposit.projectID, description: labels(deposit),
                    quantity: InvoiceQuantity.one.negated,
                    unitPrice: try UnitPrice(Money(amountMinor: amount, currency: deposit.net.currency)), tax: deposit.tax,
                    deductedDeposit: deposit.invoiceID))
        }
        return lines
    }
}
