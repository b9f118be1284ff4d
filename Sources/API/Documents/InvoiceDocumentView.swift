import Domain
import Foundation
import Services

/// What `invoice-document.mustache` shows (issue 13 item 1): every Belgian mandatory
/// mention of an invoice, deposit invoice or credit note, in the client's language,
/// from the issued snapshot (a draft's preview: from the parties as they stand, marked
/// DRAFT, without number or QR code).
struct InvoiceDocumentView {
    struct Party {
        let name: String
        let tradingName: String?
        let legalForm: String?
        let register: String?
        let addressLines: [String]
        let vatNumber: String?
        let companyNumber: String?
        let email: String?
    }

    struct Line {
        let description: String
        /// The deposit a deduction takes off, or the work's dates.
        let detail: String?
        let quantity: String
        let unitPrice: String
        let vatRate: String
        let net: String
    }

    struct VATRow {
        let rate: String
        let base: String
        let amount: String
    }

    struct QRCode {
        let side: Int
        let path: String
        let label: String
    }

    struct Payment {
        let dueDate: String?
        let terms: String?
        let iban: String?
        let bic: String?
        let communication: String?
        let qr: QRCode?
    }

    let lang: String
    let t: InvoiceDocumentLabels
    let title: String
    let isDraft: Bool
    let number: String?
    let issueDate: String?
    let period: String?
    let seller: Party
    let buyer: Party
    let buyerReference: String?
    let orderReference: String?
    let isDeposit: Bool
    let credits: String?
    let creditReason: String?
    let lines: [Line]
    let vat: [VATRow]
    let mentions: [String]
    var hasMentions: Bool { !mentions.isEmpty }
    let totalExclVAT: String
    let totalVAT: String
    let totalInclVAT: String
    let payable: String
    let payment: Payment?
    let notes: String?
    let lateClause: String?
    /// The EPC payload (tests read it back from the QR code).
    let epcPayload: String?
    let annex: Annex?

