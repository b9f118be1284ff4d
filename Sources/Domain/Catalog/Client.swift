public import Foundation

/// A customer of the agency (SPEC §2): who is invoiced, in which currency, on which terms.
public struct Client: Hashable, Sendable {
    public let id: ClientID
    public var name: String
    /// The free-text address of before issue 12: readable until a structured
    /// ``address`` replaces it (then empty).
    public var billingAddress: String
    /// The free-text VAT id of before issue 12: readable until ``vatNumber`` replaces it.
    public var vatID: String
    /// The structured address invoices use (EN 16931 BG-8).
    public var address: PostalAddress?
    /// With its country prefix (`BE0123456749`).
    public var vatNumber: String?
    public var companyNumber: String?
    public var electronicAddress: ElectronicAddress?
    /// The buyer reference a new draft starts with.
    public var buyerReference: String?
    /// The language of the client's documents.
    public var language: DocumentLanguage
    public var vatTreatment: VATTreatment
    /// The currency of the client's projects and invoices.
    public var currency: Currency
    /// Days between an invoice's issue date and its due date.
    public var paymentTermsDays: Int
    /// An archived client keeps its history but gets no new projects.
    public var isArchived: Bool
    /// Optimistic-concurrency version; becomes the ETag.
    public var version: Int
    public let createdAt: Date

    public init(
        id: ClientID, name: String, billingAddress: String, vatID: String, currency: Currency, paymentTermsDays: Int,
        isArchived: Bool, version: Int, createdAt: Date, address: PostalAddress? = nil, vatNumber: String? = nil,
        companyNumber: String? = nil, electronicAddress: ElectronicAddress? = nil, buyerReference: String? = nil,
        language: DocumentLanguage = .en, vatTreatment: VATTreatment = .domestic
    ) {
        self.address = address
        self.vatNumber = vatNumber
        self.companyNumber = companyNumber
        self.electronicAddress = electronicAddress
        self.buyerReference = buyerReference
        self.language = language
        self.vatTreatment = vatTreatment
        self.id = id
        self.name = name
        self.billingAddress = billingAddress
        self.vatID = vatID
        self.currency = currency
        self.paymentTermsDays = paymentTermsDays
        self.isArchived = isArchived
        self.version = version
        self.createdAt = createdAt
    }

    /// The client as the buyer of an invoice.
    public var buyer: BuyerParty {
        get {
            BuyerParty(
                name: name, address: address, vatNumber: vatNumber, companyNumber: companyNumber, electronicAddress: electronicAddress,
                buyerReference: buyerReference, language: language, vatTreatment: vatTreatment)
        }
        set {
            address = newValue.address
            vatNumber = newValue.vatNumber
            companyNumber = newValue.companyNumber
            electronicAddress = newValue.electronicAddress
            buyerReference = newValue.buyerReference
            language = newValue.language
            vatTreatment = newValue.vatTreatment
        }
    }

    /// Every rule a client must satisfy, as field errors (all at once).
    public var problems: [FieldError] {
        var validation = Validation()
        validation.require(CatalogText.isName(name), field: "name", message: "must be 1 to 200 characters")
        validation.require(billingAddress.count <= 1000, field: "billing_address", message: "must be at most 1000 characters")
        validation.require(vatID.count <= 50, field: "vat_id", message: "must be at most 50 characters")
        validation.require((0...365).contains(paymentTermsDays), field: "payment_terms_days", message: "must be from 0 to 365")
        validation.add(contentsOf: buyer.problems(prefix: ""))
        return validation.errors
    }
}

/// Text rules shared by the catalog's entities.
public enum CatalogText {
    /// `raw` without surrounding whitespace and newlines.
    public static func trimmed(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A display name: 1 to 200 characters once trimmed (as the database checks).
    public static func isName(_ name: String) -> Bool {
        // Counted in Unicode scalars, as PostgreSQL's length() counts: 200 flags are 400.
        (1...200).contains(name.unicodeScalars.count) && trimmed(name) == name
    }
}
