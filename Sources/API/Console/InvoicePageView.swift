import Domain
import Foundation
import Services

/// One invoice in the console (`console-invoice.mustache`): its lines and totals, and
/// what can be done next — issue a draft, record a payment of an issued invoice.
struct InvoicePageView: Sendable {
    struct Line: Sendable {
        let description: String
        let quantity: String
        let unitPrice: String
        let vat: String
        let net: String
    }

    struct VATLine: Sendable {
        let label: String
        let taxable: String
        let amount: String
    }

    struct PaymentLine: Sendable {
        let date: String
        let amount: String
        let method: String
        let reference: String
    }

    struct Method: Sendable {
        let value: String
        let label: String
    }

    let id: String
    let number: String
    let client: String
    let status: String
    let statusCode: String
    let isDraft: Bool
    let isIssued: Bool
    let version: Int
    let issueDate: String
    let dueDate: String
    let period: String
    let hasPeriod: Bool
    let hasDueDate: Bool
    let lines: [Line]
    let vat: [VATLine]
    let net: String
    let tax: String
    let total: String
    let paid: String
    let balance: String
    let hasBalance: Bool
    let balanceDecimal: String
    let payments: [PaymentLine]
    let hasPayments: Bool
    let methods: [Method]
    let today: String
    /// Issue and record payments (the admin); others read.
    let canManage: Bool
    let canIssue: Bool
    let canPay: Bool
    /// Line edits of a draft, credit notes of an issued invoice.
    let edit: InvoiceEditingView

    init(
        _ view: InvoiceView, client: String, payments: [Payment], today: LocalDate, canManage: Bool, edit: InvoiceEditingView,
        language: ClientLanguage
    ) {
        let text = { (key: String) in ConsoleCatalog.text(key, language) }
        let invoice = view.invoice
        id = invoice.id.description
        number = invoice.issue?.number ?? text("invoice_draft_number")
        self.client = client
        status = text("invoice_status_\(view.status.rawValue)")
        statusCode = view.status.rawValue
        isDraft = !invoice.isIssued
        isIssued = invoice.isIssued
        version = invoice.version
        issueDate = invoice.issue?.issueDate.description ?? ""
        dueDate = invoice.dueDate?.description ?? ""
        period = [invoice.periodFrom, invoice.periodTo].compactMap { $0?.description }.joined(separator: " – ")
        func percent(_ tax: LineTax) -> String {
            guard let rate = tax.rateBP else { return tax.category.rawValue }
            return "\(tax.category.rawValue) \(language.number(FixedPoint.format(Int64(rate), scale: 2)))%"
        }
        hasPeriod = !period.isEmpty
        hasDueDate = !dueDate.isEmpty
        lines = view.lines.map {
            Line(
                description: $0.planned.description, quantity: language.number($0.planned.quantity.decimalString),
                unitPrice: language.money($0.planned.unitPrice.decimalString, currency: $0.planned.unitPrice.currency.code),
                vat: percent($0.planned.tax), net: language.money($0.net))
        }
        vat = view.totals.vat.map { VATLine(label: percent($0.tax), taxable: language.money($0.taxable), amount: language.money($0.amount)) }
        net = language.money(view.totals.taxExclusive)
        tax = language.money(view.totals.taxTotal)
        total = language.money(view.totals.payable)
        paid = language.money(view.paid)
        balance = language.money(view.balance)
        hasBalance = view.balance.amountMinor > 0
        balanceDecimal = view.balance.decimalString
        self.payments = payments.map {
            PaymentLine(date: $0.paidOn.description, amount: language.money($0.amount), method: text("payment_method_\($0.method.rawValue)"), reference: $0.reference)
        }
        hasPayments = !payments.isEmpty
        methods = PaymentMethod.allCases.map { Method(value: $0.rawValue, label: text("payment_method_\($0.rawValue)")) }
        self.today = today.description
        self.canManage = canManage
        canIssue = canManage && !invoice.isIssued
        canPay = canManage && invoice.isIssued && view.balance.amountMinor > 0
        self.edit = edit
    }
}
