/// The VAT of one invoice line: its category, its rate in basis points (2100 = 21 %;
/// nil only for category O, which has no rate, BR-O-05) and, for the categories that
/// need one, the exemption reason code (VATEX, BT-121) and text (BT-120).
public struct LineTax: Sendable, Hashable, Codable {
    public var category: VATCategory
    /// Basis points; nil only for ``VATCategory/outsideScope``.
    public var rateBP: Int?
    public var exemptionCode: String?
    public var exemptionReason: String?

    public init(category: VATCategory, rateBP: Int?, exemptionCode: String? = nil, exemptionReason: String? = nil) {
        self.category = category
        self.rateBP = rateBP
        self.exemptionCode = exemptionCode
        self.exemptionReason = exemptionReason
    }
}
