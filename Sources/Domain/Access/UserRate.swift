/// An effective-dated cost or billable rate of a collaborator (SPEC §2 Rates).
public struct UserRate: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// What an hour costs the agency.
        case cost
        /// The default price of an hour to clients.
        case billable
    }

    public let id: ID<UserRate>
    public let userID: UserID
    public let kind: Kind
    /// The rate applies from this date on, until the next rate of the same kind.
    public let effectiveFrom: LocalDate
    public let rate: HourlyRate

    public init(id: ID<UserRate>, userID: UserID, kind: Kind, effectiveFrom: LocalDate, rate: HourlyRate) {
        self.id = id
        self.userID = userID
        self.kind = kind
        self.effectiveFrom = effectiveFrom
        self.rate = rate
    }

    /// The rate of `kind` in force on `date`: the latest one that started on or before it.
    public static func inForce(_ rates: [UserRate], kind: Kind, on date: LocalDate) -> UserRate? {
        rates.filter { $0.kind == kind && $0.effectiveFrom <= date }.max { $0.effectiveFrom < $1.effectiveFrom }
    }
}
