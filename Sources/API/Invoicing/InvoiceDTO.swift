import Domain
import Foundation
import Services

/// A VAT as it travels: category, rate (basis points and percent text), exemption.
struct VATDTO: Encodable, Sendable {
    let category: String
    @Nullable var rateBp: Int?
    @Nullable var rate: String?
    @Nullable var exemptionCode: String?
    @Nullable var exemptionReason: String?

    init(_ tax: LineTax) {
        category = tax.category.rawValue
        rateBp = tax.rateBP
        rate = tax.rateBP.map { FixedPoint.format(Int64($0), scale: 2, minimumFractionDigits: 0) }
        exemptionCode = tax.exemptionCode
        exemptionReason = tax.exemptionReason
    }
}

/// A date range on the wire (the glossary: ranges are `from`/`to`, both included).
struct RangeDTO: Encodable, Sendable {
    let from: LocalDate
    let to: LocalDate
}

/// A reference from a line to the work it bills.
struct BilledItemDTO: Encodable, Sendable {
    let kind: String
    let id: String

    init(_ reference: BillableReference) {
        kind = reference.kind.rawValue
        id = reference.id
    }
}

struct InvoiceLineDTO: Encodable, Sendable {
    let id: InvoiceLineID
    let position: Int
    let kind: String
    @Nullable var projectId: ProjectID?
    let description: String
    let quantity: String
    let unitCode: String
    let unitPrice: String
    let net: MoneyDTO
    let vat: VATDTO
    @Nullable var period: RangeDTO?
    @Nullable var deductedDepositId: InvoiceID?
    @Nullable var creditedLineId: InvoiceLineID?
    let items: [BilledItemDTO]

    init(_ line: InvoiceLine) {
        let planned = line.planned
        id = line.id
        position = line.position
        kind = planned.kind.rawValue
        projectId = planned.projectID
        description = planned.description
        quantity = planned.quantity.decimalString
        unitCode = planned.kind.unitCode
        unitPrice = planned.unitPrice.decimalString
        net = MoneyDTO(line.net)
        vat = VATDTO(planned.tax)
        if let from = planned.periodFrom, let to = planned.periodTo { period = RangeDTO(from: from, to: to) } else { period = nil }
        deductedDepositId = planned.deductedDeposit
        creditedLineId = line.creditedLineID
        items = planned.items.map(BilledItemDTO.init)
    }
}

struct VATGroupDTO: Encodable, Sendable {
    let vat: VATDTO
    let taxable: MoneyDTO
    let tax: MoneyDTO
}

struct InvoiceTotalsDTO: Encodable, Sendable {
    let lineExtension: MoneyDTO
    let taxExclusive: MoneyDTO
    let taxTotal: MoneyDTO
    let taxInclusive: MoneyDTO
    let payable: MoneyDTO
    let vatBreakdown: [VATGroupDTO]

    /// An issued document's totals as stated at issue; a draft's as computed now.
    init(_ view: InvoiceView) {
        let currency = view.invoice.currency
        let money = { (minor: Int64) in MoneyDTO(Money(amountMinor: minor, currency: currency)) }
        if let stored = view.invoice.issue?.totals {
            lineExtension = money(stored.lineExtensionMinor)
            taxExclusive = money(stored.taxExclusiveMinor)
            taxTotal = money(stored.taxTotalMinor)
            taxInclusive = money(stored.taxInclusiveMinor)
            payable = money(stored.payableMinor)
            vatBreakdown = stored.vat.map { VATGroupDTO(vat: VATDTO($0.tax), taxable: money($0.taxableMinor), tax: money($0.amountMinor)) }
        } else {
            let totals = view.totals
            lineExtension = MoneyDTO(totals.lineExtension)
            taxExclusive = MoneyDTO(totals.taxExclusive)
            taxTotal = MoneyDTO(totals.taxTotal)
            taxInclusive = MoneyDTO(totals.taxInclusive)
            payable = MoneyDTO(totals.payable)
            vatBreakdown = totals.vat.map { VATGroupDTO(vat: VATDTO($0.tax), taxable: MoneyDTO($0.taxable), tax: MoneyDTO($0.amount)) }
        }
    }
}

/// An invoice, deposit invoice or credit note on the wire.
struct InvoiceDTO: Encodable, Sendable {
    let id: InvoiceID
    let kind: String
    let typeCode: Int
    let status: String
    let clientId: ClientID
    let currency: String
    @Nullable var number: String?
    @Nullable var issueDate: LocalDate?
    @Nullable var dueDate: LocalDate?
    @Nullable var period: RangeDTO?
    let notes: String
    @Nullable var buyerReference: String?
    @Nullable var orderReference: String?
    let timeGrouping: String
    /// Whether the document lists each time line's entries on an annex page.
    let timeAnnex: Bool
    @Nullable var depositProjectId: ProjectID?
    @Nullable var creditedInvoiceId: InvoiceID?
    @Nullable var creditReason: String?
    /// The Belgian structured communication, `+++ddd/dddd/ddddd+++` (invoices only).
    @Nullable var structuredCommunication: String?
    let lines: [InvoiceLineDTO]
    let totals: InvoiceTotalsDTO
    let credited: MoneyDTO
    let paid: MoneyDTO
    let balance: MoneyDTO
    let creditNoteIds: [InvoiceID]
    @Nullable var issuedAt: Date?
    let version: Int
    let createdAt: Date
    /// Present on `GET /invoices/{id}` of an issued invoice: its reminders, sent and to come.
    let reminders: [InvoiceReminderDTO]?

