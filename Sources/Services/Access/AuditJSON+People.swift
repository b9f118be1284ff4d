import Domain
import Foundation

/// Audit snapshots of teams, memberships, rates and settings (never secrets).
extension AuditJSON {
    private struct TeamSnapshot: Encodable {
        let id: String
        let name: String
        let memberIDs: [String]
        let leadIDs: [String]
        enum CodingKeys: String, CodingKey {
            case id, name
            case memberIDs = "member_ids"
            case leadIDs = "lead_ids"
        }
    }

    static func team(_ team: Team) throws -> String {
        try encode(
            TeamSnapshot(
                id: team.id.description, name: team.name, memberIDs: team.members.map(\.userID.description),
                leadIDs: team.members.filter(\.isLead).map(\.userID.description)))
    }

    private struct MembershipSnapshot: Encodable {
        let teamID: String
        let userID: String
        let lead: Bool
        enum CodingKeys: String, CodingKey {
            case lead
            case teamID = "team_id"
            case userID = "user_id"
        }
    }

    static func membership(team: TeamID, user: UserID, isLead: Bool) throws -> String {
        try encode(MembershipSnapshot(teamID: team.description, userID: user.description, lead: isLead))
    }

    private struct RateSnapshot: Encodable {
        let id: String
        let userID: String
        let kind: String
        let effectiveFrom: String
        let rate: String
        let rateScaled: Int64
        let currency: String
        enum CodingKeys: String, CodingKey {
            case id, kind, rate, currency
            case userID = "user_id"
            case effectiveFrom = "effective_from"
            case rateScaled = "rate_scaled"
        }
    }

    static func rate(_ rate: UserRate) throws -> String {
        try encode(
            RateSnapshot(
                id: rate.id.description, userID: rate.userID.description, kind: rate.kind.rawValue,
                effectiveFrom: rate.effectiveFrom.description, rate: rate.rate.decimalString, rateScaled: rate.rate.scaled,
                currency: rate.rate.currency.code))
    }

    private struct SettingsSnapshot: Encodable {
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
        enum CodingKeys: String, CodingKey {
            case address
            case allowSelfApproval = "allow_self_approval"
            case maxDaysAhead = "max_days_ahead"
            case legalName = "legal_name"
            case vatID = "vat_id"
            case defaultCurrency = "default_currency"
            case paymentTermsDays = "payment_terms_days"
            case invoiceNumberFormat = "invoice_number_format"
            case defaultVATRateBasisPoints = "default_vat_rate_bp"
            case reminderOffsetsDays = "reminder_offsets_days"
        }
    }

    static func settings(_ settings: AgencySettings) throws -> String {
        try encode(
            SettingsSnapshot(
                legalName: settings.legalName, address: settings.address, vatID: settings.vatID,
                defaultCurrency: settings.defaultCurrency.code, paymentTermsDays: settings.paymentTermsDays,
                invoiceNumberFormat: settings.invoiceNumberFormat, defaultVATRateBasisPoints: settings.defaultVATRateBasisPoints,
                reminderOffsetsDays: settings.reminderOffsetsDays, allowSelfApproval: settings.allowSelfApproval,
                maxDaysAhead: settings.maxDaysAhead))
    }
}
