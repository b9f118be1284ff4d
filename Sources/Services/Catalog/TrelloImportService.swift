public import Domain
public import Foundation
public import Postgres
import Storage

/// How to run a Trello import (issue 16 item 1).
public struct TrelloImportOptions: Sendable {
    public enum Target: Sendable {
        /// Into this existing project.
        case project(ProjectID)
        /// Into the project an earlier import of the board made, else a new one for this
        /// client and team (named `name`, or the board's name).
        case new(clientID: ClientID, teamID: TeamID, name: String?)
    }

    public var target: Target
    public var lists: TrelloListMapping
    public var includeArchived: Bool
    public var dryRun: Bool

    public init(target: Target, lists: TrelloListMapping, includeArchived: Bool, dryRun: Bool) {
        self.target = target
        self.lists = lists
        self.includeArchived = includeArchived
        self.dryRun = dryRun
    }
}

/// What a Trello import did (or, in a dry run, would do).
public struct TrelloImportReport: Sendable {
    public enum Outcome: String, Sendable {
        /// A new task.
        case created
        /// A task of the same name made by hand, now linked to its card.
        case linked
        /// The task an earlier import of this card made, left as it is.
        case unchanged
    }

    public struct Item: Sendable {
        public let plan: TrelloImportPlan.Task
        public let taskID: TaskID
        public let name: String
        public let outcome: Outcome
    }

    public let dryRun: Bool
    public let project: Project
    public let projectCreated: Bool
    public let tasks: [Item]
    public let skippedArchived: Int
    public let unmatched: [TrelloImportPlan.UnmatchedMember]
}

/// Imports a Trello board's JSON export as a project's tasks: all or nothing, admin
/// only. The board's and cards' Trello ids are kept, so importing the board again
/// creates nothing twice; a task of the same name the project already has is linked
/// to its card rather than duplicated.
public struct TrelloImportService: Sendable {
    static let source = "trello"
    let pool: PostgresPool
    let clock: any WallClock
    let projects = ProjectStore()
    let clients = ClientStore()
    let teams = TeamStore()
    let tasks = TaskStore()
    let users = UserStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock) {
        self.pool = pool
        self.clock = clock
    }

    public func importBoard(_ file: Data, options: TrelloImportOptions, caller: Caller) async throws -> TrelloImportReport {
        try Policy.require(caller.actor, .moveAgencyData, .agency)
        let board = try TrelloBoard.read(file)
        let now = clock.now()
        return try await pool.withTransaction { tx in
            let people = try await users.list(UserQuery(active: true, limit: 100_000), on: tx).filter { $0.role != .client }
            let plan = try TrelloImportPlan(
                board: board, lists: options.lists, includeArchived: options.includeArchived,
                collaborators: people.map { TrelloCollaborator(id: $0.id, name: $0.name, email: $0.email) })
            let (project, projectCreated) = try await target(options.target, board: board, now: now, on: tx)
            let linked = projectCreated ? [:] : try await tasks.external(projectID: project.id, source: Self.source, on: tx)
            let existing = projectCreated ? [] : try await tasks.list(projectID: project.id, on: tx)
            var byName = Dictionary(existing.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
            let linkedIDs = Set(linked.values.map(\.id))
            var items: [TrelloImportReport.Item] = []
            var writes: [() async throws -> Void] = []
            for planned in plan.tasks {
                let details = ImportedTaskDetails(
                    externalSource: Self.source, externalID: planned.externalID, description: planned.description, dueOn: planned.dueOn,
                    tags: planned.tags, status: planned.status)
                if let task = linked[planned.externalID] {
                    items.append(.init(plan: planned, taskID: task.id, name: task.name, outcome: .unchanged))
                } else if let task = byName[planned.name.lowercased()], !linkedIDs.contains(task.id) {
                    items.append(.init(plan: planned, taskID: task.id, name: task.name, outcome: .linked))
                    byName[planned.name.lowercased()] = nil
                    writes.append { try await tasks.link(task.id, details: details, assignees: planned.assignees, on: tx) }
                } else {
                    var name = planned.name
                    var number = 2
                    while byName[name.lowercased()] != nil {
                        name = String(planned.name.prefix(TrelloImportPlan.nameLimit - 8)) + " (\(number))"
                        number += 1
                    }
                    let task = ProjectTask(
                        id: .random(), projectID: project.id, name: name, isBillable: true, estimatedMinutes: nil, isArchived: false,
                        version: 1, createdAt: now, vatRateBP: nil)
                    byName[name.lowercased()] = task
                    items.append(.init(plan: planned, taskID: task.id, name: name, outcome: .created))
                    writes.append {
                        try await tasks.insert(task, details: details, assignees: planned.assignees, on: tx)
                        try await audit.append(
                            AuditEntry(action: .taskCreated, subjectType: .task, subjectID: task.id.description, after: try AuditJSON.task(task)),
                            actor: caller.user.id, origin: caller.origin, on: tx)
                    }
                }
            }
            if !options.dryRun {
                if projectCreated {
                    try await projects.insert(project, on: tx)
                    try await projects.setExternal(project.id, source: Self.source, id: board.id, on: tx)
                    try await audit.append(
                        AuditEntry(
                            action: .projectCreated, subjectType: .project, subjectID: project.id.description, after: try AuditJSON.project(project)),
                        actor: caller.user.id, origin: caller.origin, on: tx)
                }
                for write in writes { try await write() }
            }
            return TrelloImportReport(
                dryRun: options.dryRun, project: project, projectCreated: projectCreated, tasks: items, skippedArchived: plan.skippedArchived,
                unmatched: plan.unmatched)
        }
    }

    /// The project the board goes into, and whether the import makes it.
    private func target(_ target: TrelloImportOptions.Target, board: TrelloBoard, now: Date, on tx: PostgresTransaction) async throws -> (Project, Bool) {
        switch target {
        case .project(let id):
            guard let project = try await projects.find(id, on: tx) else { throw DomainError.invalid(field: "project_id", message: "is not a known project") }
            return (project, false)
        case .new(let clientID, let teamID, let name):
            if let project = try await projects.external(source: Self.source, id: board.id, on: tx) { return (project, false) }
            guard let client = try await clients.find(clientID, on: tx) else { throw DomainError.invalid(field: "client_id", message: "is not a known client") }
            guard !client.isArchived else { throw DomainError.invalid(field: "client_id", message: "is archived") }
            guard try await teams.find(teamID, on: tx) != nil else { throw DomainError.invalid(field: "team_id", message: "is not a known team") }
            let title = TrelloImportPlan.limited(TrelloImportPlan.trimmed(name ?? board.name), TrelloImportPlan.nameLimit)
            let project = Project(
                id: .random(), clientID: client.id, teamID: teamID, name: title.isEmpty ? "Trello board" : title,
                code: ProjectImportService.code(for: title), status: .active, billingModel: .timeAndMaterials, currency: client.currency,
                requiresClientValidation: false, version: 1, createdAt: now)
            let problems = project.problems
            guard problems.isEmpty else { throw DomainError.invalid(problems.map { FieldError(field: "name", message: "\($0.field) \($0.message)") }) }
            return (project, true)
        }
    }
}
