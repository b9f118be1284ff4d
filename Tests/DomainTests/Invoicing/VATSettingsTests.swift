import Domain
import Testing

@Suite("VAT settings")
struct VATSettingsTests {
    static let belgian = VATSettings(standardRateBP: 2100, allowedRatesBP: VATSettings.belgianRatesBP, expenseCategoryRatesBP: [.travel: 600])

    @Test func aTaskOrAnExpenseCategoryMayCarryItsOwnRate() {
        #expect(Self.belgian.rateBP(taskRateBP: nil) == 2100)
        #expect(Self.belgian.rateBP(taskRateBP: 600) == 600)
        #expect(Self.belgian.rateBP(expenseCategory: .travel) == 600)
        #expect(Self.belgian.rateBP(expenseCategory: .equipment) == 2100)
    }

    @Test(
        arguments: [
            // standard, allowed, category rates, fields in error
            (2100, [2100, 1200, 600, 0], [ExpenseCategory.travel: 600], [String]()),
            (2000, [2100, 1200, 600, 0], [:], ["default_vat_rate_bp"]),
            (2100, [2100, 2100], [:], ["vat_rates_bp"]),
            (2100, [], [:], ["vat_rates_bp", "default_vat_rate_bp"]),
            (2100, [2100, 10_001], [:], ["vat_rates_bp"]),
            (2100, [2100, 0], [.travel: 600, .equipment: 0], ["expense_vat_rates_bp.travel"]),
        ])
    func ratesComeFromTheAllowedList(standard: Int, allowed: [Int], categories: [ExpenseCategory: Int], fields: [String]) {
        let settings = VATSettings(standardRateBP: standard, allowedRatesBP: allowed, expenseCategoryRatesBP: categories)
        #expect(settings.problems.map(\.field) == fields)
    }

    @Test(arguments: [(Int?.none, true), (600, true), (0, true), (550, false)])
    func aTasksRateMustBeOneOfTheAllowedRates(rate: Int?, valid: Bool) {
        #expect(Self.belgian.taskRateProblems(rate).isEmpty == valid)
    }
}
