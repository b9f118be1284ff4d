/// Where an invoice stands (SPEC §2, issue 12 item 9). Only ``draft`` and the issued
/// state are stored; the rest follows from payments, credit notes and the date, so
/// an issued document never has to change to move on.
public enum InvoiceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case draft
    case issued
    case partiallyPaid = "partially_paid"
    case paid
    case overdue
    /// Fully cancelled by credit notes.
    case credited

    /// The status of an issued document.
    /// - Parameters:
    ///   - total: what the document asks (payable amount).
    ///   - credited: the total of the credit notes against it.
    ///   - paid: the payments received, reversals deducted.
    ///   - dueDate: nil for credit notes, which are never due.
    public static func of(total: Money, credited: Money, paid: Money, dueDate: LocalDate?, today: LocalDate) -> InvoiceStatus {
        let balance = total.amountMinor - credited.amountMinor - paid.amountMinor
        if total.amountMinor > 0, credited.amountMinor >= total.amountMinor { return .credited }
        if balance <= 0, paid.amountMinor > 0 { return .paid }
        if balance > 0, let dueDate, today > dueDate { return .overdue }
        if paid.amountMinor > 0 { return .partiallyPaid }
        return .issued
    }
}

/// How a payment was made (issue 12 item 9).
public enum PaymentMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case transfer, card, cash, other
}

/// How a draft turns time entries into lines (issue 12 item 4), chosen per draft.
public enum TimeGrouping: String, Sendable, Hashable, Codable, CaseIterable {
    /// One line per task (and rate).
    case task
    /// One line per person (and rate).
    case person
    /// One line per time entry.
    case entry
    /// One line per project (and rate).
    case project
}
