/// The kinds of work that become invoice lines (issue 12 item 3).
public enum BillableKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Approved time (client-validated where the project requires it).
    case time
    /// An approved rechargeable expense, with its markup.
    case expense
    /// An accepted milestone of a fixed-price project.
    case milestone
    /// An accepted fixed-price change request.
    case changeRequest = "change_request"
    /// A retainer period's fee, billable once the period has started (in advance).
    case retainerFee = "retainer_fee"
    /// Hours above a completed retainer period's allowance, at its overage rate.
    case retainerOverage = "retainer_overage"

    /// The line kind this work is billed on.
    public var lineKind: InvoiceLineKind {
        switch self {
        case .time: .time
        case .expense: .expense
        case .milestone: .milestone
        case .changeRequest: .changeRequest
        case .retainerFee: .retainerFee
        case .retainerOverage: .retainerOverage
        }
    }
}

extension ChangeRequestStatus {
    /// The status in which a fixed-price change request becomes billable: the client agreed to it.
    public static let billableStatus: ChangeRequestStatus = .accepted
}
