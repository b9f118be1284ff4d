public import Domain

/// A draft from billable work (issue 12 item 4): one client and currency, from a
/// selection that defaults to everything billable for that client.
public struct NewDraft: Sendable {
    public var clientID: ClientID
    /// Defaults to the client's currency.
    public var currency: Currency?
    public var projectIDs: [ProjectID]?
    public var upTo: LocalDate?
    public var kinds: Set<BillableKind>?
    public var grouping: TimeGrouping
    public var edits: DraftEdits

    public init(
        clientID: ClientID, currency: Currency? = nil, projectIDs: [ProjectID]? = nil, upTo: LocalDate? = nil,
        kinds: Set<BillableKind>? = nil, grouping: TimeGrouping = .task, edits: DraftEdits = DraftEdits()
    ) {
        self.clientID = clientID
        self.currency = currency
        self.projectIDs = projectIDs
        self.upTo = upTo
        self.kinds = kinds
        self.grouping = grouping
        self.edits = edits
    }
}

/// A deposit invoice (issue 12 item 5): an advance on a project, an amount or a
/// percentage of its contract amount.
public struct NewDeposit: Sendable {
    public enum Share: Sendable {
        case amount(Int64)
        /// Basis points of the contract amount (3000 = 30 %).
        case percentage(basisPoints: Int)
    }

    public var projectID: ProjectID
    public var share: Share
    public var edits: DraftEdits

    public init(projectID: ProjectID, share: Share, edits: DraftEdits = DraftEdits()) {
        self.projectID = projectID
        self.share = share
        self.edits = edits
    }
}

/// What the admin may change on a draft: nil leaves a field as it is, `.some(nil)`
/// clears it.
public struct DraftEdits: Sendable {
    public var notes: String?
    public var buyerReference: String??
    public var orderReference: String??
    public var period: (from: LocalDate, to: LocalDate)??
    public var dueDate: LocalDate??
    /// Whether the document carries the time annex (issue 13 item 1).
    public var timeAnnex: Bool?
    /// New descriptions of lines (any kind).
    public var descriptions: [InvoiceLineID: String] = [:]
    /// New quantity, price or tax of manual lines.
    public var manualChanges: [InvoiceLineID: ManualLineChange] = [:]
    public var addedLines: [ManualLine] = []
    public var removedLines: [InvoiceLineID] = []

    public init(
        notes: String? = nil, buyerReference: String?? = nil, orderReference: String?? = nil,
        period: (from: LocalDate, to: LocalDate)?? = nil, dueDate: LocalDate?? = nil, timeAnnex: Bool? = nil
    ) {
        self.notes = notes
        self.buyerReference = buyerReference
        self.orderReference = orderReference
        self.period = period
        self.dueDate = dueDate
        self.timeAnnex = timeAnnex
    }
}

/// A line the admin types.
public struct ManualLine: Sendable {
    public var description: String
    public var quantity: InvoiceQuantity
    /// Major units × 10 000.
    public var unitPriceScaled: Int64
    /// Nil: the client's treatment at the agency's standard rate.
    public var tax: LineTax?
    public var projectID: ProjectID?

    public init(description: String, quantity: InvoiceQuantity, unitPriceScaled: Int64, tax: LineTax? = nil, projectID: ProjectID? = nil) {
        self.description = description
        self.quantity = quantity
        self.unitPriceScaled = unitPriceScaled
        self.tax = tax
        self.projectID = projectID
    }
}

/// A change to a manual line: nil leaves a part as it is.
public struct ManualLineChange: Sendable {
    public var quantity: InvoiceQuantity?
    public var unitPriceScaled: Int64?
    public var tax: LineTax?

    public init(quantity: InvoiceQuantity? = nil, unitPriceScaled: Int64? = nil, tax: LineTax? = nil) {
        self.quantity = quantity
        self.unitPriceScaled = unitPriceScaled
        self.tax = tax
    }
}
