public import Domain
public import Postgres

/// SQL for `user_rates`: effective-dated cost and billable rates of collaborators.
/// A second rate of the same kind from the same day becomes `DomainError.conflict`.
public struct RateStore: Sendable {
    public init() {}

    static let columns: SQL = "r.id, r.user_id, r.kind, r.effective_from, r.rate_scaled, r.currency"

    static func decode(_ row: PostgresRow) throws -> UserRate {
        let currency: Currency = try row.decode("currency")
        let scaled: Int64 = try row.decode("rate_scaled")
        let rate: HourlyRate
        do {
            rate = try HourlyRate(scaled: scaled, currency: currency)
        } catch {
            throw PostgresError(kind: .decoding, message: "column \"rate_scaled\" holds a negative rate")
        }
        return UserRate(
            id: try row.decode("id"), userID: try row.decode("user_id"), kind: try row.decode("kind"),
            effectiveFrom: try row.decode("effective_from"), rate: rate)
    }

    public func insert(_ rate: UserRate, createdBy: UserID?, on db: some PostgresQueryable) async throws {
        let duplicate = DomainError.conflict("This user already has a \(rate.kind.rawValue) rate effective from \(rate.effectiveFrom).")
        try await ConstraintErrors.mapping(["user_rates_one_per_day": duplicate], others: .rethrown) {
            try await db.execute(
                """
                INSERT INTO user_rates (id, user_id, kind, effective_from, rate_scaled, currency, created_by)
                VALUES (\(rate.id), \(rate.userID), \(rate.kind), \(rate.effectiveFrom), \(rate.rate.scaled), \(rate.rate.currency),
                        \(createdBy))
                """)
        }
    }

    /// Every rate of a user, by kind, then oldest first.
    public func list(userID: UserID, on db: some PostgresQueryable) async throws -> [UserRate] {
        try await db.query(
            "SELECT \(Self.columns) FROM user_rates r WHERE r.user_id = \(userID) ORDER BY r.kind, r.effective_from, r.id",
            Self.decode)
    }

    /// One rate of a user; nil when it does not exist or belongs to someone else.
    public func find(_ id: ID<UserRate>, userID: UserID, on db: some PostgresQueryable) async throws -> UserRate? {
        try await db.queryOptional("SELECT \(Self.columns) FROM user_rates r WHERE r.id = \(id) AND r.user_id = \(userID)")
            .map(Self.decode)
    }
}
