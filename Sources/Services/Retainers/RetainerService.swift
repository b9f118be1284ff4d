public import Domain
import Foundation
public import Postgres
import Storage

/// The terms of a retainer as a caller gives them to `PUT /projects/{id}/retainer`.
/// The fee's currency defaults to (and must be) the project's; the overage rate is
/// decimal text per hour in it, like a project rate.
public struct RetainerInput: Sendable {
    public var monthlyFee: AmountInput
    public var includedMinutes: Int
    public var overageRate: String
    /// When a replace changes the rate: the first day of the new rate (default: the
    /// first day of the first period that has not ended).
    public var overageRateEffectiveFrom: LocalDate?
    public var periodStartDay: Int
    public var startDate: LocalDate
    public var endDate: LocalDate?
    public var unusedRule: RetainerTerms.UnusedRule
    public var alertThresholdPercent: Int
    public var renewalNotes: String
    /// Whether each period's invoice is issued by itself (issue 12 item 11).
    public var autoIssue: Bool

    public init(
        monthlyFee: AmountInput, includedMinutes: Int, overageRate: String, overageRateEffectiveFrom: LocalDate? = nil,
        periodStartDay: Int, startDate: LocalDate, endDate: LocalDate? = nil, unusedRule: RetainerTerms.UnusedRule,
        alertThresholdPercent: Int, renewalNotes: String = "", autoIssue: Bool = false
    ) {
        self.autoIssue = autoIssue
        self.monthlyFee = monthlyFee
        self.includedMinutes = includedMinutes
        self.overageRate = overageRate
        self.overageRateEffectiveFrom = overageRateEffectiveFrom
        self.periodStartDay = periodStartDay
        self.startDate = startDate
        self.endDate = endDate
        self.unusedRule = unusedRule
        self.alertThresholdPercent = alertThresholdPercent
        self.renewalNotes = renewalNotes
    }
}

/// A retainer as one caller may see it (``Policy/budgetDetail(_:_:)``, SPEC §3 "see
/// budget progress"): its money (the fee, the overage rate and its history) is nil
/// below ``Policy/BudgetDetail/hoursAndMoneyBilled``, its renewal notes for anyone but
/// those who manage the project.
public struct RetainerView: Sendable {
    public let retainer: Retainer
    public let monthlyFee: Money?
    public let overageRate: HourlyRate?
    /// The effective-dated history of the overage rate.
    public let overageRates: [EffectiveRate]?
    public let renewalNotes: String?

    init(retainer: Retainer, overageRates: RateSchedule, detail: Policy.BudgetDetail) {
        let money = detail.showsMoney
        self.retainer = retainer
        monthlyFee = money ? retainer.terms.monthlyFee : nil
        overageRate = money ? retainer.terms.overageRate : nil
        self.overageRates = money ? overageRates.rates : nil
        renewalNotes = detail == .full ? retainer.renewalNotes : nil
    }
}

/// A replace that needs `If-Match` came without one (the API answers 428).
public struct RetainerIfMatchRequired: Error {}

