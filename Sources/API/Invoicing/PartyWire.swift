import Domain
import Foundation
import Services

/// The party objects of request bodies (`address`, `electronic_address`,
/// `vat_treatment`), decoded strictly: an unknown or missing key is a 422 naming it.
/// Their content (check digits, code lists) is checked by the services, all at once.
struct AddressWire: Decodable {
    let address: PostalAddress

    enum CodingKeys: String, CodingKey {
        case street, additionalLine, city, postalCode, country
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        address = PostalAddress(
            street: try container.decode(String.self, forKey: .street),
            additionalLine: try container.decodeOptional(String.self, forKey: .additionalLine),
            city: try container.decode(String.self, forKey: .city),
            postalCode: try container.decode(String.self, forKey: .postalCode),
            country: try container.decode(String.self, forKey: .country))
    }
}

struct ElectronicAddressWire: Decodable {
    let address: ElectronicAddress

    enum CodingKeys: String, CodingKey {
        case scheme, identifier
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        address = ElectronicAddress(
            scheme: try container.decode(String.self, forKey: .scheme), identifier: try container.decode(String.self, forKey: .identifier))
    }
}

struct VATTreatmentWire: Decodable {
    let input: VATTreatmentInput

    enum CodingKeys: String, CodingKey {
        case kind, exemptionCode, exemptionReason
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        input = VATTreatmentInput(
            kind: try container.decode(String.self, forKey: .kind),
            exemptionCode: try container.decodeOptional(String.self, forKey: .exemptionCode),
            exemptionReason: try container.decodeOptional(String.self, forKey: .exemptionReason))
    }
}

extension KeyedDecodingContainer {
    /// The buyer fields of `POST` and `PATCH /clients` (absent: unchanged or default;
    /// `null`: cleared, except `language` and `vat_treatment`, which always have a value).
    func decodeBuyerChanges(
        address: Key, vatNumber: Key, companyNumber: Key, electronicAddress: Key, buyerReference: Key, language: Key, vatTreatment: Key
    ) throws -> BuyerChanges {
        BuyerChanges(
            address: try decodeNullableChange(AddressWire.self, forKey: address).map { $0?.address },
            vatNumber: try decodeNullableChange(String.self, forKey: vatNumber),
            companyNumber: try decodeNullableChange(String.self, forKey: companyNumber),
            electronicAddress: try decodeNullableChange(ElectronicAddressWire.self, forKey: electronicAddress).map { $0?.address },
            buyerReference: try decodeNullableChange(String.self, forKey: buyerReference),
            language: try decodeChange(String.self, forKey: language),
            vatTreatment: try decodeChange(VATTreatmentWire.self, forKey: vatTreatment)?.input)
    }
}

/// `seller` in `PATCH /settings`: every key optional; `null` clears an optional field.
struct SellerWire: Decodable {
    let changes: SellerChanges

    enum CodingKeys: String, CodingKey {
        case legalName, tradingName, legalForm, registerMention, address, vatNumber, companyNumber, email, iban, bic, electronicAddress
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        changes = SellerChanges(
            legalName: try container.decodeChange(String.self, forKey: .legalName),
            tradingName: try container.decodeNullableChange(String.self, forKey: .tradingName),
            legalForm: try container.decodeNullableChange(String.self, forKey: .legalForm),
            registerMention: try container.decodeNullableChange(String.self, forKey: .registerMention),
            address: try container.decodeNullableChange(AddressWire.self, forKey: .address).map { $0?.address },
            vatNumber: try container.decodeNullableChange(String.self, forKey: .vatNumber),
            companyNumber: try container.decodeNullableChange(String.self, forKey: .companyNumber),
            email: try container.decodeNullableChange(String.self, forKey: .email),
            iban: try container.decodeNullableChange(String.self, forKey: .iban),
            bic: try container.decodeNullableChange(String.self, forKey: .bic),
            electronicAddress: try container.decodeNullableChange(ElectronicAddressWire.self, forKey: .electronicAddress).map { $0?.address })
    }
}
