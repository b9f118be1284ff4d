/// A Peppol electronic address (BT-34 seller, BT-49 buyer: `cbc:EndpointID@schemeID`,
/// mandatory for both parties, PEPPOL-EN16931-R010/R020): an Electronic Address
/// Scheme code and the identifier in that scheme, e.g. `0208` + a Belgian enterprise number.
public struct ElectronicAddress: Sendable, Hashable, Codable {
    public var scheme: String
    public var identifier: String

    public init(scheme: String, identifier: String) {
        self.scheme = scheme
        self.identifier = identifier
    }

    /// The EAS codes Peppol accepts, copied from the Peppol BIS Billing 3.0 code list
    /// `structure/codelist/eas.xml` (OpenPEPPOL/peppol-bis-invoice-3, CEF EAS list).
    /// When Peppol adds a scheme, add it here.
    public static let schemes: Set<String> = [
        "0002", "0007", "0009", "0037", "0060", "0088", "0096", "0097", "0106", "0130", "0135", "0142", "0151", "0183",
        "0184", "0188", "0190", "0191", "0192", "0193", "0195", "0196", "0198", "0199", "0200", "0201", "0202", "0204",
        "0208", "0209", "0210", "0211", "0212", "0213", "0215", "0216", "0218", "0221", "0230", "9901", "9910", "9913",
        "9914", "9915", "9918", "9919", "9920", "9922", "9923", "9924", "9925", "9926", "9927", "9928", "9929", "9930",
        "9931", "9932", "9933", "9934", "9935", "9936", "9937", "9938", "9939", "9940", "9941", "9942", "9943", "9944",
        "9945", "9946", "9947", "9948", "9949", "9950", "9951", "9952", "9953", "9957", "9959",
    ]

    /// The address as stored: trimmed; Belgian identifiers (0208 enterprise number,
    /// 9925 VAT number) compacted to their canonical form when they are valid.
    public var normalized: ElectronicAddress {
        let scheme = PartyText.trimmed(scheme)
        var identifier = PartyText.trimmed(identifier)
        switch scheme {
        case "0208": identifier = BelgianCompanyNumber.normalized(identifier) ?? identifier
        case "9925": identifier = VATNumber.normalized(identifier) ?? identifier
        default: break
        }
        return ElectronicAddress(scheme: scheme, identifier: identifier)
    }

    /// Every rule the address breaks, fields named under `prefix` (`electronic_address.scheme`).
    public func problems(prefix: String) -> [FieldError] {
        var validation = Validation()
        validation.require(
            Self.schemes.contains(scheme), field: "\(prefix).scheme",
            message: "must be a Peppol electronic address scheme (EAS) code such as 0208")
        switch scheme {
        case "0208":
            validation.require(
                BelgianCompanyNumber.isValid(identifier), field: "\(prefix).identifier",
                message: "must be a Belgian enterprise number: 10 digits with a valid mod-97 check")
        case "9925":
            validation.require(
                VATNumber.isValid(identifier) && identifier.hasPrefix("BE"), field: "\(prefix).identifier",
                message: "must be a Belgian VAT number: BE and 10 digits with a valid mod-97 check")
        default:
            validation.require(
                PartyText.isLine(identifier, required: true) && identifier.count <= 100 && !identifier.contains(" "),
                field: "\(prefix).identifier", message: "must be 1 to 100 characters without spaces")
        }
        return validation.errors
    }
}
