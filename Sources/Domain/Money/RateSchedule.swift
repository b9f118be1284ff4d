/// One rate of an effective-dated table: it applies from `effectiveFrom` on,
/// until the next rate of the same table starts (SPEC §2 Rates).
public struct EffectiveRate: Hashable, Sendable {
    /// The first day on which the rate applies.
    public let effectiveFrom: LocalDate
    /// The rate.
    public let rate: HourlyRate

    /// Creates an effective-dated rate.
    public init(effectiveFrom: LocalDate, rate: HourlyRate) {
        self.effectiveFrom = effectiveFrom
        self.rate = rate
    }
}

/// An effective-dated rate table: the rates of one level (a task, a project member,
/// a project, a collaborator's default or cost rate), ordered by start date.
///
/// A rate change never rewrites the past: work on a date is priced with the rate
/// in force on that date, the latest one with `effectiveFrom <= date`.
public struct RateSchedule: Hashable, Sendable {
    /// The rates, ordered by ``EffectiveRate/effectiveFrom``, at most one per date.
    public private(set) var rates: [EffectiveRate]

    /// An empty table.
    public init() {
        rates = []
    }

    /// A table of `rates` in any order. When two rates start on the same date the
    /// later one in `rates` wins (the store keeps one per date anyway).
    public init(_ rates: some Sequence<EffectiveRate>) {
        self.rates = []
        for rate in rates { insert(rate) }
    }

    /// Adds `rate`, replacing any rate that starts on the same date.
    public mutating func insert(_ rate: EffectiveRate) {
        let index = rates.firstIndex { $0.effectiveFrom >= rate.effectiveFrom } ?? rates.endIndex
        if index < rates.endIndex, rates[index].effectiveFrom == rate.effectiveFrom {
            rates[index] = rate
        } else {
            rates.insert(rate, at: index)
        }
    }

    /// The rate in force on `date`: the latest that started on or before it;
    /// `nil` when the table is empty or every rate starts later.
    public func inForce(on date: LocalDate) -> EffectiveRate? {
        rates.last { $0.effectiveFrom <= date }
    }

    /// Whether the table holds no rate at all.
    public var isEmpty: Bool { rates.isEmpty }
}
