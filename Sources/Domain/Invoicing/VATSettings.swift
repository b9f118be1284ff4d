/// The VAT rates the agency uses (SPEC §5 "VAT": rates come from settings, never
/// hard-coded): its standard rate, the rates a line may carry, and the rate of each
/// expense category that has its own (books at 6 %). Basis points: 2100 = 21 %.
public struct VATSettings: Sendable, Hashable {
    public var standardRateBP: Int
    /// Every rate a line, a task or an expense category may carry (Belgium: 2100, 1200, 600, 0).
    public var allowedRatesBP: [Int]
    public var expenseCategoryRatesBP: [ExpenseCategory: Int]

    /// The Belgian rates, the default of a new agency.
    public static let belgianRatesBP = [2100, 1200, 600, 0]

    public init(standardRateBP: Int, allowedRatesBP: [Int], expenseCategoryRatesBP: [ExpenseCategory: Int] = [:]) {
        self.standardRateBP = standardRateBP
        self.allowedRatesBP = allowedRatesBP
        self.expenseCategoryRatesBP = expenseCategoryRatesBP
    }

    /// The rate of a task's line: its own, else the standard rate.
    public func rateBP(taskRateBP: Int?) -> Int {
        taskRateBP ?? standardRateBP
    }

    /// The rate of an expense's line: its category's, else the standard rate.
    public func rateBP(expenseCategory: ExpenseCategory) -> Int {
        expenseCategoryRatesBP[expenseCategory] ?? standardRateBP
    }

    /// Every rule the rates break: 1 to 10 distinct rates from 0 to 10000; the standard
    /// rate and every category rate among them. Fields as the settings API names them.
    public var problems: [FieldError] {
        var validation = Validation()
        let ratesValid = (1...10).contains(allowedRatesBP.count) && Set(allowedRatesBP).count == allowedRatesBP.count
            && allowedRatesBP.allSatisfy { (0...10_000).contains($0) }
        validation.require(
            ratesValid, field: "vat_rates_bp", message: "must be 1 to 10 distinct rates from 0 to 10000 (basis points: 2100 = 21 %)")
        validation.require(
            allowedRatesBP.contains(standardRateBP), field: "default_vat_rate_bp", message: "must be one of vat_rates_bp")
        for (category, rate) in expenseCategoryRatesBP.sorted(by: { $0.key.rawValue < $1.key.rawValue })
        where !allowedRatesBP.contains(rate) {
            validation.add(field: "expense_vat_rates_bp.\(category.rawValue)", message: "must be one of vat_rates_bp")
        }
        return validation.errors
    }

    /// The problem of a task's own rate, if it is not one of the allowed rates.
    public func taskRateProblems(_ rateBP: Int?) -> [FieldError] {
        guard let rateBP, !allowedRatesBP.contains(rateBP) else { return [] }
        let rates = allowedRatesBP.map(String.init).joined(separator: ", ")
        return [FieldError(field: "vat_rate_bp", message: "must be one of the agency's VAT rates: \(rates)")]
    }
}
