/// What an invoice line bills (SPEC §2 "Invoice line").
public enum InvoiceLineKind: String, Sendable, Hashable, Codable, CaseIterable {
    case time
    case expense
    case milestone
    case changeRequest = "change_request"
    case retainerFee = "retainer_fee"
    case retainerOverage = "retainer_overage"
    /// The advance of a deposit invoice.
    case deposit
    /// Takes an earlier deposit invoice off a later invoice of the same project:
    /// −1 × the deposit's net at the deposit's tax (SPEC §5 "Deposits").
    case depositDeduction = "deposit_deduction"
    /// Typed by the admin on a draft.
    case manual

    /// The unit code (UN/ECE Recommendation 20) the line's quantity is in.
    public var unitCode: String {
        switch self {
        case .time, .retainerOverage: "HUR"
        case .retainerFee: "MON"
        case .expense, .milestone, .changeRequest, .deposit, .depositDeduction, .manual: "C62"
        }
    }
}
