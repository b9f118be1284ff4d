import Foundation

/// What a UBL document is rendered from: an issued invoice, deposit invoice or credit
/// note, its lines, the seller and buyer as snapshotted at issue, and the earlier
/// documents it refers to (the credited invoice, the deducted deposit invoices).
/// Everything here is frozen at issue, so the UBL reads the same forever.
public struct UBLSource: Sendable {
    public let invoice: Invoice
    public let lines: [InvoiceLine]
    public let seller: SellerParty
    public let buyer: BuyerParty
    /// The credited invoice of a credit note, then every deposit invoice a deduction
    /// line takes off, each once, in the order the lines name them.
    public let precedingInvoices: [UBLDocumentReference]

    public init(invoice: Invoice, lines: [InvoiceLine], seller: SellerParty, buyer: BuyerParty, precedingInvoices: [UBLDocumentReference]) {
        self.invoice = invoice
        self.lines = lines
        self.seller = seller
        self.buyer = buyer
        self.precedingInvoices = precedingInvoices
    }
}

/// An earlier issued document by number and issue date (EN 16931 BG-3).
public struct UBLDocumentReference: Sendable, Hashable {
    public let number: String
    public let issueDate: LocalDate

    public init(number: String, issueDate: LocalDate) {
        self.number = number
        self.issueDate = issueDate
    }
}

/// Maps an issued document to UBL 2.1 as Peppol BIS Billing 3.0 wants it
/// (INVOICING-RULES §1–§4): `Invoice` 380/386 or `CreditNote` 381, elements in schema
/// order, amounts with two decimals in the document currency, totals and the VAT
/// breakdown as stored at issue (never recomputed).
///
/// Choices the standard leaves open:
/// - Deducted deposits are negative-quantity lines at a positive price (SPEC §5); the
///   deposit invoice is referenced at document level, `cac:BillingReference` (BG-3 is
///   "preceding invoice reference", which EN 16931 names for prepayment invoices
///   referred to by a final invoice). The line-level `cac:DocumentReference` is not
///   used: Peppol reserves it for the invoiced object (code 130, PEPPOL-EN16931-R101).
/// - `BuyerReference` falls back to the invoice number when neither a buyer reference
///   nor an order reference is set (PEPPOL-EN16931-R003).
/// - A credit note carries no payment means (the buyer is not asked to pay) but a
///   payment-terms note naming the credited invoice (BR-CO-25 wants a due date or terms
///   when the amount is positive, and `CreditNote` has no `DueDate`).
public enum UBLDocument {
    public static let customizationID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    public static let profileID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
    public static let invoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    public static let creditNoteNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
    public static let aggregateNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    public static let basicNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"

