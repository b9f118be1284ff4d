/// The VAT of one invoice line: its category, its rate in basis points (2100 = 21 %),
/// and for exempt categories the reason (a VATEX code and a text).
///
/// Lines are grouped by their whole tax for the VAT breakdown (EN 16931 BG-23): two
/// lines with the same category and rate but different exemption reasons are
/// different groups.
public struct LineTax: Sendable, Hashable, Codable {
    public var category: VATCategory
    /// Basis points; nil only for ``VATCategory/outsideScope``.
    public var rateBP: Int?
    /// A VATEX code such as `VATEX-EU-AE`.
    public var exemptionCode: String?
    /// The human text printed on the document.
    public var exemptionReason: String?

    public init(category: VATCategory, rateBP: Int?, exemptionCode: String? = nil, exemptionReason: String? = nil) {
        self.category = category
        self.rateBP = rateBP
        self.exemptionCode = exemptionCode
        self.exemptionReason = exemptionReason
    }

    /// Standard-rated at `rateBP` (zero-rated when the rate is 0).
    public static func standard(_ rateBP: Int) -> LineTax {
        LineTax(category: rateBP == 0 ? .zero : .standard, rateBP: rateBP)
    }

    /// What is wrong with this combination (EN 16931 BR-S-05, BR-Z-05, BR-AE-05, BR-O-05,
    /// and the exemption reasons), as field errors under `field`.
    public func problems(field: String) -> [FieldError] {
        var problems: [FieldError] = []
        switch category {
        case .standard:
            if (rateBP ?? 0) <= 0 { problems.append(FieldError(field: "\(field).rate", message: "Standard-rated VAT needs a rate above 0 %.")) }
        case .outsideScope:
            if rateBP != nil { problems.append(FieldError(field: "\(field).rate", message: "Outside-scope lines carry no VAT rate.")) }
        case .zero, .exempt, .reverseCharge, .intraCommunity, .export:
            if rateBP != 0 { problems.append(FieldError(field: "\(field).rate", message: "This VAT category is always 0 %.")) }
        }
        if let rateBP, !(0...10_000).contains(rateBP) {
            problems.append(FieldError(field: "\(field).rate", message: "A VAT rate is between 0 and 100 %."))
        }
        if category.needsExemptionReason, (exemptionCode ?? "").isEmpty, (exemptionReason ?? "").isEmpty {
            problems.append(FieldError(field: "\(field).exemption_reason", message: "This VAT category needs an exemption reason."))
        }
        if !category.needsExemptionReason, exemptionCode != nil || exemptionReason != nil {
            problems.append(FieldError(field: "\(field).exemption_reason", message: "Only exempt categories carry an exemption reason."))
        }
        return problems
    }
}
