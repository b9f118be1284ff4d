import Domain

/// The agency settings on the wire (SPEC §2). VAT rates are basis points: 2000 = 20 %.
struct SettingsDTO: Encodable, Sendable {
    let legalName: String
    let address: String
    let vatId: String
    let defaultCurrency: String
    let paymentTermsDays: Int
    let invoiceNumberFormat: String
    let defaultVatRateBp: Int
    let reminderOffsetsDays: [Int]
    let version: Int

    init(_ settings: AgencySettings) {
        legalName = settings.legalName
        address = settings.address
        vatId = settings.vatID
        defaultCurrency = settings.defaultCurrency.code
        paymentTermsDays = settings.paymentTermsDays
        invoiceNumberFormat = settings.invoiceNumberFormat
        defaultVatRateBp = settings.defaultVATRateBasisPoints
        reminderOffsetsDays = settings.reminderOffsetsDays
        version = settings.version
    }
}
