/// One row of an invoice's VAT breakdown (EN 16931 BG-23): the lines of one tax
/// (category, rate, exemption reason), their taxable base and the VAT on it.
public struct VATBreakdownGroup: Sendable, Hashable {
    public let tax: LineTax
    /// Σ line nets of the group − its allowances + its charges (BR-S-08).
    public let taxable: Money
    /// `round(taxable × rate)`, half away from zero, once per group (BR-CO-17).
    public let amount: Money
}

/// The VAT of a document computed per group, never as the sum of per-line VAT (SPEC §5).
public enum VATBreakdown {
    /// Groups `bases` (a net and its tax) in a stable order: category as EN 16931
    /// lists them, then the highest rate first.
    /// - Throws: ``DomainError/invalid(_:)`` on overflow or mixed currencies.
    public static func groups(of bases: [(net: Money, tax: LineTax)], currency: Currency) throws(DomainError) -> [VATBreakdownGroup] {
        var taxable: [LineTax: Money] = [:]
        var order: [LineTax] = []
        for base in bases {
            if let sum = taxable[base.tax] {
                taxable[base.tax] = try sum.adding(base.net)
            } else {
                taxable[base.tax] = try Money.zero(currency).adding(base.net)
                order.append(base.tax)
            }
        }
        let categories = VATCategory.allCases
        order.sort { lhs, rhs in
            let left = categories.firstIndex(of: lhs.category) ?? 0
            let right = categories.firstIndex(of: rhs.category) ?? 0
            if left != right { return left < right }
            if lhs.rateBP != rhs.rateBP { return (lhs.rateBP ?? -1) > (rhs.rateBP ?? -1) }
            return (lhs.exemptionCode ?? "", lhs.exemptionReason ?? "") < (rhs.exemptionCode ?? "", rhs.exemptionReason ?? "")
        }
        var groups: [VATBreakdownGroup] = []
        for tax in order {
            let base = taxable[tax] ?? .zero(currency)
            let amount = try base.scaled(by: Int64(tax.rateBP ?? 0), over: 10_000)
            groups.append(VATBreakdownGroup(tax: tax, taxable: base, amount: amount))
        }
        return groups
    }
}
