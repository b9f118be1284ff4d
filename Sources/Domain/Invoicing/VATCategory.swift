/// The VAT category of a line or a tax subtotal (UNCL5305 subset used by EN 16931,
/// BT-151 / BT-118; see INVOICING-RULES §3).
public enum VATCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// Standard rated (rate > 0).
    case standard = "S"
    /// Zero rated goods (rate 0, no exemption reason).
    case zero = "Z"
    /// Exempt from VAT (rate 0, reason required).
    case exempt = "E"
    /// Reverse charge: the buyer accounts for the VAT (rate 0, `VATEX-EU-AE`).
    case reverseCharge = "AE"
    /// Intra-Community supply of goods (rate 0, `VATEX-EU-IC`).
    case intraCommunity = "K"
    /// Export outside the EU (rate 0, `VATEX-EU-G`).
    case export = "G"
    /// Services outside the scope of VAT (no rate, `VATEX-EU-O`).
    case outsideScope = "O"

    /// Whether a line of this category must carry an exemption reason (BR-E/AE/IC/G/O-10).
    public var needsExemptionReason: Bool {
        switch self {
        case .standard, .zero: false
        case .exempt, .reverseCharge, .intraCommunity, .export, .outsideScope: true
        }
    }
}
