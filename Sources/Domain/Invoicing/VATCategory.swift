/// The VAT category of an invoice line (EN 16931 BT-151, UNTDID 5305 subset used by
/// Peppol BIS 3.0). Every category but ``standard`` is a 0 % one that the document
/// must explain with an exemption reason.
public enum VATCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case standard = "S"
    case zero = "Z"
    case exempt = "E"
    case reverseCharge = "AE"
    case intraCommunity = "K"
    case export = "G"
    case outsideScope = "O"

    /// Whether the category needs an exemption reason (code or text) on the document
    /// (BR-E-10, BR-AE-10, BR-IC-10, BR-G-10, BR-O-10).
    public var needsExemptionReason: Bool {
        switch self {
        case .standard, .zero: false
        case .exempt, .reverseCharge, .intraCommunity, .export, .outsideScope: true
        }
    }

    /// Whether lines of this category carry a rate at all: "outside scope" has none (BR-O-05).
    public var hasRate: Bool { self != .outsideScope }
}
