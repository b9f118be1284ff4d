public import Foundation

/// An invoice, deposit invoice or credit note as stored: a draft the admin edits,
/// or an issued document that never changes again (SPEC §5).
public struct Invoice: Sendable, Hashable {
    public let id: InvoiceID
    public let kind: InvoiceKind
    public let clientID: ClientID
    public let currency: Currency
    /// Whether it has been issued (numbered and frozen).
    public var isIssued: Bool
    public var notes: String
    public var buyerReference: String?
    public var orderReference: String?
    /// The invoicing period (EN 16931 BG-14).
    public var periodFrom: LocalDate?
    public var periodTo: LocalDate?
    public var dueDate: LocalDate?
    public var timeGrouping: TimeGrouping
    /// Whether the document lists each time line's entries on an annex page (issue 13
    /// item 1); frozen with the rest at issue.
    public var timeAnnex: Bool
    /// The project a deposit invoice advances on.
    public let depositProjectID: ProjectID?
    /// The invoice a credit note credits, and why.
    public let creditedInvoiceID: InvoiceID?
    public let creditReason: String?
    /// What issuing set.
    public var issue: IssuedFacts?
    public var version: Int
    public let createdAt: Date

    public init(
        id: InvoiceID, kind: InvoiceKind, clientID: ClientID, currency: Currency, isIssued: Bool = false, notes: String = "",
        buyerReference: String? = nil, orderReference: String? = nil, periodFrom: LocalDate? = nil, periodTo: LocalDate? = nil,
        dueDate: LocalDate? = nil, timeGrouping: TimeGrouping = .task, timeAnnex: Bool = false, depositProjectID: ProjectID? = nil,
        creditedInvoiceID: InvoiceID? = nil, creditReason: String? = nil, issue: IssuedFacts? = nil, version: Int = 1,
        createdAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.clientID = clientID
        self.currency = currency
        self.isIssued = isIssued
        self.notes = notes
        self.buyerReference = buyerReference
        self.orderReference = orderReference
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.dueDate = dueDate
        self.timeGrouping = timeGrouping
        self.timeAnnex = timeAnnex
        self.depositProjectID = depositProjectID
        self.creditedInvoiceID = creditedInvoiceID
        self.creditReason = creditReason
        self.issue = issue
        self.version = version
        self.createdAt = createdAt
    }

    /// What a draft's editable fields must satisfy.
    public var problems: [FieldError] {
        var problems: [FieldError] = []
        if notes.count > 4000 { problems.append(FieldError(field: "notes", message: "is at most 4000 characters")) }
        for (field, value) in [("buyer_reference", buyerReference), ("order_reference", orderReference)] {
            if let value, value.isEmpty || value.count > 200 {
                problems.append(FieldError(field: field, message: "is 1 to 200 characters"))
            }
        }
        if let from = periodFrom, let to = periodTo, to < from {
            problems.append(FieldError(field: "period.to", message: "is before the period's start"))
        }
        if (periodFrom == nil) != (periodTo == nil) {
            problems.append(FieldError(field: "period", message: "needs both from and to"))
        }
        return problems
    }
}

/// What issuing an invoice fixes for good.
public struct IssuedFacts: Sendable, Hashable {
    public let series: InvoiceSeries
    public let year: Int
    public let counter: Int
    public let number: String
    public let issueDate: LocalDate
    /// Invoices only (a credit note is not paid).
    public let structuredCommunication: StructuredCommunication?
    public let totals: StoredTotals
    public let issuedAt: Date
    public let issuedBy: UserID?

    public init(
        series: InvoiceSeries, year: Int, counter: Int, number: String, issueDate: LocalDate,
        structuredCommunication: StructuredCommunication?, totals: StoredTotals, issuedAt: Date, issuedBy: UserID?
    ) {
        self.series = series
        self.year = year
        self.counter = counter
        self.number = number
        self.issueDate = issueDate
        self.structuredCommunication = structuredCommunication
        self.totals = totals
        self.issuedAt = issuedAt
        self.issuedBy = issuedBy
    }
}

/// The totals an issued document states, as stored at issue (never recomputed).
public struct StoredTotals: Sendable, Hashable, Codable {
    public let lineExtensionMinor: Int64
    public let taxExclusiveMinor: Int64
    public let taxTotalMinor: Int64
    public let taxInclusiveMinor: Int64
    public let payableMinor: Int64
    public let vat: [StoredVATGroup]

    public init(_ totals: InvoiceTotals) {
        lineExtensionMinor = totals.lineExtension.amountMinor
        taxExclusiveMinor = totals.taxExclusive.amountMinor
        taxTotalMinor = totals.taxTotal.amountMinor
        taxInclusiveMinor = totals.taxInclusive.amountMinor
        payableMinor = totals.payable.amountMinor
        vat = totals.vat.map { StoredVATGroup(tax: $0.tax, taxableMinor: $0.taxable.amountMinor, amountMinor: $0.amount.amountMinor) }
    }

    public init(
        lineExtensionMinor: Int64, taxExclusiveMinor: Int64, taxTotalMinor: Int64, taxInclusiveMinor: Int64, payableMinor: Int64,
        vat: [StoredVATGroup]
    ) {
        self.lineExtensionMinor = lineExtensionMinor
        self.taxExclusiveMinor = taxExclusiveMinor
        self.taxTotalMinor = taxTotalMinor
        self.taxInclusiveMinor = taxInclusiveMinor
        self.payableMinor = payableMinor
        self.vat = vat
    }
}

/// One row of a stored VAT breakdown.
public struct StoredVATGroup: Sendable, Hashable, Codable {
    public let tax: LineTax
    public let taxableMinor: Int64
    public let amountMinor: Int64

    public init(tax: LineTax, taxableMinor: Int64, amountMinor: Int64) {
        self.tax = tax
        self.taxableMinor = taxableMinor
        self.amountMinor = amountMinor
    }
}
