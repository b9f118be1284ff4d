import Domain
import Testing

@Suite("Invoice arithmetic")
struct InvoiceArithmeticTests {
    static func money(_ minor: Int64) -> Money { Money(amountMinor: minor, currency: .eur) }
    static func price(_ text: String) throws -> UnitPrice { try UnitPrice(parsing: text, currency: .eur) }
    static func quantity(_ text: String) throws -> InvoiceQuantity { try InvoiceQuantity(parsing: text) }

    @Test(
        arguments: [
            ("12.75", "95.00", 121_125),
            // 604.725 rounds half up to 604.73; bankers' rounding would give 604.72.
            ("7.33", "82.50", 60_473),
            ("3.40", "110.00", 37_400),
            ("1", "436.7888", 43_679),
            ("-1", "3000", -300_000),
            // Half away from zero on the negative side too: −0.005 → −0.01.
            ("-0.5", "0.01", -1),
            ("0.5", "0.01", 1),
            ("0.0001", "0.0001", 0),
            ("1000000", "9999.9999", 999_999_990_000),
        ] as [(String, String, Int64)]
    )
    func lineNetIsQuantityTimesPriceRoundedHalfAwayFromZero(quantity: String, price: String, net: Int64) throws {
        #expect(try InvoiceLineNet.of(Self.quantity(quantity), at: Self.price(price)) == Self.money(net))
    }

    @Test(arguments: [(440, "7.33"), (45, "0.75"), (1, "0.02"), (60, "1"), (765, "12.75"), (204, "3.40"), (50, "0.83")] as [(Int, String)])
    func hoursComeFromMinutesWithTwoDecimalsHalfUp(minutes: Int, hours: String) {
        #expect(InvoiceQuantity.hours(fromMinutes: minutes).decimalString == hours)
    }

    @Test func yenLinesRoundToWholeYen() throws {
        let price = try UnitPrice(parsing: "1000.5", currency: .jpy)
        #expect(try InvoiceLineNet.of(InvoiceQuantity(1), at: price) == Money(amountMinor: 1001, currency: .jpy))
    }

    @Test func aNegativeUnitPriceIsRefused() {
        #expect(throws: DomainError.self) { try UnitPrice(parsing: "-1", currency: .eur) }
    }

    /// The worked case of issue 12 (INVOICING-RULES §7): VAT per group, not per line.
    @Test func theWorkedCaseReconcilesToTheCent() throws {
        let s21 = LineTax.standard(2100)
        let s6 = LineTax.standard(600)
        let lines: [(String, String, LineTax)] = [
            ("12.75", "95.00", s21), ("7.33", "82.50", s21), ("3.40", "110.00", s21),
            ("1", "436.7888", s6), ("1", "10000.00", s21), ("-1", "3000.00", s21),
        ]
        let nets = try lines.map { try InvoiceLineNet.of(Self.quantity($0.0), at: Self.price($0.1)) }
        #expect(nets.map(\.amountMinor) == [121_125, 60_473, 37_400, 43_679, 1_000_000, -300_000])
        let totals = try InvoiceTotals(lines: zip(nets, lines).map { ($0, $1.2) }, currency: .eur)
        #expect(totals.lineExtension == Self.money(962_677))
        #expect(totals.taxExclusive == Self.money(962_677))
        #expect(totals.vat.map(\.tax) == [s21, s6])
        #expect(totals.vat.map(\.taxable) == [Self.money(918_998), Self.money(43_679)])
        #expect(totals.vat.map(\.amount) == [Self.money(192_990), Self.money(2_621)])
        #expect(totals.taxTotal == Self.money(195_611))
        #expect(totals.taxInclusive == Self.money(1_158_288))
        #expect(totals.payable == Self.money(1_158_288))
        // The trap: per-line rounded VAT sums to one cent less.
        let perLine = try zip(nets, lines).map { try $0.scaled(by: Int64($1.2.rateBP ?? 0), over: 10_000).amountMinor }.reduce(0, +)
        #expect(perLine == 195_610)
    }

    /// Variant C of INVOICING-RULES §7: a document allowance lowers its group's base.
    @Test func aDocumentAllowanceLowersItsGroupsBase() throws {
        let s21 = LineTax.standard(2100)
        let s6 = LineTax.standard(600)
        let totals = try InvoiceTotals(
            lines: [(Self.money(1_218_998), s21), (Self.money(43_679), s6), (Self.money(-300_000), s21)],
            adjustments: [DocumentAdjustment(kind: .allowance, amount: Self.money(10_000), tax: s21, reason: "Discount")],
            currency: .eur)
        #expect(totals.allowanceTotal == Self.money(10_000))
        #expect(totals.taxExclusive == Self.money(952_677))
        #expect(totals.taxTotal == Self.money(193_511))
        #expect(totals.payable == Self.money(1_146_188))
    }

    /// Variant D: reverse charge, everything AE at 0 %, one group, no VAT.
    @Test func reverseChargeIsOneGroupWithoutVAT() throws {
        let ae = LineTax(category: .reverseCharge, rateBP: 0, exemptionCode: "VATEX-EU-AE", exemptionReason: "Reverse charge")
        let totals = try InvoiceTotals(
            lines: [(Self.money(121_125), ae), (Self.money(60_473), ae), (Self.money(1_000_000), ae), (Self.money(-300_000), ae)],
            currency: .eur)
        #expect(totals.vat.count == 1)
        #expect(totals.vat[0].taxable == Self.money(881_598))
        #expect(totals.taxTotal == Self.money(0))
        #expect(totals.payable == Self.money(881_598))
        #expect(ae.problems(field: "tax").isEmpty)
    }

    @Test func mixedRatesAreOneGroupEachInCategoryThenRateOrder() throws {
        let totals = try InvoiceTotals(
            lines: [
                (Self.money(100), .standard(600)), (Self.money(100), .standard(2100)), (Self.money(100), .standard(1200)),
                (Self.money(100), .standard(0)), (Self.money(101), .standard(2100)),
            ],
            currency: .eur)
        #expect(totals.vat.map(\.tax) == [.standard(2100), .standard(1200), .standard(600), .standard(0)])
        // 2.01 × 21 % = 0.4221 → 0.42; 1.00 × 12 % = 0.12; 1.00 × 6 % = 0.06.
        #expect(totals.vat.map(\.amount.amountMinor) == [42, 12, 6, 0])
    }

    @Test func prepaidCashLowersOnlyThePayableAmount() throws {
        let totals = try InvoiceTotals(lines: [(Self.money(10_000), .standard(2100))], prepaid: Self.money(5_000), currency: .eur)
        #expect(totals.taxInclusive == Self.money(12_100))
        #expect(totals.payable == Self.money(7_100))
    }

    @Test(
        arguments: [
            (LineTax(category: .standard, rateBP: 0), "tax.rate"),
            (LineTax(category: .reverseCharge, rateBP: 2100, exemptionCode: "VATEX-EU-AE"), "tax.rate"),
            (LineTax(category: .exempt, rateBP: 0), "tax.exemption_reason"),
            (LineTax(category: .outsideScope, rateBP: 0, exemptionCode: "VATEX-EU-O"), "tax.rate"),
            (LineTax(category: .standard, rateBP: 2100, exemptionCode: "VATEX-EU-AE"), "tax.exemption_reason"),
        ] as [(LineTax, String)]
    )
    func inconsistentTaxesAreRefusedNamingTheField(tax: LineTax, field: String) {
        #expect(tax.problems(field: "tax").map(\.field).contains(field))
    }
}
