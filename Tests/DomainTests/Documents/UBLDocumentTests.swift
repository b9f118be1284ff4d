import Domain
import Foundation
import Testing

/// The UBL mapping on its own (no database, no XML library): the worked case of
/// INVOICING-RULES §7 as a Peppol invoice tree.
@Suite struct UBLDocumentTests {
    static let s21 = LineTax.standard(2100)
    static let s6 = LineTax.standard(600)
    static let invoiceID = InvoiceID.random()

    static func line(_ position: Int, _ kind: InvoiceLineKind, _ quantity: String, _ price: String, _ tax: LineTax, deposit: InvoiceID? = nil)
        throws -> InvoiceLine
    {
        let planned = PlannedLine(
            kind: kind, projectID: nil, description: "Line \(position)", quantity: try InvoiceQuantity(parsing: quantity),
            unitPrice: try UnitPrice(parsing: price, currency: .eur), tax: tax, deductedDeposit: deposit)
        return InvoiceLine(id: .random(), invoiceID: invoiceID, position: position, planned: planned, net: try planned.net())
    }

    static func source(issued: Bool = true) throws -> UBLSource {
        let deposit = InvoiceID.random()
        let lines = [
            try line(1, .time, "12.75", "95.00", s21), try line(2, .time, "7.33", "82.50", s21), try line(3, .time, "3.40", "110.00", s21),
            try line(4, .expense, "1", "436.7888", s6), try line(5, .milestone, "1", "10000.00", s21),
            try line(6, .depositDeduction, "-1", "3000.00", s21, deposit: deposit),
        ]
        let totals = try InvoiceTotals(lines: lines.map { ($0.net, $0.planned.tax) }, currency: .eur)
        let date = try #require(LocalDate(year: 2026, month: 4, day: 10))
        let facts = IssuedFacts(
            series: .invoices, year: 2026, counter: 123, number: "INV-2026-0123", issueDate: date,
            structuredCommunication: StructuredCommunication(year: 2026, counter: 123), totals: StoredTotals(totals), issuedAt: Date(),
            issuedBy: nil)
        let invoice = Invoice(
            id: invoiceID, kind: .invoice, clientID: .random(), currency: .eur, isIssued: issued, dueDate: LocalDate(year: 2026, month: 5, day: 10),
            issue: issued ? facts : nil, createdAt: Date())
        let seller = SellerParty(
            legalName: "Agency SRL", legalForm: "SRL", registerMention: "RPM Bruxelles",
            address: PostalAddress(street: "Rue de la Loi 16", city: "Bruxelles", postalCode: "1000", country: "BE"),
            vatNumber: "BE0403170701", companyNumber: "0403170701", email: "billing@agency.example", iban: "BE68539007547034",
            electronicAddress: ElectronicAddress(scheme: "0208", identifier: "0403170701"))
        let buyer = BuyerParty(
            name: "Client SA", address: PostalAddress(street: "Avenue Louise 54", city: "Bruxelles", postalCode: "1050", country: "BE"),
            vatNumber: "BE0879454161", companyNumber: "0879454161", electronicAddress: ElectronicAddress(scheme: "0208", identifier: "0879454161"))
        return UBLSource(
            invoice: invoice, lines: lines, seller: seller, buyer: buyer,
            precedingInvoices: [UBLDocumentReference(number: "INV-2026-0007", issueDate: try #require(LocalDate(year: 2026, month: 2, day: 1)))])
    }

    static func texts(_ element: XMLTreeElement, _ name: String) -> [String] {
        (element.name == name ? [element.text ?? ""] : []) + element.children.flatMap { texts($0, name) }
    }

    @Test func theWorkedCaseStatesItsStoredTotalsWithTwoDecimals() throws {
        let tree = try UBLDocument.tree(try Self.source())
        #expect(tree.name == "Invoice")
        #expect(tree.children.prefix(6).map(\.name) == [
            "cbc:CustomizationID", "cbc:ProfileID", "cbc:ID", "cbc:IssueDate", "cbc:DueDate", "cbc:InvoiceTypeCode",
        ])
        let total = try #require(tree.child("cac:LegalMonetaryTotal"))
        #expect(total.children.map { $0.text ?? "" } == ["9626.77", "9626.77", "11582.88", "11582.88"])
        #expect(Self.texts(try #require(tree.child("cac:TaxTotal")), "cbc:TaxAmount") == ["1956.11", "1929.90", "26.21"])
        #expect(Self.texts(tree, "cbc:PaymentID") == ["202600012320"])
        #expect(Self.texts(tree, "cbc:BuyerReference") == ["INV-2026-0123"])
        #expect(Self.texts(tree, "cbc:CompanyLegalForm") == ["SRL, RPM Bruxelles"])
        let lines = tree.children.filter { $0.name == "cac:InvoiceLine" }
        #expect(lines.map { Self.texts($0, "cbc:LineExtensionAmount").first } == ["1211.25", "604.73", "374.00", "436.79", "10000.00", "-3000.00"])
        let deduction = try #require(lines.last?.child("cbc:InvoicedQuantity"))
        #expect(deduction.text == "-1" && deduction.attributes == [.init("unitCode", "C62")])
        #expect(Self.texts(try #require(lines.last), "cbc:PriceAmount") == ["3000.00"])
        #expect(lines.first?.child("cbc:InvoicedQuantity")?.attributes == [.init("unitCode", "HUR")])
    }

    @Test func aDraftHasNoUBL() throws {
        #expect(throws: DomainError.self) { try UBLDocument.tree(try Self.source(issued: false)) }
    }

    @Test func noElementIsEverEmpty() throws {
        func check(_ element: XMLTreeElement) {
            #expect(element.text.map { !$0.isEmpty } ?? !element.children.isEmpty, "\(element.name) is empty")
            element.children.forEach(check)
        }
        check(try UBLDocument.tree(try Self.source()))
    }
}
