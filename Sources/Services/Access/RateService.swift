public import Domain
import Foundation
public import Postgres
import Storage

/// A rate an admin sets for a collaborator: the rate is decimal text (up to 4
/// decimals); the currency defaults to the agency's.
public struct NewUserRate: Sendable {
    public var kind: UserRate.Kind
    public var effectiveFrom: LocalDate
    public var rate: String
    public var currency: String?

    public init(kind: UserRate.Kind, effectiveFrom: LocalDate, rate: String, currency: String? = nil) {
        self.kind = kind
        self.effectiveFrom = effectiveFrom
        self.rate = rate
        self.currency = currency
    }
}

/// Effective-dated cost and billable rates of collaborators (SPEC §2 Rates). Cost rates
/// are admin-only (SPEC §3), and so is the whole rate history.
public struct RateService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let rates = RateStore()
    let users = UserStore()
    let settings = SettingsStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock) {
        self.pool = pool
        self.clock = clock
    }

    /// Every rate of a user, by kind, oldest first.
    public func list(userID: UserID, caller: Caller) async throws -> [UserRate] {
        try Policy.require(caller.actor, .seeCostRates, .user(userID))
        guard try await users.find(userID, on: pool) != nil else { throw DomainError.notFound(entity: "user") }
        return try await rates.list(userID: userID, on: pool)
    }

    /// One rate of a user.
    public func get(_ id: ID<UserRate>, userID: UserID, caller: Caller) async throws -> UserRate {
        try Policy.require(caller.actor, .seeCostRates, .user(userID))
        guard let rate = try await rates.find(id, userID: userID, on: pool) else { throw DomainError.notFound(entity: "rate") }
        return rate
    }

    /// Adds a rate from a date on. A rate never rewrites past work: a change is a new
    /// rate with a later date; a second rate of the same kind on the same date is a 409.
    public func create(_ new: NewUserRate, userID: UserID, caller: Caller) async throws -> UserRate {
        try Policy.require(caller.actor, .manageRates, .user(userID))
        var validation = Validation()
        let currency = try new.currency.flatMap { code in try validation.collect { () throws(DomainError) in try Currency(code) } }
        // The scale (4 decimals) does not depend on the currency, so the text is checked
        // before the currency is known; the rate is rebuilt with the right one below.
        let parsed = try validation.collect { () throws(DomainError) in try HourlyRate(parsing: new.rate, currency: currency ?? .eur) }
        try validation.throwIfInvalid()
        guard let parsed else { throw DomainError.invalid(field: "rate", message: "Enter a number such as 87.50.") }

        return try await pool.withTransaction { tx in
            guard let user = try await users.find(userID, on: tx) else { throw DomainError.notFound(entity: "user") }
            guard user.role.isStaff else { throw DomainError.conflict("Client contacts have no cost or billable rates.") }
            let resolvedCurrency: Currency
            if let currency { resolvedCurrency = currency } else { resolvedCurrency = try await settings.get(on: tx).defaultCurrency }
            let rate = UserRate(
                id: .random(), userID: userID, kind: new.kind, effectiveFrom: new.effectiveFrom,
                rate: try HourlyRate(scaled: parsed.scaled, currency: resolvedCurrency))
            try await rates.insert(rate, createdBy: caller.user.id, on: tx)
            try await audit.append(
                AuditEntry(action: .userRateCreated, subjectType: .userRate, subjectID: rate.id.description, after: try AuditJSON.rate(rate)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return rate
        }
    }
}
