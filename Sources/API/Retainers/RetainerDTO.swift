import Domain
import Foundation
import Services

/// A retainer on the wire. Durations in minutes, with hours (two decimals) for reading;
/// the overage rate as decimal text per hour like a project rate. Money is null for a
/// caller who sees hours only, renewal notes for anyone but those who manage the
/// project (SPEC §3 "see budget progress").
struct RetainerDTO: Encodable, Sendable {
    let projectId: ProjectID
    let currency: String
    @Nullable var monthlyFee: MoneyDTO?
    let includedMinutes: Int
    let includedHours: String
    @Nullable var overageRate: String?
    @Nullable var overageRateScaled: Int64?
    @Nullable var overageRates: [RateDTO]?
    let periodStartDay: Int
    let startDate: LocalDate
    @Nullable var endDate: LocalDate?
    let unusedRule: String
    @Nullable var rolloverCapMinutes: Int?
    @Nullable var rolloverExpiryPeriods: Int?
    let alertThresholdPercent: Int
    @Nullable var renewalNotes: String?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    /// One entry of the overage rate's history.
    struct RateDTO: Encodable, Sendable {
        let effectiveFrom: LocalDate
        let rate: String
        let rateScaled: Int64
    }

    init(_ view: RetainerView) {
        let retainer = view.retainer
        let terms = retainer.terms
        let money = view.detail.showsMoney
        projectId = retainer.projectID
        currency = terms.monthlyFee.currency.code
        monthlyFee = money ? MoneyDTO(terms.monthlyFee) : nil
        includedMinutes = terms.includedMinutes
        includedHours = WorkHours.decimalString(fromMinutes: terms.includedMinutes)
        overageRate = money ? terms.overageRate.decimalString : nil
        overageRateScaled = money ? terms.overageRate.scaled : nil
        overageRates =
            money
            ? view.overageRates.rates.map { RateDTO(effectiveFrom: $0.effectiveFrom, rate: $0.rate.decimalString, rateScaled: $0.rate.scaled) }
            : nil
        periodStartDay = terms.periodStartDay
        startDate = terms.startDate
        endDate = terms.endDate
        switch terms.unusedRule {
        case .forfeit:
            unusedRule = "forfeit"
            (rolloverCapMinutes, rolloverExpiryPeriods) = (nil, nil)
        case .rollover(let cap, let expiry):
            unusedRule = "rollover"
            (rolloverCapMinutes, rolloverExpiryPeriods) = (cap, expiry)
        }
        alertThresholdPercent = terms.alertThresholdPercent
        renewalNotes = view.detail == .full ? retainer.renewalNotes : nil
        version = retainer.version
        createdAt = retainer.createdAt
        updatedAt = retainer.updatedAt
    }
}

/// One period of a retainer's ledger on the wire: `end` is its last day (included).
struct RetainerPeriodDTO: Encodable, Sendable {
    let start: LocalDate
    let end: LocalDate
    let complete: Bool
    let includedMinutes: Int
    let includedHours: String
    let rolloverMinutes: Int
    let consumedMinutes: Int
    let consumedHours: String
    let remainingMinutes: Int
    let remainingHours: String
    let overageMinutes: Int
    let overageHours: String
    @Nullable var overageRate: String?
    @Nullable var overageAmount: MoneyDTO?
    let forfeitedMinutes: Int
    let thresholdCrossed: Bool

    init(usage: RetainerPeriodUsage, complete: Bool, showsMoney: Bool) {
        start = usage.period.start
        end = usage.period.lastDay
        self.complete = complete
        includedMinutes = usage.includedMinutes
        includedHours = WorkHours.decimalString(fromMinutes: usage.includedMinutes)
        rolloverMinutes = usage.rolloverMinutes
        consumedMinutes = usage.consumedMinutes
        consumedHours = WorkHours.decimalString(fromMinutes: usage.consumedMinutes)
        remainingMinutes = usage.remainingMinutes
        remainingHours = WorkHours.decimalString(fromMinutes: usage.remainingMinutes)
        overageMinutes = usage.overageMinutes
        overageHours = WorkHours.decimalString(fromMinutes: usage.overageMinutes)
        overageRate = showsMoney ? usage.overageRate.decimalString : nil
        overageAmount = showsMoney ? MoneyDTO(usage.overageAmount) : nil
        forfeitedMinutes = usage.forfeitedMinutes
        thresholdCrossed = usage.thresholdCrossed
    }
}

/// `GET /projects/{id}/retainer/periods`.
struct RetainerPeriodsDTO: Encodable, Sendable {
    let projectId: ProjectID
    let through: LocalDate
    let currency: String
    let alertThresholdPercent: Int
    let items: [RetainerPeriodDTO]

    init(view: RetainerPeriodsView) {
        projectId = view.retainer.projectID
        through = view.through
        currency = view.retainer.terms.monthlyFee.currency.code
        alertThresholdPercent = view.retainer.terms.alertThresholdPercent
        let showsMoney = view.detail.showsMoney
        items = view.usages.map { RetainerPeriodDTO(usage: $0, complete: view.isComplete($0), showsMoney: showsMoney) }
    }
}
