import Foundation

/// A structured postal address (EN 16931 BG-5 seller, BG-8 buyer): street (BT-35/50),
/// additional line (BT-36/51), city (BT-37/52), postal code (BT-38/53) and country
/// (BT-40/55, ISO 3166-1 alpha-2, mandatory in Peppol). All but the additional line
/// are required once an address is given: an invoice needs them all.
public struct PostalAddress: Sendable, Hashable, Codable {
    public var street: String
    public var additionalLine: String?
    public var city: String
    public var postalCode: String
    /// ISO 3166-1 alpha-2, upper case (`BE`).
    public var country: String

    public init(street: String, additionalLine: String? = nil, city: String, postalCode: String, country: String) {
        self.street = street
        self.additionalLine = additionalLine
        self.city = city
        self.postalCode = postalCode
        self.country = country
    }

    /// The address with its text trimmed, an empty additional line dropped and the
    /// country upper-cased: what is stored.
    public var normalized: PostalAddress {
        let additional = additionalLine.map(PartyText.trimmed)
        return PostalAddress(
            street: PartyText.trimmed(street), additionalLine: additional?.isEmpty == false ? additional : nil,
            city: PartyText.trimmed(city), postalCode: PartyText.trimmed(postalCode), country: PartyText.trimmed(country).uppercased())
    }

    /// Every rule the address breaks, its fields named under `prefix` (`address.city`).
    public func problems(prefix: String) -> [FieldError] {
        var validation = Validation()
        validation.require(PartyText.isLine(street, required: true), field: "\(prefix).street", message: "must be 1 to 200 characters")
        if let additionalLine {
            validation.require(
                PartyText.isLine(additionalLine, required: false), field: "\(prefix).additional_line", message: "must be at most 200 characters")
        }
        validation.require(PartyText.isLine(city, required: true), field: "\(prefix).city", message: "must be 1 to 200 characters")
        validation.require(
            !postalCode.isEmpty && postalCode.count <= 16, field: "\(prefix).postal_code", message: "must be 1 to 16 characters")
        validation.require(
            CountryCode.isAssigned(country), field: "\(prefix).country", message: "must be an ISO 3166-1 alpha-2 country code such as BE")
        return validation.errors
    }
}

/// Text rules of party fields.
public enum PartyText {
    public static func trimmed(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A one-line text of at most 200 characters, non-empty when `required`.
    public static func isLine(_ text: String, required: Bool) -> Bool {
        (required ? 1...200 : 0...200).contains(text.count) && !text.contains(where: \.isNewline)
    }

    /// `prefix.field`, or `field` alone when there is no prefix.
    static func path(_ prefix: String, _ field: String) -> String {
        prefix.isEmpty ? field : "\(prefix).\(field)"
    }
}
