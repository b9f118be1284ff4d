/// The columns of Sheaf's expense export (`GET /exports/expenses.csv`).
///
/// Amounts are decimal major units in the expense's currency; `markup` and VAT rates
/// are percentages with two decimals (`10.00`). `amount` (what the agency paid) and
/// `markup` are internal: written only for staff, empty for client contacts, who see
/// what they are billed. Write the rows with ``CSVWriter`` so notes cannot inject formulas.
public enum ExpenseCSV {
    /// The header row, in order.
    public static let header = [
        "id", "date", "user_email", "user_name", "client", "project_code", "project", "category", "currency", "amount",
        "markup_percent", "rechargeable", "billable_amount", "vat_rate_percent", "vat_amount", "status", "receipts", "note",
    ]

    /// The fields of one expense, in ``header`` order.
    /// - Throws: ``DomainError/invalid(_:)`` when its charge overflows (never for stored expenses).
    public static func row(
        _ expense: Expense, userEmail: String, userName: String, client: String, projectCode: String, project: String, receipts: Int,
        showsInternal: Bool
    ) throws(DomainError) -> [String] {
        let charge = try expense.charge()
        return [
            expense.id.description, expense.date.description, userEmail, userName, client, projectCode, project,
            expense.category.rawValue, expense.amount.currency.code, showsInternal ? expense.amount.decimalString : "",
            showsInternal ? percent(expense.markupBasisPoints) : "", expense.rechargeable ? "true" : "false",
            charge.billable.decimalString, percent(expense.vatRateBasisPoints), charge.vat.decimalString, expense.status.rawValue,
            String(receipts), expense.note,
        ]
    }

    /// Basis points as a percentage with two decimals: 1000 → `10.00`, 550 → `5.50`.
    public static func percent(_ basisPoints: Int) -> String {
        FixedPoint.format(Int64(basisPoints), scale: 2)
    }
}