    init(_ data: InvoiceDocumentData) {
        let invoice = data.view.invoice
        let language = data.buyer.language
        let client = ClientLanguage(rawValue: language.rawValue) ?? .en
        let t = InvoiceDocumentLabels.of(language)
        let date = { (day: LocalDate) in InvoiceDocumentLabels.date(day, in: language) }
        let money = { (minor: Int64) in client.money(Money(amountMinor: minor, currency: invoice.currency)) }
        lang = language.rawValue
        self.t = t
        switch invoice.kind {
        case .invoice: title = t.invoice
        case .deposit: title = t.deposit
        case .creditNote: title = t.creditNote
        }
        isDraft = !invoice.isIssued
        number = invoice.issue?.number
        issueDate = invoice.issue.map { date($0.issueDate) }
        if let from = invoice.periodFrom, let to = invoice.periodTo {
            period = "\(date(from)) – \(date(to))"
        } else {
            period = nil
        }
        seller = Party(
            name: data.seller.legalName, tradingName: data.seller.tradingName, legalForm: data.seller.legalForm,
            register: data.seller.registerMention, addressLines: Self.lines(data.seller.address), vatNumber: data.seller.vatNumber,
            companyNumber: data.seller.companyNumber, email: data.seller.email)
        buyer = Party(
            name: data.buyer.name, tradingName: nil, legalForm: nil, register: nil, addressLines: Self.lines(data.buyer.address),
            vatNumber: data.buyer.vatNumber, companyNumber: data.buyer.companyNumber, email: nil)
        buyerReference = invoice.buyerReference
        orderReference = invoice.orderReference
        isDeposit = invoice.kind == .deposit
        credits = data.credited.map { t.credits(number: $0.number, date: date($0.issueDate)) }
        creditReason = invoice.kind == .creditNote ? invoice.creditReason.flatMap { $0.isEmpty ? nil : $0 } : nil

        var mentions: [String] = []
        lines = data.view.lines.sorted { $0.position < $1.position }.map { line in
            let planned = line.planned
            var detail: String?
            if let deposit = planned.deductedDeposit {
                detail = data.deposits[deposit].map { t.deduction(number: $0.number, date: date($0.issueDate)) }
            } else if let from = planned.periodFrom, let to = planned.periodTo {
                detail = from == to ? date(from) : "\(date(from)) – \(date(to))"
            }
            let unit = planned.kind.unitCode == "HUR" ? t.hoursUnit : t.unitsUnit
            for mention in Self.mentions(planned.tax) where !mentions.contains(mention) { mentions.append(mention) }
            return Line(
                description: planned.description, detail: detail, quantity: "\(client.number(planned.quantity.decimalString)) \(unit)",
                unitPrice: client.money(planned.unitPrice.decimalString, currency: invoice.currency.code),
                vatRate: Self.rate(planned.tax, in: client), net: client.money(line.net))
        }
        self.mentions = mentions
        vat = data.view.totals.vat.map {
            VATRow(rate: Self.rate($0.tax, in: client), base: client.money($0.taxable), amount: client.money($0.amount))
        }
        let stored = invoice.issue?.totals
        let totals = data.view.totals
        totalExclVAT = money(stored?.taxExclusiveMinor ?? totals.taxExclusive.amountMinor)
        totalVAT = money(stored?.taxTotalMinor ?? totals.taxTotal.amountMinor)
        totalInclVAT = money(stored?.taxInclusiveMinor ?? totals.taxInclusive.amountMinor)
        let payableMinor = stored?.payableMinor ?? totals.payable.amountMinor
        payable = money(payableMinor)

        if invoice.kind == .creditNote {
            payment = nil
            epcPayload = nil
        } else {
            let issueDay = invoice.issue?.issueDate
            var terms: String?
            if let issueDay, let due = invoice.dueDate { terms = t.terms(days: issueDay.days(until: due)) }
            let communication = invoice.issue?.structuredCommunication
            // A draft's preview never shows a QR code: it is not payable yet.
            let epc =
                invoice.isIssued
                ? EPCPaymentPayload(
                    beneficiary: data.seller.legalName, iban: data.seller.iban, bic: data.seller.bic,
                    amount: Money(amountMinor: payableMinor, currency: invoice.currency), reference: communication)
                : nil
            epcPayload = epc?.text
            let qr = epc.flatMap { QRCodeSVG($0.text) }.map { QRCode(side: $0.side, path: $0.path, label: t.scanToPay) }
            payment = Payment(
                dueDate: invoice.dueDate.map(date), terms: terms, iban: data.seller.iban.map(Self.groupedIBAN), bic: data.seller.bic,
                communication: communication?.description, qr: qr)
        }
        notes = invoice.notes.isEmpty ? nil : invoice.notes
        lateClause = invoice.kind == .creditNote ? nil : t.lateClause
        annex = Self.annex(data, in: client)
    }

    /// Street, additional line, postal code and city, country.
    static func lines(_ address: PostalAddress?) -> [String] {
        guard let address else { return [] }
        return [address.street] + (address.additionalLine.map { [$0] } ?? []) + ["\(address.postalCode) \(address.city)", address.country]
    }

    /// `21 %`, `5,5 %`; the category for the exempt ones (`0 % AE`), `—` outside scope.
    static func rate(_ tax: LineTax, in language: ClientLanguage) -> String {
        guard let bp = tax.rateBP else { return "— (\(tax.category.rawValue))" }
        let whole = bp / 100
        let fraction = bp % 100
        var text = String(whole)
        if fraction != 0 {
            let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0\(fraction)" : String(fraction))
            text += language.decimalMark + digits
        }
        let category = [VATCategory.standard, .zero].contains(tax.category) ? "" : " \(tax.category.rawValue)"
        return "\(text)\u{00A0}%\(category)"
    }

    /// What the document must say about a line's tax: reverse charge, or the exemption.
    static func mentions(_ tax: LineTax) -> [String] {
        guard tax.category.needsExemptionReason else { return [] }
        var mentions: [String] = []
        if tax.category == .reverseCharge { mentions.append(InvoiceDocumentLabels.reverseCharge) }
        let reason = [tax.exemptionCode, tax.exemptionReason].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        if !reason.isEmpty { mentions.append("\(tax.category.rawValue) – \(reason)") }
        return mentions
    }

    /// `BE68 5390 0754 7034`: the IBAN as people read it.
    static func groupedIBAN(_ iban: String) -> String {
        var grouped = ""
        for (index, character) in iban.enumerated() {
            if index > 0, index % 4 == 0 { grouped += " " }
            grouped.append(character)
        }
        return grouped
    }
}
