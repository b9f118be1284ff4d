/// The agency as the seller of its invoices (EN 16931 BG-4, SPEC §5 "Parties"): its
/// legal identity, address, tax and company numbers, contact, bank account and Peppol
/// address. Stored in the agency settings; snapshotted on every issued invoice.
public struct SellerParty: Sendable, Hashable, Codable {
    /// The registered name (BT-27, `RegistrationName`).
    public var legalName: String
    /// The name the agency trades under, if different (BT-28).
    public var tradingName: String?
    /// The legal form, e.g. `SRL` (part of BT-33, CSA art. 2:20).
    public var legalForm: String?
    /// The register and court, e.g. `RPM Bruxelles` (part of BT-33).
    public var registerMention: String?
    public var address: PostalAddress?
    /// With its country prefix: `BE0123456749` (BT-31).
    public var vatNumber: String?
    /// The enterprise number, for Belgium 10 digits with a mod-97 check (BT-30, scheme 0208).
    public var companyNumber: String?
    public var email: String?
    /// Compact, upper case (BT-84).
    public var iban: String?
    public var bic: String?
    /// The Peppol endpoint (BT-34).
    public var electronicAddress: ElectronicAddress?

    public init(
        legalName: String, tradingName: String? = nil, legalForm: String? = nil, registerMention: String? = nil,
        address: PostalAddress? = nil, vatNumber: String? = nil, companyNumber: String? = nil, email: String? = nil,
        iban: String? = nil, bic: String? = nil, electronicAddress: ElectronicAddress? = nil
    ) {
        self.legalName = legalName
        self.tradingName = tradingName
        self.legalForm = legalForm
        self.registerMention = registerMention
        self.address = address
        self.vatNumber = vatNumber
        self.companyNumber = companyNumber
        self.email = email
        self.iban = iban
        self.bic = bic
        self.electronicAddress = electronicAddress
    }

    /// Names (JSON field paths as the API spells them, e.g. "seller.address.city",
    /// "seller.iban") of what an invoice needs and is missing: the legal name, a whole
    /// address, the VAT number (every category but O needs it, BR-S-02…), the company
    /// number (Belgian mandatory mention, CSA art. 2:20), the e-mail (idem), the IBAN
    /// (payment means 30/58, BR-61) and the Peppol electronic address (R010). Legal
    /// form, register mention and BIC are printed when present but not required: a
    /// sole trader has neither form nor register, and EPC QR 002 makes the BIC optional.
    public func missingForInvoicing() -> [String] {
        var missing: [String] = []
        if legalName.isEmpty { missing.append("seller.legal_name") }
        if address == nil { missing += PartyRequirements.addressFields(prefix: "seller.address") }
        if vatNumber == nil { missing.append("seller.vat_number") }
        if companyNumber == nil { missing.append("seller.company_number") }
        if email == nil { missing.append("seller.email") }
        if iban == nil { missing.append("seller.iban") }
        if electronicAddress == nil { missing.append("seller.electronic_address") }
        return missing
    }

    /// The party as stored: text trimmed, empty optional text dropped, identifiers in
    /// their canonical form when they are valid (invalid ones stay as given so that
    /// ``problems(prefix:)`` names them).
    public var normalized: SellerParty {
        SellerParty(
            legalName: PartyText.trimmed(legalName), tradingName: PartyRequirements.optionalText(tradingName),
            legalForm: PartyRequirements.optionalText(legalForm), registerMention: PartyRequirements.optionalText(registerMention),
            address: address?.normalized, vatNumber: PartyRequirements.normalized(vatNumber, VATNumber.normalized),
            companyNumber: PartyRequirements.companyNumber(companyNumber, country: address?.country),
            email: PartyRequirements.optionalText(email), iban: PartyRequirements.normalized(iban, IBAN.normalized),
            bic: PartyRequirements.normalized(bic, BIC.normalized), electronicAddress: electronicAddress?.normalized)
    }

    /// Every rule the party breaks, fields named under `prefix` (`seller`). The legal
    /// name may be empty (a new agency), never longer than 200 characters.
    public func problems(prefix: String) -> [FieldError] {
        var validation = Validation()
        let path = { (field: String) in PartyText.path(prefix, field) }
        validation.require(PartyText.isLine(legalName, required: false), field: path("legal_name"), message: "must be at most 200 characters")
        for (field, value) in [("trading_name", tradingName), ("legal_form", legalForm), ("register_mention", registerMention)] {
            if let value {
                validation.require(PartyText.isLine(value, required: true), field: path(field), message: "must be 1 to 200 characters")
            }
        }
        if let address { validation.add(contentsOf: address.problems(prefix: path("address"))) }
        validation.add(contentsOf: PartyRequirements.identifierProblems(
            vatNumber: vatNumber, companyNumber: companyNumber, country: address?.country, prefix: prefix))
        if let email {
            validation.require(EmailAddress.isValid(email), field: path("email"), message: "must be an e-mail address such as billing@example.be")
        }
        if let iban {
            validation.require(
                IBAN.isValid(iban), field: path("iban"),
                message: "must be an IBAN with its country's length and a valid check (mod 97), such as BE68539007547034")
        }
        if let bic {
            validation.require(BIC.isValid(bic), field: path("bic"), message: "must be a BIC of 8 or 11 characters, such as GEBABEBB")
        }
        if let electronicAddress { validation.add(contentsOf: electronicAddress.problems(prefix: path("electronic_address"))) }
        return validation.errors
    }
}
