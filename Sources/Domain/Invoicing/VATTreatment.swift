/// How a client's purchases are taxed, which gives each of its lines a VAT category
/// (SPEC §5 "VAT", INVOICING-RULES §3).
public enum VATTreatment: Sendable, Hashable {
    /// Belgian VAT at the line's rate: S, or Z at 0 %.
    case domestic
    /// Intra-EU B2B services: the buyer self-accounts (AE, Dir. 2006/112 art. 44/196).
    case reverseCharge
    /// Exempt (E), with the VATEX code and the text the document states.
    case exempt(code: String, reason: String)
    /// Export outside the EU (G).
    case export
    /// Outside the scope of VAT (O); cannot be mixed with other categories on one invoice.
    case outsideScope

    /// The mention a reverse-charge invoice carries, in the three languages it is read in.
    public static let reverseChargeText = "Autoliquidation / Verlegging van heffing / Reverse charge"

    /// The wire name of the treatment (`vat_treatment.kind`).
    public var kind: String {
        switch self {
        case .domestic: "domestic"
        case .reverseCharge: "reverse_charge"
        case .exempt: "exempt"
        case .export: "export"
        case .outsideScope: "outside_scope"
        }
    }

    /// Every wire name, for messages.
    public static let kinds = ["domestic", "reverse_charge", "exempt", "export", "outside_scope"]

    /// The tax of a line for this buyer: domestic → S at rateBP (Z when rateBP == 0);
    /// reverseCharge → AE 0 with VATEX-EU-AE and the text "Autoliquidation / Verlegging
    /// van heffing / Reverse charge"; exempt → E 0 with its code/reason; export → G 0
    /// VATEX-EU-G; outsideScope → O (nil rate) VATEX-EU-O.
    public func lineTax(rateBP: Int) -> LineTax {
        switch self {
        case .domestic:
            rateBP == 0 ? LineTax(category: .zero, rateBP: 0) : LineTax(category: .standard, rateBP: rateBP)
        case .reverseCharge:
            LineTax(category: .reverseCharge, rateBP: 0, exemptionCode: "VATEX-EU-AE", exemptionReason: Self.reverseChargeText)
        case .exempt(let code, let reason):
            LineTax(category: .exempt, rateBP: 0, exemptionCode: code, exemptionReason: reason)
        case .export:
            LineTax(category: .export, rateBP: 0, exemptionCode: "VATEX-EU-G", exemptionReason: "Export outside the EU")
        case .outsideScope:
            LineTax(category: .outsideScope, rateBP: nil, exemptionCode: "VATEX-EU-O", exemptionReason: "Not subject to VAT")
        }
    }

    /// The VATEX codes locked to another category than E (VATEX.xml: "Only use with VAT
    /// category code AE" etc.): an exempt treatment may not use them.
    static let codesOfOtherCategories: Set<String> = ["VATEX-EU-AE", "VATEX-EU-G", "VATEX-EU-IC", "VATEX-EU-O"]

    /// The treatment as stored: an exempt code upper-cased, its reason trimmed.
    public var normalized: VATTreatment {
        guard case .exempt(let code, let reason) = self else { return self }
        return .exempt(code: PartyText.trimmed(code).uppercased(), reason: PartyText.trimmed(reason))
    }

    /// Every rule the treatment breaks, fields named under `prefix` (`vat_treatment`):
    /// an exempt treatment needs a VATEX code (`VATEX-EU-132-1I`, `VATEX-EU-79-C`, a
    /// national `VATEX-BE-…`) other than the codes of AE/G/K/O, and a reason text.
    public func problems(prefix: String) -> [FieldError] {
        guard case .exempt(let code, let reason) = self else { return [] }
        var validation = Validation()
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        let shaped = parts.count >= 3 && parts[0] == "VATEX" && parts.allSatisfy { IdentifierText.isUpperAlphanumeric($0) } && code.count <= 30
        validation.require(
            shaped && !Self.codesOfOtherCategories.contains(code), field: "\(prefix).exemption_code",
            message: "must be a VATEX exemption code for category E, such as VATEX-EU-132-1I")
        validation.require(
            !reason.isEmpty && reason.count <= 300, field: "\(prefix).exemption_reason",
            message: "must say why the client is exempt (1 to 300 characters)")
        return validation.errors
    }
}

extension VATTreatment: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, exemptionCode, exemptionReason
    }

    /// `{"kind": "exempt", "exemption_code": …, "exemption_reason": …}` (codes only for exempt).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "domestic": self = .domestic
        case "reverse_charge": self = .reverseCharge
        case "export": self = .export
        case "outside_scope": self = .outsideScope
        case "exempt":
            self = .exempt(
                code: try container.decodeIfPresent(String.self, forKey: .exemptionCode) ?? "",
                reason: try container.decodeIfPresent(String.self, forKey: .exemptionReason) ?? "")
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "must be one of \(Self.kinds.joined(separator: ", "))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        if case .exempt(let code, let reason) = self {
            try container.encode(code, forKey: .exemptionCode)
            try container.encode(reason, forKey: .exemptionReason)
        }
    }
}
