public import Domain
import Foundation

/// Audit snapshots of teams, memberships, rates and settings (never secrets).
extension AuditJSON {
    static func team(_ team: Team) throws -> String {
        try encode(TeamSnapshot(team))
    }

    struct MembershipSnapshot: Encodable, Sendable {
        let teamId: TeamID
        let userId: UserID
        let lead: Bool
    }

    static func membership(team: TeamID, user: UserID, isLead: Bool) throws -> String {
        try encode(MembershipSnapshot(teamId: team, userId: user, lead: isLead))
    }

    static func rate(_ rate: UserRate) throws -> String {
        try encode(UserRateSnapshot(rate))
    }

    static func settings(_ settings: AgencySettings) throws -> String {
        try encode(SettingsSnapshot(settings))
    }
}

/// An effective-dated user rate, the same on the wire and in the audit trail: `rate`
/// is the decimal text ("87.50"), `rate_scaled` the exact integer (major units × 10 000).
public struct UserRateSnapshot: Encodable, Sendable {
    public let id: ID<UserRate>
    public let userId: UserID
    public let kind: UserRate.Kind
    public let effectiveFrom: LocalDate
    public let rate: String
    public let rateScaled: Int64
    public let currency: String

    public init(_ rate: UserRate) {
        id = rate.id
        userId = rate.userID
        kind = rate.kind
        effectiveFrom = rate.effectiveFrom
        self.rate = rate.rate.decimalString
        rateScaled = rate.rate.scaled
        currency = rate.rate.currency.code
    }
}

/// A team: its members and its leads (the wire adds its `version`).
public struct TeamSnapshot: Encodable, Sendable {
    public let id: TeamID
    public let name: String
    public let memberIds: [UserID]
    public let leadIds: [UserID]

    public init(_ team: Team) {
        id = team.id
        name = team.name
        memberIds = team.members.map(\.userID)
        leadIds = team.members.filter(\.isLead).map(\.userID)
    }
}

/// The agency settings (the wire adds their `version`). VAT rates are basis points: 2000 = 20 %.
public struct SettingsSnapshot: Encodable, Sendable {
    public let legalName: String
    public let address: String
    public let vatId: String
    public let defaultCurrency: String
    public let paymentTermsDays: Int
    public let invoiceNumberFormat: String
    public let creditNoteNumberFormat: String
    public let retainerInvoiceDay: Int
    public let defaultVatRateBp: Int
    public let reminderOffsetsDays: [Int]
    public let allowSelfApproval: Bool
    public let maxDaysAhead: Int
    /// The seller's structured identity (its legal name is also `legal_name`).
    public let seller: SellerParty
    public let vatRatesBp: [Int]
    public let expenseVatRatesBp: [String: Int]

    public init(_ settings: AgencySettings) {
        seller = settings.seller
        vatRatesBp = settings.vatRatesBP
        expenseVatRatesBp = Dictionary(uniqueKeysWithValues: settings.expenseVATRatesBP.map { ($0.key.rawValue, $0.value) })
        allowSelfApproval = settings.allowSelfApproval
        maxDaysAhead = settings.maxDaysAhead
        legalName = settings.legalName
        address = settings.address
        vatId = settings.vatID
        defaultCurrency = settings.defaultCurrency.code
        paymentTermsDays = settings.paymentTermsDays
        invoiceNumberFormat = settings.invoiceNumberFormat
        creditNoteNumberFormat = settings.creditNoteNumberFormat
        retainerInvoiceDay = settings.retainerInvoiceDay
        defaultVatRateBp = settings.defaultVATRateBasisPoints
        reminderOffsetsDays = settings.reminderOffsetsDays
    }
}