    init(_ view: InvoiceView) {
        let invoice = view.invoice
        reminders = view.reminders?.map(InvoiceReminderDTO.init)
        id = invoice.id
        kind = invoice.kind.rawValue
        typeCode = invoice.kind.typeCode
        status = view.status.rawValue
        clientId = invoice.clientID
        currency = invoice.currency.code
        number = invoice.issue?.number
        issueDate = invoice.issue?.issueDate
        dueDate = invoice.dueDate
        if let from = invoice.periodFrom, let to = invoice.periodTo { period = RangeDTO(from: from, to: to) } else { period = nil }
        notes = invoice.notes
        buyerReference = invoice.buyerReference
        orderReference = invoice.orderReference
        timeGrouping = invoice.timeGrouping.rawValue
        timeAnnex = invoice.timeAnnex
        depositProjectId = invoice.depositProjectID
        creditedInvoiceId = invoice.creditedInvoiceID
        creditReason = invoice.creditReason
        structuredCommunication = invoice.issue?.structuredCommunication?.description
        lines = view.lines.map(InvoiceLineDTO.init)
        totals = InvoiceTotalsDTO(view)
        credited = MoneyDTO(view.credited)
        paid = MoneyDTO(view.paid)
        balance = MoneyDTO(view.balance)
        creditNoteIds = view.creditNoteIDs
        issuedAt = invoice.issue?.issuedAt
        version = invoice.version
        createdAt = invoice.createdAt
    }
}

struct PaymentDTO: Encodable, Sendable {
    let id: PaymentID
    let invoiceId: InvoiceID
    let paidOn: LocalDate
    let amount: MoneyDTO
    let method: String
    let reference: String
    @Nullable var reversesPaymentId: PaymentID?
    @Nullable var reason: String?
    let recordedAt: Date

    init(_ payment: Payment) {
        id = payment.id
        invoiceId = payment.invoiceID
        paidOn = payment.paidOn
        amount = MoneyDTO(payment.amount)
        method = payment.method.rawValue
        reference = payment.reference
        reversesPaymentId = payment.reversesPaymentID
        reason = payment.reason
        recordedAt = payment.recordedAt
    }
}

/// A recorded payment or reversal with the invoice as it now stands.
struct RecordedPaymentDTO: Encodable, Sendable {
    let payment: PaymentDTO
    let invoice: InvoiceDTO
}

struct BillableItemDTO: Encodable, Sendable {
    let kind: String
    let id: String
    let clientId: ClientID
    let projectId: ProjectID
    let projectName: String
    let date: LocalDate
    let ageDays: Int
    let description: String
    let quantity: String
    let unitPrice: String
    let amount: MoneyDTO

    init(_ item: BillableItem, today: LocalDate) {
        kind = item.kind.rawValue
        id = item.reference.id
        clientId = item.clientID
        projectId = item.projectID
        projectName = item.projectName
        date = item.date
        ageDays = item.ageDays(today: today)
        description = item.description
        quantity = item.quantity.decimalString
        unitPrice = item.unitPrice.decimalString
        amount = MoneyDTO(item.amount)
    }
}

struct BillableSummaryDTO: Encodable, Sendable {
    let clientId: ClientID
    let count: Int
    let amounts: [MoneyDTO]
    let oldestAgeDays: Int
}

struct BillableWorkDTO: Encodable, Sendable {
    let asOf: LocalDate
    let items: [BillableItemDTO]
    let clients: [BillableSummaryDTO]

    init(_ work: BillableWork) {
        asOf = work.today
        items = work.items.map { BillableItemDTO($0, today: work.today) }
        clients = work.summaries.map {
            BillableSummaryDTO(clientId: $0.clientID, count: $0.count, amounts: $0.amounts.map(MoneyDTO.init), oldestAgeDays: $0.oldestAgeDays)
        }
    }
}

/// A reminder of an invoice (issue 14 item 5).
struct InvoiceReminderDTO: Encodable, Sendable {
    let offsetDays: Int
    let scheduledOn: LocalDate
    let formalNotice: Bool
    let status: String
    let recipients: [String]
    @Nullable var createdAt: Date?

    init(_ reminder: InvoiceReminder) {
        offsetDays = reminder.offsetDays
        scheduledOn = reminder.scheduledOn
        formalNotice = reminder.formalNotice
        status = reminder.status.rawValue
        recipients = reminder.recipients
        createdAt = reminder.createdAt
    }
}
