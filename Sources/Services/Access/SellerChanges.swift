public import Domain

/// What an admin changes in the seller's identity (`seller` in `PATCH /settings`):
/// `nil` leaves a field as it is, `.some(nil)` clears an optional one. The address and
/// the electronic address are replaced whole.
public struct SellerChanges: Sendable {
    public var legalName: String?
    public var tradingName: String??
    public var legalForm: String??
    public var registerMention: String??
    public var address: PostalAddress??
    public var vatNumber: String??
    public var companyNumber: String??
    public var email: String??
    public var iban: String??
    public var bic: String??
    public var electronicAddress: ElectronicAddress??

    public init(
        legalName: String? = nil, tradingName: String?? = nil, legalForm: String?? = nil, registerMention: String?? = nil,
        address: PostalAddress?? = nil, vatNumber: String?? = nil, companyNumber: String?? = nil, email: String?? = nil,
        iban: String?? = nil, bic: String?? = nil, electronicAddress: ElectronicAddress?? = nil
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

    /// `seller` with these changes (not yet normalised or validated).
    func apply(to seller: inout SellerParty) {
        if let legalName { seller.legalName = legalName }
        if let tradingName { seller.tradingName = tradingName }
        if let legalForm { seller.legalForm = legalForm }
        if let registerMention { seller.registerMention = registerMention }
        if let address { seller.address = address }
        if let vatNumber { seller.vatNumber = vatNumber }
        if let companyNumber { seller.companyNumber = companyNumber }
        if let email { seller.email = email }
        if let iban { seller.iban = iban }
        if let bic { seller.bic = bic }
        if let electronicAddress { seller.electronicAddress = electronicAddress }
    }
}
