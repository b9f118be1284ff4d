import Domain
import Foundation

/// Audit snapshots of retainers: every money field (fee, overage rate and the date a
/// new rate takes effect) in minor units or scaled rates, never as text.
extension AuditJSON {
    private struct RetainerSnapshot: Encodable {
        let projectID: String
        let monthlyFeeMinor: Int64
        let currency: String
        let includedMinutes: Int
        let overageRateScaled: Int64
        let overageRateEffectiveFrom: String?
        let periodStartDay: Int
        let startDate: String
        let endDate: String?
        let unusedRule: String
        let rolloverCapMinutes: Int?
        let rolloverExpiryPeriods: Int?
        let alertThresholdPercent: Int
        let renewalNotes: String
        enum CodingKeys: String, CodingKey {
            case currency
            case projectID = "project_id"
            case monthlyFeeMinor = "monthly_fee_minor"
            case includedMinutes = "included_minutes"
            case overageRateScaled = "overage_rate_scaled"
            case overageRateEffectiveFrom = "overage_rate_effective_from"
            case periodStartDay = "period_start_day"
            case startDate = "start_date"
            case endDate = "end_date"
            case unusedRule = "unused_rule"
            case rolloverCapMinutes = "rollover_cap_minutes"
            case rolloverExpiryPeriods = "rollover_expiry_periods"
            case alertThresholdPercent = "alert_threshold_percent"
            case renewalNotes = "renewal_notes"
        }
    }

    /// `rateEffectiveFrom`: the day the snapshot's overage rate applies from, when this
    /// change recorded one.
    static func retainer(_ retainer: Retainer, rateEffectiveFrom: LocalDate? = nil) throws -> String {
        let terms = retainer.terms
        var cap: Int?
        var expiry: Int?
        let rule: String
        switch terms.unusedRule {
        case .forfeit:
            rule = "forfeit"
        case .rollover(let capMinutes, let expiryPeriods):
            rule = "rollover"
            cap = capMinutes
            expiry = expiryPeriods
        }
        return try encode(
            RetainerSnapshot(
                projectID: retainer.projectID.description, monthlyFeeMinor: terms.monthlyFee.amountMinor,
                currency: terms.monthlyFee.currency.code, includedMinutes: terms.includedMinutes,
                overageRateScaled: terms.overageRate.scaled, overageRateEffectiveFrom: rateEffectiveFrom?.description,
                periodStartDay: terms.periodStartDay, startDate: terms.startDate.description, endDate: terms.endDate?.description,
                unusedRule: rule, rolloverCapMinutes: cap, rolloverExpiryPeriods: expiry,
                alertThresholdPercent: terms.alertThresholdPercent, renewalNotes: retainer.renewalNotes))
    }
}
