public import Domain
import Foundation
import Postgres
import Storage

/// A retainer's periods through a date, as one caller may see them.
public struct RetainerPeriodsView: Sendable {
    public let retainer: Retainer
    public let through: LocalDate
    public let periods: [RetainerPeriodView]

    /// `today`: the day periods are judged complete against (the clock's, not `through`).
    init(retainer: Retainer, through: LocalDate, today: LocalDate, usages: [RetainerPeriodUsage], detail: Policy.BudgetDetail) {
        self.retainer = retainer
        self.through = through
        periods = usages.map {
            RetainerPeriodView($0, complete: RetainerPeriods.isComplete($0.period, today: today), showsMoney: detail.showsMoney)
        }
    }
}

/// One period of a retainer's ledger as one caller may see it: the overage's rate
/// and amount are nil for those who see hours only.
public struct RetainerPeriodView: Sendable {
    public let usage: RetainerPeriodUsage
    /// Whether the period has ended.
    public let complete: Bool
    public let overageRate: HourlyRate?
    public let overageAmount: Money?

    init(_ usage: RetainerPeriodUsage, complete: Bool, showsMoney: Bool) {
        self.usage = usage
        self.complete = complete
        overageRate = showsMoney ? usage.overageRate : nil
        overageAmount = showsMoney ? usage.overageAmount : nil
    }
}

/// One line of the retainer report (for those who see the agency's money).
public struct RetainerReportLine: Sendable {
    public let listing: RetainerListing
    /// The period running today; nil before the start and after the end.
    public let current: RetainerPeriodUsage?
    /// ``current`` as a ledger period.
    public var currentPeriod: RetainerPeriodView? { current.map { RetainerPeriodView($0, complete: false, showsMoney: true) } }
    /// The last completed periods (up to ``RetainerRenewal/periodsConsidered``), oldest first.
    public let trend: [RetainerPeriodUsage]
    public let renewal: RetainerRenewal
}

/// The retainer report as of a day.
public struct RetainerReport: Sendable {
    public let asOf: LocalDate
    public let lines: [RetainerReportLine]
}

extension RetainerService {
    /// The most periods one request computes: 50 years of monthly periods.
    static let maximumPeriods = 600

    /// Every period started on or before `through` (default: today), with its use.
    public func periods(_ projectID: ProjectID, through: LocalDate?, caller: Caller) async throws -> RetainerPeriodsView {
        let detail = try await requireBudget(projectID, caller: caller)
        guard let retainer = try await retainers.find(projectID, on: pool) else { throw DomainError.notFound(entity: "retainer") }
        let today = Self.today(clock.now())
        let through = through ?? today
        let periods = try RetainerPeriods.periods(retainer.terms, through: through)
        guard periods.count <= Self.maximumPeriods else {
            throw DomainError.invalid(field: "through", message: "covers more than \(Self.maximumPeriods) periods: choose an earlier date")
        }
        let consumed = try await retainers.consumedMinutes(periods.map { (projectID, $0) }, on: pool)
        let rates = try await retainers.overageRates(projectID, on: pool)
        let usages = try RetainerLedger.compute(retainer.terms, consumedMinutesPerPeriod: consumed, overageRates: rates)
        return RetainerPeriodsView(retainer: retainer, through: through, today: today, usages: usages, detail: detail)
    }

    /// Every retainer the caller may report on (the admin: all; a manager: those of the
    /// projects of the teams they lead), with the current period, the trend of the last
    /// completed periods and a renewal suggestion. Three statements whatever the count.
    /// A read-only report: runs on the reports database (``ReportDatabase``).
    public func report(caller: Caller) async throws -> RetainerReport {
        try await reports.read { pool in try await report(caller: caller, on: pool) }
    }

    private func report(caller: Caller, on pool: PostgresPool) async throws -> RetainerReport {
        guard let scope = RetainerReportScope.of(caller.actor) else { throw DomainError.forbidden(RetainerReportScope.refusal) }
        let teams: Set<TeamID>? =
            switch scope {
            case .everything: nil
            case .teams(let teams): teams
            }
        let listings = try await retainers.list(teams: teams, on: pool)
        let today = Self.today(clock.now())
        var pairs: [(project: ProjectID, period: RetainerPeriod)] = []
        var periodsOf: [[RetainerPeriod]] = []
        for listing in listings {
            // The ledger needs every period from the start (rollover); a retainer said to
            // run for more than 50 years is listed without figures rather than computed.
            var periods = try RetainerPeriods.periods(listing.retainer.terms, through: today)
            if periods.count > Self.maximumPeriods { periods = [] }
            periodsOf.append(periods)
            pairs += periods.map { (listing.retainer.projectID, $0) }
        }
        let consumed = try await retainers.consumedMinutes(pairs, on: pool)
        let rates = try await retainers.overageRates(listings.map(\.retainer.projectID), on: pool)

        var lines: [RetainerReportLine] = []
        var offset = 0
        for (listing, periods) in zip(listings, periodsOf) {
            let minutes = Array(consumed[offset..<(offset + periods.count)])
            offset += periods.count
            let terms = listing.retainer.terms
            let usages = try RetainerLedger.compute(
                terms, consumedMinutesPerPeriod: minutes, overageRates: rates[listing.retainer.projectID])
            let completed = usages.filter { RetainerPeriods.isComplete($0.period, today: today) }
            lines.append(
                RetainerReportLine(
                    listing: listing,
                    current: usages.last.flatMap { RetainerPeriods.isComplete($0.period, today: today) ? nil : $0 },
                    trend: Array(completed.suffix(RetainerRenewal.periodsConsidered)),
                    renewal: RetainerRenewal.suggest(terms, completed: completed)))
        }
        return RetainerReport(asOf: today, lines: lines)
    }
}