    /// The document's root element, namespaces declared on it.
    /// - Throws: ``DomainError/conflict(_:)`` for a draft (it has no number yet).
    public static func tree(_ source: UBLSource) throws(DomainError) -> XMLTreeElement {
        let invoice = source.invoice
        guard invoice.isIssued, let issue = invoice.issue else {
            throw .conflict("A draft has no number yet and is no e-invoice: issue it first.")
        }
        let isCredit = invoice.kind == .creditNote
        let money = AmountFormat(currency: invoice.currency)
        let totals = issue.totals
        var root: [XMLTreeElement?] = [
            .leaf("cbc:CustomizationID", customizationID),
            .leaf("cbc:ProfileID", profileID),
            .leaf("cbc:ID", issue.number),
            .leaf("cbc:IssueDate", issue.issueDate.description),
        ]
        if !isCredit { root.append(.leaf("cbc:DueDate", invoice.dueDate?.description)) }
        root.append(.leaf(isCredit ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode", String(invoice.kind.typeCode)))
        root.append(.leaf("cbc:Note", note(invoice)))
        root.append(.leaf("cbc:DocumentCurrencyCode", invoice.currency.code))
        let buyerReference = invoice.buyerReference ?? (invoice.orderReference == nil ? (source.buyer.buyerReference ?? issue.number) : nil)
        root.append(.leaf("cbc:BuyerReference", buyerReference))
        root.append(period("cac:InvoicePeriod", from: invoice.periodFrom, to: invoice.periodTo))
        root.append(.branch("cac:OrderReference", [.leaf("cbc:ID", invoice.orderReference)]))
        for reference in source.precedingInvoices {
            root.append(
                .branch("cac:BillingReference", [
                    .branch("cac:InvoiceDocumentReference", [
                        .leaf("cbc:ID", reference.number), .leaf("cbc:IssueDate", reference.issueDate.description),
                    ])
                ]))
        }
        root.append(.branch("cac:AccountingSupplierParty", [seller(source.seller)]))
        root.append(.branch("cac:AccountingCustomerParty", [buyer(source.buyer)]))
        if isCredit {
            let credited = source.precedingInvoices.first
            let terms = credited.map { "Credit note for invoice \($0.number) of \($0.issueDate): refunded or set off against open invoices." }
            root.append(.branch("cac:PaymentTerms", [.leaf("cbc:Note", terms ?? "Refunded or set off against open invoices.")]))
        } else if totals.payableMinor > 0 {
            root.append(paymentMeans(issue: issue, seller: source.seller))
            var terms = invoice.dueDate.map { "Payable by \($0)" } ?? "Payable on receipt"
            if let communication = issue.structuredCommunication { terms += " with the structured communication \(communication)" }
            root.append(.branch("cac:PaymentTerms", [.leaf("cbc:Note", terms + ".")]))
        }
        root.append(taxTotal(totals, money: money))
        root.append(
            .branch("cac:LegalMonetaryTotal", [
                money.element("cbc:LineExtensionAmount", totals.lineExtensionMinor),
                money.element("cbc:TaxExclusiveAmount", totals.taxExclusiveMinor),
                money.element("cbc:TaxInclusiveAmount", totals.taxInclusiveMinor),
                money.element("cbc:PayableAmount", totals.payableMinor),
            ]))
        for line in source.lines.sorted(by: { $0.position < $1.position }) {
            root.append(self.line(line, isCredit: isCredit, invoice: invoice, money: money))
        }
        let namespace = isCredit ? creditNoteNamespace : invoiceNamespace
        return XMLTreeElement(
            name: isCredit ? "CreditNote" : "Invoice",
            attributes: [
                .init("xmlns", namespace), .init("xmlns:cac", aggregateNamespace), .init("xmlns:cbc", basicNamespace),
            ],
            children: root.compactMap { $0 })
    }

    /// At most one note (PEPPOL-EN16931-R002): a credit note's reason, then the notes.
    static func note(_ invoice: Invoice) -> String? {
        let parts = [invoice.creditReason, invoice.notes].compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }

    static func period(_ name: String, from: LocalDate?, to: LocalDate?) -> XMLTreeElement? {
        .branch(name, [.leaf("cbc:StartDate", from?.description), .leaf("cbc:EndDate", to?.description)])
    }

    static func address(_ address: PostalAddress?) -> XMLTreeElement? {
        guard let address else { return nil }
        return .branch("cac:PostalAddress", [
            .leaf("cbc:StreetName", address.street), .leaf("cbc:AdditionalStreetName", address.additionalLine),
            .leaf("cbc:CityName", address.city), .leaf("cbc:PostalZone", address.postalCode),
            .branch("cac:Country", [.leaf("cbc:IdentificationCode", address.country)]),
        ])
    }

    static func endpoint(_ address: ElectronicAddress?) -> XMLTreeElement? {
        guard let address else { return nil }
        return .leaf("cbc:EndpointID", address.identifier, attributes: [.init("schemeID", address.scheme)])
    }

    static func taxScheme(_ vatNumber: String?) -> XMLTreeElement? {
        guard let vatNumber else { return nil }
        return .branch("cac:PartyTaxScheme", [.leaf("cbc:CompanyID", vatNumber), vatSchemeElement])
    }

    /// A legal registration identifier: a Belgian enterprise number with scheme 0208
    /// (10 digits, mod-97 check, PEPPOL-COMMON-R043); any other without a scheme.
    static func companyID(_ number: String?) -> XMLTreeElement? {
        guard let number else { return nil }
        let scheme: [XMLTreeElement.Attribute] = BelgianCompanyNumber.isValid(number) ? [.init("schemeID", "0208")] : []
        return .leaf("cbc:CompanyID", number, attributes: scheme)
    }

    static var vatSchemeElement: XMLTreeElement? { .branch("cac:TaxScheme", [.leaf("cbc:ID", "VAT")]) }

    static func seller(_ seller: SellerParty) -> XMLTreeElement? {
        // BT-33 "seller additional legal information": legal form and register (CSA art. 2:20).
        let legalForm = [seller.legalForm, seller.registerMention].compactMap { $0 }.joined(separator: ", ")
        return .branch("cac:Party", [
            endpoint(seller.electronicAddress),
            .branch("cac:PartyName", [.leaf("cbc:Name", seller.tradingName)]),
            address(seller.address),
            taxScheme(seller.vatNumber),
            .branch("cac:PartyLegalEntity", [
                .leaf("cbc:RegistrationName", seller.legalName), companyID(seller.companyNumber),
                .leaf("cbc:CompanyLegalForm", legalForm),
            ]),
            .branch("cac:Contact", [.leaf("cbc:ElectronicMail", seller.email)]),
        ])
    }

    static func buyer(_ buyer: BuyerParty) -> XMLTreeElement? {
        .branch("cac:Party", [
            endpoint(buyer.electronicAddress),
            address(buyer.address),
            taxScheme(buyer.vatNumber),
            .branch("cac:PartyLegalEntity", [.leaf("cbc:RegistrationName", buyer.name), companyID(buyer.companyNumber)]),
        ])
    }

    /// Credit transfer (30) to the seller's IBAN (and BIC), quoting the structured
    /// communication's 12 digits (BT-83, the "digital form").
    static func paymentMeans(issue: IssuedFacts, seller: SellerParty) -> XMLTreeElement? {
        .branch("cac:PaymentMeans", [
            .leaf("cbc:PaymentMeansCode", "30", attributes: [.init("name", "Credit transfer")]),
            .leaf("cbc:PaymentID", issue.structuredCommunication?.digits),
            .branch("cac:PayeeFinancialAccount", [
                .leaf("cbc:ID", seller.iban), .leaf("cbc:Name", seller.legalName),
                .branch("cac:FinancialInstitutionBranch", [.leaf("cbc:ID", seller.bic)]),
            ]),
        ])
    }

    /// One `TaxSubtotal` per (category, rate). The ledger keeps a group per exemption
    /// reason too; two reasons of one category and rate are merged here, since the
    /// rules sum a category's lines across reasons (BR-E-08, BR-AE-08).
    static func taxTotal(_ totals: StoredTotals, money: AmountFormat) -> XMLTreeElement? {
        var merged: [(tax: LineTax, taxable: Int64, amount: Int64)] = []
        for group in totals.vat {
            if let index = merged.firstIndex(where: { $0.tax.category == group.tax.category && $0.tax.rateBP == group.tax.rateBP }) {
                let kept = merged[index]
                var tax = kept.tax
                if tax.exemptionCode == nil { tax.exemptionCode = group.tax.exemptionCode }
                let reasons = [tax.exemptionReason, group.tax.exemptionReason].compactMap { $0 }
                tax.exemptionReason = reasons.isEmpty ? nil : Array(Set(reasons)).sorted().joined(separator: "; ")
                merged[index] = (tax, kept.taxable + group.taxableMinor, kept.amount + group.amountMinor)
            } else {
                merged.append((group.tax, group.taxableMinor, group.amountMinor))
            }
        }
        var children: [XMLTreeElement?] = [money.element("cbc:TaxAmount", totals.taxTotalMinor)]
        for group in merged {
            children.append(
                .branch("cac:TaxSubtotal", [
                    money.element("cbc:TaxableAmount", group.taxable), money.element("cbc:TaxAmount", group.amount),
                    taxCategory("cac:TaxCategory", group.tax, withExemption: true),
                ]))
        }
        return .branch("cac:TaxTotal", children)
    }

    /// `cac:TaxCategory` (breakdown) or `cac:ClassifiedTaxCategory` (line): outside
    /// scope (O) has no percent (BR-O-05); exemption reasons only in the breakdown.
    static func taxCategory(_ name: String, _ tax: LineTax, withExemption: Bool) -> XMLTreeElement? {
        .branch(name, [
            .leaf("cbc:ID", tax.category.rawValue),
            .leaf("cbc:Percent", tax.category.hasRate ? percent(tax.rateBP ?? 0) : nil),
            withExemption ? .leaf("cbc:TaxExemptionReasonCode", tax.exemptionCode) : nil,
            withExemption ? .leaf("cbc:TaxExemptionReason", tax.exemptionReason) : nil,
            vatSchemeElement,
        ])
    }

    /// 2100 → `21`, 550 → `5.5`.
    static func percent(_ rateBP: Int) -> String {
        FixedPoint.format(Int64(rateBP), scale: 2, minimumFractionDigits: 0)
    }

    static func line(_ line: InvoiceLine, isCredit: Bool, invoice: Invoice, money: AmountFormat) -> XMLTreeElement? {
        let planned = line.planned
        let unit = planned.kind.unitCode
        // A line period must lie within the invoice period (PEPPOL-EN16931-R110/R111);
        // one that does not is left out rather than altered.
        var linePeriod = period("cac:InvoicePeriod", from: planned.periodFrom, to: planned.periodTo)
        if let from = planned.periodFrom, let start = invoice.periodFrom, from < start { linePeriod = nil }
        if let to = planned.periodTo, let end = invoice.periodTo, to > end { linePeriod = nil }
        return .branch(isCredit ? "cac:CreditNoteLine" : "cac:InvoiceLine", [
            .leaf("cbc:ID", String(line.position)),
            .leaf(isCredit ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", planned.quantity.decimalString, attributes: [.init("unitCode", unit)]),
            money.element("cbc:LineExtensionAmount", line.net.amountMinor),
            linePeriod,
            .branch("cac:Item", [
                .leaf("cbc:Name", itemName(planned.description)),
                taxCategory("cac:ClassifiedTaxCategory", planned.tax, withExemption: false),
            ]),
            .branch("cac:Price", [
                .leaf("cbc:PriceAmount", planned.unitPrice.decimalString, attributes: [.init("currencyID", invoice.currency.code)]),
                .leaf("cbc:BaseQuantity", "1", attributes: [.init("unitCode", unit)]),
            ]),
        ])
    }

    /// The item name (BT-153, mandatory): the line's description on one line; a blank
    /// description (never stored, but never an empty element either) reads "Item".
    static func itemName(_ description: String) -> String {
        let oneLine = description.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        return oneLine.isEmpty ? "Item" : oneLine
    }
}

/// Amounts as UBL wants them: two decimals (BR-DEC-*) in the document currency
/// (`currencyID`, PEPPOL-EN16931-R051). A currency with more minor digits than two
/// keeps its own (exact, though BR-DEC will object; Belgian agencies bill in EUR).
struct AmountFormat {
    let currency: Currency

    func text(_ minor: Int64) -> String {
        let digits = currency.minorUnitDigits
        if digits <= 2 {
            return FixedPoint.format(minor * FixedPoint.powerOfTen(2 - digits), scale: 2, minimumFractionDigits: 2)
        }
        return FixedPoint.format(minor, scale: digits, minimumFractionDigits: digits)
    }

    func element(_ name: String, _ minor: Int64) -> XMLTreeElement? {
        .leaf(name, text(minor), attributes: [.init("currencyID", currency.code)])
    }
}
