public import Domain
import Foundation
public import Postgres
import Storage

/// The dunning settings (issue 14 item 5) as one value: the reminder rules, the table of
/// late-payment rates by half-year, and the settings' version (their ETag).
public struct DunningSettings: Sendable {
    public let rules: [ReminderRule]
    public let rates: LatePaymentRates
    public let version: Int
}

/// Reads and replaces the reminder rules and the late-payment rate table (admin only;
/// each change audited with its before and after, at the settings' `If-Match` version).
public struct DunningSettingsService: Sendable {
    let pool: PostgresPool
    let store = ReminderSettingsStore()
    let settings = SettingsStore()
    let audit = AuditStore()

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func get(caller: Caller) async throws -> DunningSettings {
        try Policy.require(caller.actor, .manageSettings, .agency)
        return try await read(on: pool)
    }

    public func replaceRules(_ rules: [ReminderRule], expectedVersion: Int, caller: Caller) async throws -> DunningSettings {
        try Policy.require(caller.actor, .manageSettings, .agency)
        let problems = ReminderRule.problems(rules)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        return try await change(.reminderRulesUpdated, expectedVersion: expectedVersion, caller: caller) { tx in
            try await store.replaceRules(rules, on: tx)
        }
    }

    public func replaceRates(_ rates: LatePaymentRates, expectedVersion: Int, caller: Caller) async throws -> DunningSettings {
        try Policy.require(caller.actor, .manageSettings, .agency)
        let problems = rates.problems
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        return try await change(.latePaymentRatesUpdated, expectedVersion: expectedVersion, caller: caller) { tx in
            try await store.replaceRates(rates, on: tx)
        }
    }

    func read(on db: some PostgresQueryable) async throws -> DunningSettings {
        DunningSettings(rules: try await store.rules(on: db), rates: try await store.rates(on: db), version: try await settings.get(on: db).version)
    }

    private func change(
        _ action: AuditAction, expectedVersion: Int, caller: Caller, _ write: @Sendable (PostgresTransaction) async throws -> Void
    ) async throws -> DunningSettings {
        try await pool.withTransaction { tx in
            let locked = try await settings.getForUpdate(on: tx)
            guard locked.version == expectedVersion else { throw DomainError.versionMismatch }
            let before = try await read(on: tx)
            try await write(tx)
            let after = try await read(on: tx)
            try await audit.append(
                AuditEntry(
                    action: action, subjectType: .agencySettings, subjectID: "1", before: try SheafJSON.string(DunningSnapshot(before)),
                    after: try SheafJSON.string(DunningSnapshot(after))),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return after
        }
    }
}

/// The dunning settings as the audit trail records them.
struct DunningSnapshot: Encodable {
    struct Rule: Encodable {
        let offsetDays: Int
        let formalNotice: Bool
        let templates: [String: ReminderTemplate]
    }

    struct Rate: Encodable {
        let halfYear: String
        let rateBp: Int
    }

    let rules: [Rule]
    let rates: [Rate]

    init(_ settings: DunningSettings) {
        rules = settings.rules.map { rule in
            Rule(
                offsetDays: rule.offsetDays, formalNotice: rule.formalNotice,
                templates: Dictionary(uniqueKeysWithValues: rule.templates.map { ($0.key.rawValue, $0.value) }))
        }
        rates = settings.rates.rates.map { Rate(halfYear: $0.halfYear.description, rateBp: $0.rateBP) }
    }
}
