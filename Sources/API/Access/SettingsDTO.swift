import Domain

/// The agency settings on the wire (SPEC §2). VAT rates are basis points: 2000 = 20 %.
struct SettingsDTO: Encodable, Sendable {
    let legalName: String
    let address: String
    let vatID: String
    let defaultCurrency: String
    let paymentTermsDays: Int
    let invoiceNumberFormat: String
    let defaultVATRateBasisPoints: Int
    let reminderOffsetsDays: [Int]
    let allowSelfApproval: Bool
    let maxDaysAhead: Int
    let version: Int

    enum CodingKeys: String, CodingKey {
        case address, version
        case legalName = "legal_name"
        case vatID = "vat_id"
        case defaultCurrency = "default_currency"
        case paymentTermsDays = "payment_terms_days"
        case invoiceNumberFormat = "invoice_number_format"
        case defaultVATRateBasisPoints = "default_vat_rate_bp"
        case reminderOffsetsDays = "reminder_offsets_days"
        case allowSelfApproval = "allow_self_approval"
        case maxDaysAhead = "max_days_ahead"
    }

    init(_ settings: AgencySettings) {
        legalName = settings.legalName
        address = settings.address
        vatID = settings.vatID
        defaultCurrency = settings.defaultCurrency.code
        paymentTermsDays = settings.paymentTermsDays
        invoiceNumberFormat = settings.invoiceNumberFormat
        defaultVATRateBasisPoints = settings.defaultVATRateBasisPoints
        reminderOffsetsDays = settings.reminderOffsetsDays
        allowSelfApproval = settings.allowSelfApproval
        maxDaysAhead = settings.maxDaysAhead
        version = settings.version
    }
}
