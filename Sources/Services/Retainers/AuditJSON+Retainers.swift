import Domain
import Foundation

/// Audit snapshots of retainers: every money field (fee, overage rate and the date a
/// new rate takes effect) in minor units or scaled rates, never as text.
extension AuditJSON {
    struct RetainerSnapshot: Encodable, Sendable {
        let projectId: ProjectID
        let monthlyFeeMinor: Int64
        let currency: String
        let includedMinutes: Int
        let overageRateScaled: Int64
        let overageRateEffectiveFrom: LocalDate?
        let periodStartDay: Int
        let startDate: LocalDate
        let endDate: LocalDate?
        let unusedRule: String
        let rolloverCapMinutes: Int?
        let rolloverExpiryPeriods: Int?
        let alertThresholdPercent: Int
        let renewalNotes: String
        let autoIssue: Bool

        /// `rateEffectiveFrom`: the day the snapshot's overage rate applies from, when
        /// this change recorded one.
        init(_ retainer: Retainer, rateEffectiveFrom: LocalDate? = nil) {
            let terms = retainer.terms
            projectId = retainer.projectID
            monthlyFeeMinor = terms.monthlyFee.amountMinor
            currency = terms.monthlyFee.currency.code
            includedMinutes = terms.includedMinutes
            overageRateScaled = terms.overageRate.scaled
            overageRateEffectiveFrom = rateEffectiveFrom
            periodStartDay = terms.periodStartDay
            startDate = terms.startDate
            endDate = terms.endDate
            switch terms.unusedRule {
            case .forfeit:
                (unusedRule, rolloverCapMinutes, rolloverExpiryPeriods) = ("forfeit", nil, nil)
            case .rollover(let capMinutes, let expiryPeriods):
                (unusedRule, rolloverCapMinutes, rolloverExpiryPeriods) = ("rollover", capMinutes, expiryPeriods)
            }
            alertThresholdPercent = terms.alertThresholdPercent
            renewalNotes = retainer.renewalNotes
            autoIssue = retainer.autoIssue
        }
    }

    static func retainer(_ retainer: Retainer, rateEffectiveFrom: LocalDate? = nil) throws -> String {
        try encode(RetainerSnapshot(retainer, rateEffectiveFrom: rateEffectiveFrom))
    }
}
