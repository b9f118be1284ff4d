/// Which table a billable rate came from, most specific first (SPEC §2 Rates).
/// The raw value is the stable name stored with a captured rate.
public enum RateLevel: String, Hashable, Sendable, CaseIterable, Codable {
    /// The task's own rate.
    case task
    /// The rate of this collaborator on this project.
    case projectMember = "project_member"
    /// The project's rate.
    case project
    /// The collaborator's default billable rate.
    case collaboratorDefault = "collaborator_default"
}

/// Names one effective-dated rate table of a ``RateResolver``.
public enum RateTable: Hashable, Sendable {
    /// The rates of a task.
    case task(TaskID)
    /// The rates of `user` on `project`.
    case projectMember(ProjectID, UserID)
    /// The rates of a project.
    case project(ProjectID)
    /// A collaborator's default billable rates.
    case collaboratorDefault(UserID)
    /// A collaborator's cost rates (what an hour costs the agency).
    case collaboratorCost(UserID)
}

/// A billable rate in force on a date, with the table it came from.
public struct ResolvedRate: Hashable, Sendable {
    /// The hourly rate (up to 4 decimals).
    public let rate: HourlyRate
    /// The start date of the table row that applied.
    public let effectiveFrom: LocalDate
    /// The level that supplied it.
    public let level: RateLevel

    /// Creates a resolved rate.
    public init(rate: HourlyRate, effectiveFrom: LocalDate, level: RateLevel) {
        self.rate = rate
        self.effectiveFrom = effectiveFrom
        self.level = level
    }
}

/// Resolves the billable and cost rate of an hour of work (SPEC §2 Rates, issue 4 item 3).
///
/// The billable rate is looked up most-specific first — task → project member →
/// project → collaborator default — and each level answers with the rate in force
/// on the work date (the latest `effectiveFrom <= date`). A level with no rate yet in
/// force on that date (empty, or only future rates) falls through to the next.
///
/// The resolver does not convert currencies: it returns the rate as stored. The
/// caller checks that ``HourlyRate/currency`` is the project's currency before
/// capturing it.
public struct RateResolver: Hashable, Sendable {
    /// The effective-dated tables, by the entity they belong to.
    public private(set) var tables: [RateTable: RateSchedule]

    /// A resolver over `tables` (absent tables are empty).
    public init(tables: [RateTable: RateSchedule] = [:]) {
        self.tables = tables
    }

    /// Adds a rate to `table`, replacing one that starts on the same date.
    public mutating func add(_ rate: HourlyRate, from effectiveFrom: LocalDate, to table: RateTable) {
        tables[table, default: RateSchedule()].insert(EffectiveRate(effectiveFrom: effectiveFrom, rate: rate))
    }

    /// Adds a collaborator's stored rate to their default-billable or cost table.
    public mutating func add(_ userRate: UserRate) {
        let table: RateTable =
            switch userRate.kind {
            case .billable: .collaboratorDefault(userRate.userID)
            case .cost: .collaboratorCost(userRate.userID)
            }
        add(userRate.rate, from: userRate.effectiveFrom, to: table)
    }

    /// The billable rate of `user`'s work on `task` of `project` on `date`, most
    /// specific level first; `nil` when no level has a rate in force on that date.
    /// Pass `task: nil` for work that has no task.
    public func resolveBillable(on date: LocalDate, task: TaskID?, project: ProjectID, user: UserID) -> ResolvedRate? {
        var candidates: [(RateTable, RateLevel)] = []
        if let task { candidates.append((.task(task), .task)) }
        candidates.append((.projectMember(project, user), .projectMember))
        candidates.append((.project(project), .project))
        candidates.append((.collaboratorDefault(user), .collaboratorDefault))
        for (table, level) in candidates {
            if let found = tables[table]?.inForce(on: date) {
                return ResolvedRate(rate: found.rate, effectiveFrom: found.effectiveFrom, level: level)
            }
        }
        return nil
    }

    /// The cost rate of `user` in force on `date`; `nil` when none is.
    public func resolveCost(on date: LocalDate, user: UserID) -> EffectiveRate? {
        tables[.collaboratorCost(user)]?.inForce(on: date)
    }
}
