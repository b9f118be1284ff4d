import Domain
import Foundation
import Testing

@Suite("ExpenseCharge")
struct ExpenseChargeTests {
    static let eur = Currency.eur

    @Test(
        arguments: [
            // amount, markup bp, expected billable (minor units)
            (12_000, 1000, 13_200),  // 120.00 + 10 % = 132.00 (the scenario of issue 5)
            (12_000, 0, 12_000),
            (1, 5000, 2),  // 0.015 → 0.02: half up
            (1, 4999, 1),  // 0.014999 → 0.01
            (3, 1667, 4),  // 3.5001 → 4 (3 × 1.1667)
            (999, 100_000, 10_989),  // 1000 % markup: eleven times
            (10, 50, 10),  // 10.05 → 10
            (30, 50, 30),  // 30.15 → 30
            (100, 50, 101),  // 100.5 → 101 (half up)
        ])
    func billableIsAmountPlusMarkupRoundedHalfUp(amount: Int64, markup: Int, expected: Int64) throws {
        let billable = try ExpenseCharge.billableAmount(
            Money(amountMinor: amount, currency: Self.eur), rechargeable: true, markupBasisPoints: markup)
        #expect(billable == Money(amountMinor: expected, currency: Self.eur))
    }

    @Test func aNonRechargeableExpenseBillsNothing() throws {
        let charge = try ExpenseCharge(
            amount: Money(amountMinor: 12_000, currency: Self.eur), rechargeable: false, markupBasisPoints: 1000, vatRateBasisPoints: 2000)
        #expect(charge.billable == .zero(Self.eur))
        #expect(charge.vat == .zero(Self.eur))
    }

    @Test(
        arguments: [
            // billable, VAT bp, expected VAT
            (13_200, 2000, 2640),
            (13_200, 0, 0),
            (13_200, 550, 726),  // 5.5 %
            (1, 5000, 1),  // 0.005 → 0.01
            (1, 4900, 0),
            (105, 1000, 11),  // 10.5 → 11
            (999, 10_000, 999),
        ])
    func vatIsOnTheBillableAmountRoundedHalfUp(net: Int64, rate: Int, expected: Int64) throws {
        let vat = try ExpenseCharge.vatAmount(on: Money(amountMinor: net, currency: Self.eur), rateBasisPoints: rate)
        #expect(vat.amountMinor == expected)
    }

    @Test func theChargeCombinesMarkupAndVAT() throws {
        let charge = try ExpenseCharge(
            amount: Money(amountMinor: 12_000, currency: Self.eur), rechargeable: true, markupBasisPoints: 1000, vatRateBasisPoints: 2000)
        #expect(charge.billable.amountMinor == 13_200)
        #expect(charge.vat.amountMinor == 2640)
        #expect(charge.billable.currency == Self.eur)
    }

    @Test func zeroDecimalCurrenciesRoundToWholeUnits() throws {
        let billable = try ExpenseCharge.billableAmount(
            Money(amountMinor: 1235, currency: .jpy), rechargeable: true, markupBasisPoints: 1000)
        #expect(billable.amountMinor == 1359)  // 1358.5 → 1359
    }

    @Test func anOverflowIsAnInvalidAmountNotATrap() {
        expectDomainError(.invalid(fields: ["amount"])) {
            try ExpenseCharge.billableAmount(
                Money(amountMinor: .max, currency: Self.eur), rechargeable: true, markupBasisPoints: 100_000)
        }
    }
}
