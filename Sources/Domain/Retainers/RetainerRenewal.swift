/// What to do at a retainer's renewal, from how its last completed periods were used
/// (SPEC §4.3 "over- and under-consumption of recent periods is reported for renewal").
///
/// Consumption is compared with the minutes a period includes by contract, without
/// rollover: renewal is about what a month should include, and rolled-over minutes
/// are last months' unused ones. Only a consistent pattern moves the suggestion:
/// every one of the last ``periodsConsidered`` periods over by at least
/// ``overThresholdPercent`` (raise the included hours to the average consumption,
/// rounded up to the hour), or every one under by at least ``underThresholdPercent``.
public struct RetainerRenewal: Hashable, Sendable {
    /// The kind of suggestion, stable for clients (`raise_included`…).
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case notEnoughHistory = "not_enough_history"
        case raiseIncluded = "raise_included"
        case lowerIncludedOrFee = "lower_included_or_fee"
        case renewAsIs = "renew_as_is"
    }

    /// How many completed periods the suggestion looks at (the most recent ones).
    public static let periodsConsidered = 3
    /// Each period at least this many percent over its included time: raise it.
    public static let overThresholdPercent = 20
    /// Each period at least this many percent under its included time: lower it.
    public static let underThresholdPercent = 30

    /// The suggestion.
    public let kind: Kind
    /// How far over (positive) or under (negative) the included time the considered
    /// periods were together, in whole percent rounded half up; `nil` without enough
    /// history or when nothing is included.
    public let deviationPercent: Int?
    /// For ``Kind/raiseIncluded``: the average consumption rounded up to the hour, in minutes.
    public let suggestedIncludedMinutes: Int?
    /// The suggestion as a sentence for people.
    public let message: String

    /// The suggestion for a retainer that includes `includedMinutes` a period, given the
    /// consumed minutes of its completed periods, oldest first (only the last
    /// ``periodsConsidered`` count).
    ///
    /// With nothing included, any consumption in every period counts as over, and none
    /// in every period as within range.
    public static func suggest(includedMinutes: Int, completedConsumption consumed: [Int]) -> RetainerRenewal {
        guard consumed.count >= periodsConsidered else {
            return RetainerRenewal(
                kind: .notEnoughHistory, deviationPercent: nil, suggestedIncludedMinutes: nil,
                message: "Not enough history yet: the suggestion needs \(periodsConsidered) completed periods.")
        }
        let recent = consumed.suffix(periodsConsidered).map { Int128(max($0, 0)) }
        let included = Int128(max(includedMinutes, 0))
        let total = recent.reduce(0, +)
        let count = Int128(recent.count)
        let deviation: Int? =
            included == 0
            ? nil
            : Int(clamping: FixedPoint.divideRoundingHalfUp((total - included * count) * 100, by: included * count))

        let allOver = recent.allSatisfy { $0 * 100 >= included * Int128(100 + overThresholdPercent) && $0 > 0 }
        if allOver {
            // Average consumption, rounded up to a whole hour.
            let hours = (total + count * 60 - 1) / (count * 60)
            let minutes = Int(clamping: hours * 60)
            let share = deviation.map { "Consistently \($0) % over the included hours" } ?? "Consistently used with nothing included"
            return RetainerRenewal(
                kind: .raiseIncluded, deviationPercent: deviation, suggestedIncludedMinutes: minutes,
                message: "\(share): raise the included hours to \(hours) h.")
        }
        let allUnder = included > 0 && recent.allSatisfy { $0 * 100 <= included * Int128(100 - underThresholdPercent) }
        if allUnder, let deviation {
            return RetainerRenewal(
                kind: .lowerIncludedOrFee, deviationPercent: deviation, suggestedIncludedMinutes: nil,
                message: "Consistently \(-deviation) % under the included hours: lower the included hours or the fee.")
        }
        return RetainerRenewal(
            kind: .renewAsIs, deviationPercent: deviation, suggestedIncludedMinutes: nil,
            message: "Consumption is within range: renew as is.")
    }

    /// The suggestion for `terms` from the ledger of its completed periods, oldest first.
    public static func suggest(_ terms: RetainerTerms, completed: [RetainerPeriodUsage]) -> RetainerRenewal {
        suggest(includedMinutes: terms.includedMinutes, completedConsumption: completed.map(\.consumedMinutes))
    }

    init(kind: Kind, deviationPercent: Int?, suggestedIncludedMinutes: Int?, message: String) {
        self.kind = kind
        self.deviationPercent = deviationPercent
        self.suggestedIncludedMinutes = suggestedIncludedMinutes
        self.message = message
    }
}

/// Whose retainers a caller may report on (SPEC §3 "see budget progress": the admin
/// every project, a manager their teams' projects); members and client contacts see a
/// retainer only on its project, never the agency-wide report.
public enum RetainerReportScope: Hashable, Sendable {
    /// The admin.
    case everything
    /// A manager: the projects of the teams they lead (possibly none).
    case teams(Set<TeamID>)

    /// The actor's scope; nil (a 403) for members, client contacts and deactivated accounts.
    public static func of(_ actor: Policy.Actor) -> RetainerReportScope? {
        guard actor.isActive else { return nil }
        switch actor.role {
        case .admin: return .everything
        case .manager: return .teams(actor.leadTeamIDs)
        case .member, .client: return nil
        }
    }

    /// The sentence of the 403 for actors without a scope.
    public static let refusal = "Your role does not allow you to read the retainer report."
}
