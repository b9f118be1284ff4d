public import Domain
public import Foundation
public import Postgres

/// SQL for `retainers` and their overage-rate history `retainer_overage_rates`. Terms
/// are rebuilt through ``RetainerTerms``'s validation, so a row that breaks the rules
/// is a decoding error rather than a wrong invoice. Consumption is in
/// `RetainerStore+Consumption.swift`.
public struct RetainerStore: Sendable {
    public init() {}

    static let columns: SQL = """
        r.project_id, r.monthly_fee_minor, r.currency, r.included_minutes, r.overage_rate_scaled, r.period_start_day,
        r.start_date, r.end_date, r.unused_rule, r.rollover_cap_minutes, r.rollover_expiry_periods, r.alert_threshold_percent,
        r.renewal_notes, r.auto_issue, r.version, r.created_at, r.updated_at
        """

    static func decode(_ row: PostgresRow) throws -> Retainer {
        let currency: Currency = try row.decode("currency")
        let ruleText: String = try row.decode("unused_rule")
        let rule: RetainerTerms.UnusedRule
        switch ruleText {
        case "forfeit":
            rule = .forfeit
        case "rollover":
            rule = .rollover(
                capMinutes: try row.decode("rollover_cap_minutes"), expiryPeriods: try row.decode("rollover_expiry_periods"))
        default:
            throw PostgresError(kind: .decoding, message: "column \"unused_rule\" holds an unknown rule")
        }
        let terms: RetainerTerms
        do {
            terms = try RetainerTerms(
                monthlyFee: Money(amountMinor: try row.decode("monthly_fee_minor"), currency: currency),
                includedMinutes: try row.decode("included_minutes"),
                overageRate: try HourlyRate.stored(try row.decode("overage_rate_scaled"), currency: currency),
                periodStartDay: try row.decode("period_start_day"), startDate: try row.decode("start_date"),
                endDate: try row.decode("end_date"), unusedRule: rule,
                alertThresholdPercent: try row.decode("alert_threshold_percent"))
        } catch let error as DomainError {
            throw PostgresError(kind: .decoding, message: "a retainer row breaks the retainer rules: \(error.fieldErrors.map(\.field))")
        }
        return Retainer(
            projectID: try row.decode("project_id"), terms: terms, renewalNotes: try row.decode("renewal_notes"),
            autoIssue: try row.decode("auto_issue"), version: try row.decode("version"), createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
    }

    static let known: [String: DomainError] = [
        "retainers_pkey": .conflict("This project already has a retainer: replace it with If-Match."),
        "retainers_project_currency": .invalid(field: "monthly_fee.currency", message: "must be the project's currency"),
        "retainers_project_id_fkey": .notFound(entity: "project"),
    ]

    public func find(_ projectID: ProjectID, on db: some PostgresQueryable) async throws -> Retainer? {
        try await db.queryOptional("SELECT \(Self.columns) FROM retainers r WHERE r.project_id = \(projectID)").map(Self.decode)
    }

    /// The retainer, locked for a replace in the current transaction.
    public func findForUpdate(_ projectID: ProjectID, on db: PostgresTransaction) async throws -> Retainer? {
        try await db.queryOptional("SELECT \(Self.columns) FROM retainers r WHERE r.project_id = \(projectID) FOR UPDATE")
            .map(Self.decode)
    }

    public func insert(_ retainer: Retainer, on db: some PostgresQueryable) async throws {
        let terms = retainer.terms
        let (cap, expiry) = Self.rollover(terms.unusedRule)
        try await ConstraintErrors.mapping(Self.known) {
            try await db.execute(
                """
                INSERT INTO retainers (project_id, monthly_fee_minor, currency, included_minutes, overage_rate_scaled, period_start_day,
                                       start_date, end_date, unused_rule, rollover_cap_minutes, rollover_expiry_periods,
                                       alert_threshold_percent, renewal_notes, auto_issue, version, created_at, updated_at)
                VALUES (\(retainer.projectID), \(terms.monthlyFee.amountMinor), \(terms.monthlyFee.currency), \(terms.includedMinutes),
                        \(terms.overageRate.scaled), \(terms.periodStartDay), \(terms.startDate), \(terms.endDate),
                        \(Self.ruleName(terms.unusedRule)), \(cap), \(expiry), \(terms.alertThresholdPercent), \(retainer.renewalNotes),
                        \(retainer.autoIssue), \(retainer.version), \(retainer.createdAt), \(retainer.updatedAt))
                """)
        }
    }

    /// Replaces every field in one statement if the version still matches; false when
    /// someone replaced it first.
    public func update(_ retainer: Retainer, expectedVersion: Int, at now: Date, on db: some PostgresQueryable) async throws -> Bool {
        let terms = retainer.terms
        let (cap, expiry) = Self.rollover(terms.unusedRule)
        return try await ConstraintErrors.mapping(Self.known) {
            try await db.execute(
                """
                UPDATE retainers
                SET monthly_fee_minor = \(terms.monthlyFee.amountMinor), currency = \(terms.monthlyFee.currency),
                    included_minutes = \(terms.includedMinutes), overage_rate_scaled = \(terms.overageRate.scaled),
                    period_start_day = \(terms.periodStartDay), start_date = \(terms.startDate), end_date = \(terms.endDate),
                    unused_rule = \(Self.ruleName(terms.unusedRule)), rollover_cap_minutes = \(cap), rollover_expiry_periods = \(expiry),
                    alert_threshold_percent = \(terms.alertThresholdPercent), renewal_notes = \(retainer.renewalNotes),
                    auto_issue = \(retainer.autoIssue), version = version + 1, updated_at = \(now)
                WHERE project_id = \(retainer.projectID) AND version = \(expectedVersion)
                """) == 1
        }
    }

    /// Every retainer with its project and client names, by client then project name;
    /// only those of projects run by `teams` unless nil (every retainer).
    public func list(teams: Set<TeamID>?, on db: some PostgresQueryable) async throws -> [RetainerListing] {
        let teamIDs = teams.map { Array($0) }
        return try await db.query(
            """
            SELECT \(Self.columns), p.name AS project_name, p.code AS project_code, p.client_id, p.team_id, c.name AS client_name,
                   COALESCE((SELECT array_agg(pm.user_id) FROM project_members pm WHERE pm.project_id = p.id), '{}') AS member_ids
            FROM retainers r JOIN projects p ON p.id = r.project_id JOIN clients c ON c.id = p.client_id
            WHERE \(teamIDs)::uuid[] IS NULL OR p.team_id = ANY(\(teamIDs)::uuid[])
            ORDER BY lower(c.name), lower(p.name), p.id
            """
        ) { row in
            RetainerListing(
                retainer: try Self.decode(row),
                scope: ProjectScope(
                    id: try row.decode("project_id"), clientID: try row.decode("client_id"), teamID: try row.decode("team_id"),
                    memberIDs: Set(try row.decode("member_ids", as: [UserID].self))),
                projectName: try row.decode("project_name"), projectCode: try row.decode("project_code"),
                clientName: try row.decode("client_name"))
        }
    }

    // MARK: Overage-rate history

    /// The overage-rate history of a retainer, in its currency.
    public func overageRates(_ projectID: ProjectID, on db: some PostgresQueryable) async throws -> RateSchedule {
        try await overageRates([projectID], on: db)[projectID] ?? RateSchedule()
    }

    /// The overage-rate histories of several retainers, keyed by project (one query).
    public func overageRates(_ projectIDs: [ProjectID], on db: some PostgresQueryable) async throws -> [ProjectID: RateSchedule] {
        guard !projectIDs.isEmpty else { return [:] }
        let rows = try await db.query(
            """
            SELECT o.project_id, o.effective_from, o.rate_scaled, r.currency
            FROM retainer_overage_rates o JOIN retainers r ON r.project_id = o.project_id
            WHERE o.project_id = ANY(\(projectIDs)::uuid[])
            """
        ) { row -> (ProjectID, EffectiveRate) in
            let rate = try HourlyRate.stored(try row.decode("rate_scaled"), currency: try row.decode("currency"))
            return (try row.decode("project_id"), EffectiveRate(effectiveFrom: try row.decode("effective_from"), rate: rate))
        }
        return Dictionary(grouping: rows, by: \.0).mapValues { RateSchedule($0.map(\.1)) }
    }

    /// Records `rate` from its date on, replacing a rate recorded for the same day.
    public func recordOverageRate(_ rate: EffectiveRate, for projectID: ProjectID, on db: some PostgresQueryable) async throws {
        try await db.execute(
            """
            INSERT INTO retainer_overage_rates (project_id, effective_from, rate_scaled)
            VALUES (\(projectID), \(rate.effectiveFrom), \(rate.rate.scaled))
            ON CONFLICT (project_id, effective_from) DO UPDATE SET rate_scaled = EXCLUDED.rate_scaled, created_at = now()
            """)
    }

    /// Records `rate` from its date on and drops every change recorded after that date:
    /// the new rate is the one that holds from then on.
    public func replaceOverageRates(from rate: EffectiveRate, for projectID: ProjectID, on db: some PostgresQueryable) async throws {
        try await db.execute(
            """
            WITH superseded AS (
                DELETE FROM retainer_overage_rates WHERE project_id = \(projectID) AND effective_from > \(rate.effectiveFrom)
            )
            INSERT INTO retainer_overage_rates (project_id, effective_from, rate_scaled)
            VALUES (\(projectID), \(rate.effectiveFrom), \(rate.rate.scaled))
            ON CONFLICT (project_id, effective_from) DO UPDATE SET rate_scaled = EXCLUDED.rate_scaled, created_at = now()
            """)
    }

    static func ruleName(_ rule: RetainerTerms.UnusedRule) -> String {
        switch rule {
        case .forfeit: "forfeit"
        case .rollover: "rollover"
        }
    }

    static func rollover(_ rule: RetainerTerms.UnusedRule) -> (cap: Int?, expiry: Int?) {
        switch rule {
        case .forfeit: (nil, nil)
        case .rollover(let cap, let expiry): (cap, expiry)
        }
    }
}