/// Retainers (SPEC §2, §4.3; issue 5 item 4): at most one per project of any billing
/// model, created and replaced whole by those who manage the project, read by those
/// who may see its budget. Periods and the report are in `RetainerService+Periods.swift`.
public struct RetainerService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let retainers = RetainerStore()
    let scopes = ProjectScopeStore()
    let projects = ProjectStore()
    let audit = AuditStore()

    /// Where the report reads (``ReportDatabase``).
    let reports: ReportDatabase

    public init(pool: PostgresPool, clock: any WallClock, reports: ReportDatabase? = nil) {
        self.pool = pool
        self.reports = reports ?? ReportDatabase(primary: pool)
        self.clock = clock
    }

    public func get(_ projectID: ProjectID, caller: Caller) async throws -> RetainerView {
        let detail = try await requireBudget(projectID, caller: caller)
        guard let retainer = try await retainers.find(projectID, on: pool) else { throw DomainError.notFound(entity: "retainer") }
        return RetainerView(retainer: retainer, overageRates: try await retainers.overageRates(projectID, on: pool), detail: detail)
    }

    /// Creates the project's retainer (`expectedVersion` must then be nil) or replaces
    /// it (`expectedVersion` required). A new overage rate is recorded from
    /// ``RetainerInput/overageRateEffectiveFrom`` on, which may not fall in a period that
    /// has ended: those keep their rate. Returns the retainer and whether it was created.
    public func put(
        _ projectID: ProjectID, _ input: RetainerInput, expectedVersion: Int?, caller: Caller
    ) async throws -> (view: RetainerView, created: Bool) {
        try await scopes.authorized(projectID, .manageProject, caller: caller, on: pool)
        // A replace without If-Match is refused before its body is judged.
        if expectedVersion == nil, try await retainers.find(projectID, on: pool) != nil { throw RetainerIfMatchRequired() }

        var parsed = Validation()
        let rate = try parsed.collect { () throws(DomainError) in
            try HourlyRate(parsing: input.overageRate, currency: .eur, field: "overage_rate")
        }
        let notes = try parsed.collect { () throws(DomainError) in try Retainer.validNotes(input.renewalNotes) }
        let today = Self.today(clock.now())

        return try await pool.withTransaction { tx in
            var validation = parsed
            guard let project = try await projects.findForUpdate(projectID, on: tx) else { throw DomainError.notFound(entity: "project") }
            let fee = try validation.collect { () throws(DomainError) in
                try input.monthlyFee.money(defaultCurrency: project.currency, field: "monthly_fee")
            }
            if let fee, fee.currency != project.currency {
                validation.add(field: "monthly_fee.currency", message: "must be the project's currency, \(project.currency.code)")
            }
            let terms = try validation.collect { () throws(DomainError) in
                try RetainerTerms(
                    monthlyFee: Money(amountMinor: fee?.amountMinor ?? 0, currency: project.currency),
                    includedMinutes: input.includedMinutes,
                    overageRate: try HourlyRate(scaled: rate?.scaled ?? 0, currency: project.currency, field: "overage_rate"),
                    periodStartDay: input.periodStartDay, startDate: input.startDate, endDate: input.endDate,
                    unusedRule: input.unusedRule, alertThresholdPercent: input.alertThresholdPercent)
            }
            let existing = try await retainers.findForUpdate(projectID, on: tx)
            if let existing {
                guard let expectedVersion else { throw RetainerIfMatchRequired() }
                guard existing.version == expectedVersion else { throw DomainError.versionMismatch }
            } else {
                if expectedVersion != nil { throw DomainError.versionMismatch }
                validation.require(
                    input.overageRateEffectiveFrom == nil, field: "overage_rate_effective_from",
                    message: "is only for a replace: a new retainer's overage rate applies from its start date")
            }
            var effectiveFrom: LocalDate?
            if let existing, let terms {
                let firstOpen = try RetainerPeriods.firstOpenDay(terms, today: today)
                if let given = input.overageRateEffectiveFrom {
                    validation.require(
                        given >= firstOpen, field: "overage_rate_effective_from",
                        message: "must be on or after \(firstOpen): a period that has ended keeps its overage rate")
                    effectiveFrom = given
                } else if terms.overageRate != existing.terms.overageRate {
                    effectiveFrom = firstOpen
                }
            }
            try validation.throwIfInvalid()
            guard let terms, let notes else { throw DomainError.invalid(field: "overage_rate", message: "Enter a number such as 95.00.") }

            let now = clock.now()
            guard let existing else {
                let retainer = Retainer(
                    projectID: projectID, terms: terms, renewalNotes: notes, autoIssue: input.autoIssue, version: 1, createdAt: now,
                    updatedAt: now)
                try await retainers.insert(retainer, on: tx)
                try await retainers.recordOverageRate(
                    EffectiveRate(effectiveFrom: terms.startDate, rate: terms.overageRate), for: projectID, on: tx)
                try await audit.append(
                    AuditEntry(
                        action: .retainerCreated, subjectType: .retainer, subjectID: projectID.description,
                        after: try AuditJSON.retainer(retainer, rateEffectiveFrom: terms.startDate)),
                    actor: caller.user.id, origin: caller.origin, on: tx)
                return (try await managed(retainer, on: tx), true)
            }

            var after = existing
            after.terms = terms
            after.renewalNotes = notes
            after.autoIssue = input.autoIssue
            guard after != existing || effectiveFrom != nil else {
                return (try await managed(existing, on: tx), false)
            }
            let history = try await retainers.overageRates(projectID, on: tx)
            // Moving the start earlier extends the first recorded rate back to it, so no
            // period falls outside the history.
            if let first = history.rates.first, terms.startDate < first.effectiveFrom {
                try await retainers.recordOverageRate(
                    EffectiveRate(effectiveFrom: terms.startDate, rate: first.rate), for: projectID, on: tx)
            }
            if let effectiveFrom {
                try await retainers.replaceOverageRates(
                    from: EffectiveRate(effectiveFrom: effectiveFrom, rate: terms.overageRate), for: projectID, on: tx)
            }
            guard try await retainers.update(after, expectedVersion: existing.version, at: now, on: tx) else {
                throw DomainError.versionMismatch
            }
            after.version = existing.version + 1
            after.updatedAt = now
            try await audit.append(
                AuditEntry(
                    action: .retainerReplaced, subjectType: .retainer, subjectID: projectID.description,
                    before: try AuditJSON.retainer(existing), after: try AuditJSON.retainer(after, rateEffectiveFrom: effectiveFrom)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return (try await managed(after, on: tx), false)
        }
    }

    /// The retainer as those who manage it see it: everything.
    private func managed(_ retainer: Retainer, on tx: PostgresTransaction) async throws -> RetainerView {
        RetainerView(retainer: retainer, overageRates: try await retainers.overageRates(retainer.projectID, on: tx), detail: .full)
    }

    /// Checks the caller may see the project's budget; returns how much of it.
    func requireBudget(_ projectID: ProjectID, caller: Caller) async throws -> Policy.BudgetDetail {
        let detail = try await scopes.budgetDetail(projectID, caller: caller, on: pool).detail
        return detail
    }

    /// The current day in UTC, the server's calendar (sessions and timestamps are UTC).
    static func today(_ now: Date) -> LocalDate { LocalDate.of(now) }
}
