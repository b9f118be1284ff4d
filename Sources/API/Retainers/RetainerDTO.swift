import Domain
import Foundation
import Services

/// A retainer on the wire. Durations in minutes, with hours (two decimals) for reading;
/// the overage rate as decimal text per hour like a project rate. Money is null for a
/// caller who sees hours only, renewal notes for anyone but those who manage the
/// project (SPEC §3 "see budget progress").
struct RetainerDTO: Encodable, Sendable {
    let view: RetainerView

    enum CodingKeys: String, CodingKey {
        case currency, version
        case projectID = "project_id"
        case monthlyFee = "monthly_fee"
        case includedMinutes = "included_minutes"
        case includedHours = "included_hours"
        case overageRate = "overage_rate"
        case overageRateScaled = "overage_rate_scaled"
        case overageRates = "overage_rates"
        case periodStartDay = "period_start_day"
        case startDate = "start_date"
        case endDate = "end_date"
        case unusedRule = "unused_rule"
        case rolloverCapMinutes = "rollover_cap_minutes"
        case rolloverExpiryPeriods = "rollover_expiry_periods"
        case alertThresholdPercent = "alert_threshold_percent"
        case renewalNotes = "renewal_notes"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// One entry of the overage rate's history.
    struct RateDTO: Encodable, Sendable {
        let effectiveFrom: LocalDate
        let rate: String
        let rateScaled: Int64

        enum CodingKeys: String, CodingKey {
            case rate
            case effectiveFrom = "effective_from"
            case rateScaled = "rate_scaled"
        }
    }

    init(_ view: RetainerView) {
        self.view = view
    }

    func encode(to encoder: any Encoder) throws {
        let retainer = view.retainer
        let terms = retainer.terms
        let money = view.detail.showsMoney
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(retainer.projectID, forKey: .projectID)
        try container.encode(terms.monthlyFee.currency.code, forKey: .currency)
        try container.encode(money ? MoneyDTO(terms.monthlyFee) : nil, forKey: .monthlyFee)
        try container.encode(terms.includedMinutes, forKey: .includedMinutes)
        try container.encode(WorkHours.decimalString(fromMinutes: terms.includedMinutes), forKey: .includedHours)
        try container.encode(money ? terms.overageRate.decimalString : nil, forKey: .overageRate)
        try container.encode(money ? terms.overageRate.scaled : nil, forKey: .overageRateScaled)
        let history = view.overageRates.rates.map {
            RateDTO(effectiveFrom: $0.effectiveFrom, rate: $0.rate.decimalString, rateScaled: $0.rate.scaled)
        }
        try container.encode(money ? history : nil, forKey: .overageRates)
        try container.encode(terms.periodStartDay, forKey: .periodStartDay)
        try container.encode(terms.startDate, forKey: .startDate)
        try container.encode(terms.endDate, forKey: .endDate)
        switch terms.unusedRule {
        case .forfeit:
            try container.encode("forfeit", forKey: .unusedRule)
            try container.encodeNil(forKey: .rolloverCapMinutes)
            try container.encodeNil(forKey: .rolloverExpiryPeriods)
        case .rollover(let cap, let expiry):
            try container.encode("rollover", forKey: .unusedRule)
            try container.encode(cap, forKey: .rolloverCapMinutes)
            try container.encode(expiry, forKey: .rolloverExpiryPeriods)
        }
        try container.encode(terms.alertThresholdPercent, forKey: .alertThresholdPercent)
        try container.encode(view.detail == .full ? retainer.renewalNotes : nil, forKey: .renewalNotes)
        try container.encode(retainer.version, forKey: .version)
        try container.encode(retainer.createdAt, forKey: .createdAt)
        try container.encode(retainer.updatedAt, forKey: .updatedAt)
    }
}

/// One period of a retainer's ledger on the wire: `end` is its last day (included).
struct RetainerPeriodDTO: Encodable, Sendable {
    let usage: RetainerPeriodUsage
    let complete: Bool
    let showsMoney: Bool

    enum CodingKeys: String, CodingKey {
        case start, end, complete
        case includedMinutes = "included_minutes"
        case includedHours = "included_hours"
        case rolloverMinutes = "rollover_minutes"
        case consumedMinutes = "consumed_minutes"
        case consumedHours = "consumed_hours"
        case remainingMinutes = "remaining_minutes"
        case remainingHours = "remaining_hours"
        case overageMinutes = "overage_minutes"
        case overageHours = "overage_hours"
        case overageRate = "overage_rate"
        case overageAmount = "overage_amount"
        case forfeitedMinutes = "forfeited_minutes"
        case thresholdCrossed = "threshold_crossed"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(usage.period.start, forKey: .start)
        try container.encode(usage.period.lastDay, forKey: .end)
        try container.encode(complete, forKey: .complete)
        try container.encode(usage.includedMinutes, forKey: .includedMinutes)
        try container.encode(WorkHours.decimalString(fromMinutes: usage.includedMinutes), forKey: .includedHours)
        try container.encode(usage.rolloverMinutes, forKey: .rolloverMinutes)
        try container.encode(usage.consumedMinutes, forKey: .consumedMinutes)
        try container.encode(WorkHours.decimalString(fromMinutes: usage.consumedMinutes), forKey: .consumedHours)
        try container.encode(usage.remainingMinutes, forKey: .remainingMinutes)
        try container.encode(WorkHours.decimalString(fromMinutes: usage.remainingMinutes), forKey: .remainingHours)
        try container.encode(usage.overageMinutes, forKey: .overageMinutes)
        try container.encode(WorkHours.decimalString(fromMinutes: usage.overageMinutes), forKey: .overageHours)
        try container.encode(showsMoney ? usage.overageRate.decimalString : nil, forKey: .overageRate)
        try container.encode(showsMoney ? MoneyDTO(usage.overageAmount) : nil, forKey: .overageAmount)
        try container.encode(usage.forfeitedMinutes, forKey: .forfeitedMinutes)
        try container.encode(usage.thresholdCrossed, forKey: .thresholdCrossed)
    }
}

/// `GET /projects/{id}/retainer/periods`.
struct RetainerPeriodsDTO: Encodable, Sendable {
    let view: RetainerPeriodsView

    enum CodingKeys: String, CodingKey {
        case through, items, currency
        case projectID = "project_id"
        case alertThresholdPercent = "alert_threshold_percent"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(view.retainer.projectID, forKey: .projectID)
        try container.encode(view.through, forKey: .through)
        try container.encode(view.retainer.terms.monthlyFee.currency.code, forKey: .currency)
        try container.encode(view.retainer.terms.alertThresholdPercent, forKey: .alertThresholdPercent)
        let showsMoney = view.detail.showsMoney
        try container.encode(
            view.usages.map { RetainerPeriodDTO(usage: $0, complete: view.isComplete($0), showsMoney: showsMoney) }, forKey: .items)
    }
}
