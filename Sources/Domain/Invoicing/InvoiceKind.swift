/// What kind of document an invoice row is (SPEC §5).
public enum InvoiceKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A commercial invoice (UNTDID 1001 code 380): work, milestones, retainers…
    case invoice
    /// A prepayment invoice (386): an advance billed on a project, deducted later.
    case deposit
    /// A credit note (381), issued at once in its own series.
    case creditNote = "credit_note"

    /// The UNTDID 1001 document type code of EN 16931 BT-3.
    public var typeCode: Int {
        switch self {
        case .invoice: 380
        case .deposit: 386
        case .creditNote: 381
        }
    }

    /// The numbering series the kind is issued in: deposits share the invoices' series.
    public var series: InvoiceSeries {
        self == .creditNote ? .creditNotes : .invoices
    }
}

/// A gapless numbering series (SPEC §5: invoices and credit notes each have their own).
public enum InvoiceSeries: String, Sendable, Hashable, Codable, CaseIterable {
    case invoices = "invoice"
    case creditNotes = "credit_note"
}
