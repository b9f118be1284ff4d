/// An effective-dated billable rate set on a project (SPEC §2 Rates): the project's
/// own rate, one member's rate on the project, or a task's rate. Its currency is the
/// project's. (The collaborator default is a ``UserRate``.)
public struct ProjectRate: Hashable, Sendable {
    /// What the rate applies to.
    public enum Target: Hashable, Sendable {
        /// Every hour of the project without a more specific rate.
        case project
        /// The hours of one member on this project.
        case member(UserID)
        /// The hours logged on one task.
        case task(TaskID)
    }

    /// The first day of "always": a task's rate given when the task is created applies
    /// to all of the task's work, whatever its date.
    public static let beginning = LocalDate(year: 1, month: 1, day: 1)!

    public let id: ID<ProjectRate>
    public let projectID: ProjectID
    public let target: Target
    /// The rate applies from this date on, until the next rate of the same target.
    public let effectiveFrom: LocalDate
    public let rate: HourlyRate

    public init(id: ID<ProjectRate>, projectID: ProjectID, target: Target, effectiveFrom: LocalDate, rate: HourlyRate) {
        self.id = id
        self.projectID = projectID
        self.target = target
        self.effectiveFrom = effectiveFrom
        self.rate = rate
    }

    /// The resolution level this rate belongs to.
    public var level: RateLevel {
        switch target {
        case .project: .project
        case .member: .projectMember
        case .task: .task
        }
    }

    /// The table of a ``RateResolver`` this rate goes into.
    public var table: RateTable {
        switch target {
        case .project: .project(projectID)
        case .member(let user): .projectMember(projectID, user)
        case .task(let task): .task(task)
        }
    }
}

extension RateResolver {
    /// Adds a project, project-member or task rate to its table.
    public mutating func add(_ projectRate: ProjectRate) {
        add(projectRate.rate, from: projectRate.effectiveFrom, to: projectRate.table)
    }
}
