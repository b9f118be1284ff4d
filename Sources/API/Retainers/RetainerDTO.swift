import Domain
import Foundation
import Services

/// A retainer on the wire. Durations in minutes, with hours (two decimals) for reading;
/// the overage rate as decimal text per hour like a project rate. Money and renewal
/// notes are null where the service hid them (``RetainerView``).
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
    let autoIssue: Bool
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
        projectId = retainer.projectID
        currency = terms.monthlyFee.currency.code
        monthlyFee = view.monthlyFee.map(MoneyDTO.init)
        includedMinutes = terms.includedMinutes
        includedHours = WorkHours.decimalString(fromMinutes: terms.includedMinutes)
        overageRate = view.overageRate?.decimalString
        overageRateScaled = view.overageRate?.scaled
        overageRates = view.overageRates?.map {
            RateDTO(effectiveFrom: $0.effectiveFrom, rate: $0.rate.decimalString, rateScaled: $0.rate.scaled)
        }
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
        renewalNotes = view.renewalNotes
        autoIssue = retainer.autoIssue
        version = retainer.version
        createdAt = retainer.createdAt
        updatedAt = retainer.updatedAt
    }
}

/// One period of a retainer's ledger on the wire: `from`/`to` like every date range
/// of the API, both included (`to` is its last day; the domain's period is half-open).
struct RetainerPeriodDTO: Encodable, Sendable {
    let from: LocalDate
    let to: LocalDate
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

    init(_ period: RetainerPeriodView) {
        let usage = period.usage
        from = usage.period.start
        to = usage.period.lastDay
        complete = period.complete
        includedMinutes = usage.includedMinutes
        includedHours = WorkHours.decimalString(fromMinutes: usage.includedMinutes)
        rolloverMinutes = usage.rolloverMinutes
        consumedMinutes = usage.consumedMinutes
        consumedHours = WorkHours.decimalString(fromMinutes: usage.consumedMinutes)
        remainingMinutes = usage.remainingMinutes
        remainingHours = WorkHours.decimalString(fromMinutes: usage.remainingMinutes)
        overageMinutes = usage.overageMinutes
        overageHours = WorkHours.decimalString(fromMinutes: usage.overageMinutes)
        overageRate = period.overageRate?.decimalString
        overageAmount = period.overageAmount.map(MoneyDTO.init)
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
        items = view.periods.map(RetainerPeriodDTO.init)
    }
}
