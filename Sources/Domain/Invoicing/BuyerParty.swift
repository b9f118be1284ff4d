/// A client as the buyer of an invoice (EN 16931 BG-7, SPEC §5 "Parties"): name,
/// address, tax and company numbers, Peppol address, default buyer reference, the
/// language of its documents and how its purchases are taxed.
public struct BuyerParty: Sendable, Hashable, Codable {
    /// The client's name (BT-44).
    public var name: String
    public var address: PostalAddress?
    /// With its country prefix (BT-48).
    public var vatNumber: String?
    /// The legal registration identifier (BT-47).
    public var companyNumber: String?
    /// The Peppol endpoint (BT-49).
    public var electronicAddress: ElectronicAddress?
    /// The reference a new draft for this client starts with (BT-10).
    public var buyerReference: String?
    public var language: DocumentLanguage
    public var vatTreatment: VATTreatment

    public init(
        name: String, address: PostalAddress? = nil, vatNumber: String? = nil, companyNumber: String? = nil,
        electronicAddress: ElectronicAddress? = nil, buyerReference: String? = nil, language: DocumentLanguage = .en,
        vatTreatment: VATTreatment = .domestic
    ) {
        self.name = name
        self.address = address
        self.vatNumber = vatNumber
        self.companyNumber = companyNumber
        self.electronicAddress = electronicAddress
        self.buyerReference = buyerReference
        self.language = language
        self.vatTreatment = vatTreatment
    }

    /// Names (`buyer.address.city`, `buyer.vat_number`, …) of what an invoice needs and
    /// is missing: the address and the electronic address always (BR-08/BR-10,
    /// PEPPOL-EN16931-R020); the VAT number for reverse charge (BR-AE-02).
    public func missingForInvoicing() -> [String] {
        var missing: [String] = []
        if name.isEmpty { missing.append("buyer.name") }
        if address == nil { missing += PartyRequirements.addressFields(prefix: "buyer.address") }
        if vatTreatment == .reverseCharge, vatNumber == nil { missing.append("buyer.vat_number") }
        if electronicAddress == nil { missing.append("buyer.electronic_address") }
        return missing
    }

    /// The party as stored (see ``SellerParty/normalized``).
    public var normalized: BuyerParty {
        BuyerParty(
            name: name, address: address?.normalized, vatNumber: PartyRequirements.normalized(vatNumber, VATNumber.normalized),
            companyNumber: PartyRequirements.companyNumber(companyNumber, country: address?.country),
            electronicAddress: electronicAddress?.normalized, buyerReference: PartyRequirements.optionalText(buyerReference),
            language: language, vatTreatment: vatTreatment.normalized)
    }

    /// Every rule the party breaks (the name is the client's own rule), fields named
    /// under `prefix` (empty for a client: `address.city`, `vat_number`).
    public func problems(prefix: String) -> [FieldError] {
        var validation = Validation()
        if let address { validation.add(contentsOf: address.problems(prefix: PartyText.path(prefix, "address"))) }
        validation.add(contentsOf: PartyRequirements.identifierProblems(
            vatNumber: vatNumber, companyNumber: companyNumber, country: address?.country, prefix: prefix))
        if let electronicAddress {
            validation.add(contentsOf: electronicAddress.problems(prefix: PartyText.path(prefix, "electronic_address")))
        }
        if let buyerReference {
            validation.require(
                PartyText.isLine(buyerReference, required: true), field: PartyText.path(prefix, "buyer_reference"),
                message: "must be 1 to 200 characters")
        }
        validation.add(contentsOf: vatTreatment.problems(prefix: PartyText.path(prefix, "vat_treatment")))
        return validation.errors
    }
}
