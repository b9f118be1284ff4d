import Foundation

/// What time is logged against — a project and one of its tasks — with the facts the
/// logging rules need (SPEC §2 Time entry, issue 4 item 4), loaded by the service.
public struct LoggingTarget: Hashable, Sendable {
    /// A task as the logging rules see it.
    public struct Task: Hashable, Sendable {
        public let id: TaskID
        /// The project the task belongs to (it may differ from the target's project
        /// when a caller names a task of another project).
        public let projectID: ProjectID
        public let name: String
        public let billable: Bool
        public let archived: Bool

        public init(id: TaskID, projectID: ProjectID, name: String, billable: Bool, archived: Bool) {
            self.id = id
            self.projectID = projectID
            self.name = name
            self.billable = billable
            self.archived = archived
        }
    }

    public let project: ProjectScope
    public let projectName: String
    /// The project's status as stored (`active`, `on_hold`, `closed`).
    public let projectStatus: ProjectStatus
    /// The project's currency (the client's), in which its rates are expressed.
    public let currency: Currency
    /// The named task; nil when it does not exist.
    public let task: Task?

    public init(project: ProjectScope, projectName: String, projectStatus: ProjectStatus, currency: Currency, task: Task?) {
        self.project = project
        self.projectName = projectName
        self.projectStatus = projectStatus
        self.currency = currency
        self.task = task
    }

    /// Checks that `author` may log time here and decides whether it is billable:
    /// the project is active, the author is one of its members, the task belongs to
    /// it and is not archived, and the time is billable only if the task is.
    ///
    /// - Parameter requestedBillable: what the caller asked for; `nil` takes the task's flag.
    /// - Returns: whether the time is billable.
    /// - Throws: ``DomainError/invalid(_:)`` on `project_id`, `task_id` or `billable`,
    ///   ``DomainError/forbidden(_:)`` when the author is not a member of the project.
    public func check(author: UserID, requestedBillable: Bool?) throws(DomainError) -> Bool {
        guard projectStatus == .active else {
            let state = projectStatus.rawValue.replacingOccurrences(of: "_", with: " ")
            throw .invalid(
                field: "project_id", message: "The project \(projectName) is \(state); time can only be logged on active projects.")
        }
        guard project.memberIDs.contains(author) else {
            throw .forbidden("Only members of the project \(projectName) can log time on it; ask its manager to add you.")
        }
        guard let task, task.projectID == project.id else {
            throw .invalid(field: "task_id", message: "is not a task of the project \(projectName)")
        }
        guard !task.archived else {
            throw .invalid(field: "task_id", message: "The task \(task.name) is archived; choose another task.")
        }
        if requestedBillable == true, !task.billable {
            throw .invalid(field: "billable", message: "The task \(task.name) is not billable, so its time cannot be billable.")
        }
        return requestedBillable ?? task.billable
    }
}
