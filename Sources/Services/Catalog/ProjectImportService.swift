public import Domain
public import Foundation
public import Postgres
import Storage

/// How to run a projects import (issue 16 item 2).
public struct ProjectImportOptions: Sendable {
    public var mapping: ProjectImportMapping
    public var numbers: NumberStyle
    /// The team that runs the projects the import creates.
    public var teamID: TeamID
    /// The client of every row when the mapping has no client column.
    public var clientID: ClientID?
    /// Report what would happen and write nothing.
    public var dryRun: Bool

    public init(mapping: ProjectImportMapping, numbers: NumberStyle, teamID: TeamID, clientID: ClientID?, dryRun: Bool) {
        self.mapping = mapping
        self.numbers = numbers
        self.teamID = teamID
        self.clientID = clientID
        self.dryRun = dryRun
    }
}

/// What a projects import did (or, in a dry run, would do).
public struct ProjectImportReport: Sendable {
    public struct Item: Sendable {
        public let row: Int
        public let projectID: ProjectID
        public let projectName: String
        public let code: String
        public let created: Bool
    }

    public struct TaskItem: Sendable {
        public let row: Int
        public let projectID: ProjectID
        public let taskID: TaskID
        public let name: String
        public let created: Bool
    }

    public let dryRun: Bool
    public let rows: Int
    /// Each project the file names, once, with the first row naming it.
    public let projects: [Item]
    public let tasks: [TaskItem]
}

/// Imports projects and tasks from a spreadsheet through a column mapping: all or
/// nothing, admin only. A project the agency already has (same client and name, or
/// same code) is reused and a task it already has is left alone, so importing the same
/// file twice creates nothing the second time. Any problem — a cell that does not
/// read, an unknown client, a code taken by another client's project — fails the whole
/// import with every problem, each naming its row and column.
public struct ProjectImportService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let projects = ProjectStore()
    let clients = ClientStore()
    let teams = TeamStore()
    let tasks = TaskStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock) {
        self.pool = pool
        self.clock = clock
    }

    /// Imports the projects and tasks of `file` (CSV, or XLSX when `isWorkbook`).
    public func importProjects(_ file: Data, isWorkbook: Bool, options: ProjectImportOptions, caller: Caller) async throws
        -> ProjectImportReport
    {
        try Policy.require(caller.actor, .moveAgencyData, .agency)
        let table = try ImportTable.read(file, isWorkbook: isWorkbook)
        // A workbook's number cells arrive as plain decimals (`1234.5`) whatever the
        // locale of the person who typed them: reading them in the file's locale would
        // turn 1.5 into 15.
        let parsed = ProjectImportParser.parse(table, mapping: options.mapping, numbers: isWorkbook ? .decimalPoint : options.numbers)
        var problems = parsed.problems
        let rowCount = table.records.filter { !$0.fields.allSatisfy { CatalogText.trimmed($0).isEmpty } }.count
        let now = clock.now()
        return try await pool.withTransaction { tx in
            guard try await teams.find(options.teamID, on: tx) != nil else { throw DomainError.invalid(field: "team_id", message: "is not a known team") }
            var defaultClient: Client?
            if let id = options.clientID {
                defaultClient = try await clients.find(id, on: tx)
                if defaultClient == nil { throw DomainError.invalid(field: "client_id", message: "is not a known client") }
            }
            let named = try await clients.named(parsed.rows.compactMap(\.client), on: tx)
            let clientByName = Dictionary(named.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
            let existing = try await projects.matching(
                clients: named.map(\.id) + (defaultClient.map { [$0.id] } ?? []), names: parsed.rows.map(\.name),
                codes: parsed.rows.compactMap(\.code), on: tx)

            var planned: [String: Project] = [:]  // by client id + lowercased name
            var items: [ProjectImportReport.Item] = []
            var taskItems: [ProjectImportReport.TaskItem] = []
            var newProjects: [Project] = []
            var newTasks: [ProjectTask] = []
            var knownTasks: [ProjectID: [ProjectTask]] = [:]
            for row in parsed.rows {
                let clientColumn = options.mapping.client
                guard let client = row.client.map({ clientByName[$0.lowercased()] }) ?? defaultClient else {
                    problems.append(
                        ImportCellProblem(
                            row: row.row, column: clientColumn,
                            message: row.client.map { "No client is called \($0); create it first." } ?? "No client: map a column or give client_id."))
                    continue
                }
                guard !client.isArchived else {
                    problems.append(ImportCellProblem(row: row.row, column: clientColumn, message: "The client \(client.name) is archived."))
                    continue
                }
                let key = "\(client.id)|\(row.name.lowercased())"
                var project = planned[key]
                if project == nil {
                    if let match = existing.first(where: { matches($0, row, client: client) }) {
                        guard match.clientID == client.id else {
                            problems.append(
                                ImportCellProblem(
                                    row: row.row, column: options.mapping.code, message: "The code \(match.code) belongs to another client's project."))
                            continue
                        }
                        project = match
                        items.append(.init(row: row.row, projectID: match.id, projectName: match.name, code: match.code, created: false))
                    } else {
                        let created = try newProject(row, client: client, teamID: options.teamID, now: now, problems: &problems)
                        guard let created else { continue }
                        project = created
                        newProjects.append(created)
                        items.append(.init(row: row.row, projectID: created.id, projectName: created.name, code: created.code, created: true))
                    }
                    planned[key] = project
                }
                guard let project, let taskName = row.task else { continue }
                if knownTasks[project.id] == nil {
                    let isNew = newProjects.contains { $0.id == project.id }
                    knownTasks[project.id] = isNew ? [] : try await tasks.list(projectID: project.id, on: tx)
                }
                if let known = knownTasks[project.id]?.first(where: { $0.name.lowercased() == taskName.lowercased() }) {
                    let isNew = newTasks.contains { $0.id == known.id }
                    if !isNew { taskItems.append(.init(row: row.row, projectID: project.id, taskID: known.id, name: known.name, created: false)) }
                    continue
                }
                let task = ProjectTask(
                    id: .random(), projectID: project.id, name: taskName, isBillable: row.taskBillable ?? true,
                    estimatedMinutes: row.taskEstimateMinutes, isArchived: false, version: 1, createdAt: now, vatRateBP: nil)
                for problem in task.problems {
                    problems.append(ImportCellProblem(row: row.row, column: options.mapping.task, message: "\(problem.field) \(problem.message)"))
                }
                knownTasks[project.id, default: []].append(task)
                newTasks.append(task)
                taskItems.append(.init(row: row.row, projectID: project.id, taskID: task.id, name: task.name, created: true))
            }
            guard problems.isEmpty else {
                problems.sort { ($0.row, $0.column ?? "") < ($1.row, $1.column ?? "") }
                throw DomainError.invalid(problems.map { FieldError(field: Self.field($0), message: $0.message) })
            }
            if !options.dryRun {
                for project in newProjects {
                    try await projects.insert(project, on: tx)
                    try await audit.append(
                        AuditEntry(
                            action: .projectCreated, subjectType: .project, subjectID: project.id.description,
                            after: try AuditJSON.project(project)),
                        actor: caller.user.id, origin: caller.origin, on: tx)
                }
                for task in newTasks {
                    try await tasks.insert(task, on: tx)
                    try await audit.append(
                        AuditEntry(action: .taskCreated, subjectType: .task, subjectID: task.id.description, after: try AuditJSON.task(task)),
                        actor: caller.user.id, origin: caller.origin, on: tx)
                }
            }
            return ProjectImportReport(dryRun: options.dryRun, rows: rowCount, projects: items, tasks: taskItems)
        }
    }

    /// `rows[3].Budget (h)`: where a problem is, as the field of a problem+json error.
    static func field(_ problem: ImportCellProblem) -> String {
        "rows[\(problem.row)]" + (problem.column.map { ".\($0)" } ?? "")
    }

    private func matches(_ project: Project, _ row: ProjectImportRow, client: Client) -> Bool {
        if let code = row.code { return project.code.lowercased() == code.lowercased() }
        return project.clientID == client.id && project.name.lowercased() == row.name.lowercased()
    }

    /// The project a row creates, or nil after recording its problems.
    private func newProject(
        _ row: ProjectImportRow, client: Client, teamID: TeamID, now: Date, problems: inout [ImportCellProblem]
    ) throws -> Project? {
        var budgetAmount: Money?
        if let text = row.budgetAmount {
            do throws(DomainError) {
                budgetAmount = Money(amountMinor: try FixedPoint.parse(text, scale: client.currency.minorUnitDigits), currency: client.currency)
            } catch {
                problems.append(ImportCellProblem(row: row.row, column: nil, message: "The budget amount \(text) has too many decimals for \(client.currency.code)."))
                return nil
            }
        }
        let project = Project(
            id: .random(), clientID: client.id, teamID: teamID, name: row.name, code: row.code ?? Self.code(for: row.name),
            status: row.status ?? .active, billingModel: row.billingModel ?? .timeAndMaterials, currency: client.currency,
            budgetMinutes: row.budgetMinutes, budgetAmount: budgetAmount, requiresClientValidation: false, version: 1, createdAt: now)
        let found = project.problems.map { ImportCellProblem(row: row.row, column: nil, message: "\($0.field) \($0.message)") }
        problems += found
        return found.isEmpty ? project : nil
    }

    /// A code for a project whose file has none: the name's letters and digits (up to
    /// 20, upper case) and four random hex digits, `WEBSITERELAUNCH-3F9A`.
    static func code(for name: String) -> String {
        let letters = name.uppercased().unicodeScalars.filter { $0.isASCII && CharacterSet.alphanumerics.contains($0) }.prefix(20)
        let stem = letters.isEmpty ? "P" : String(String.UnicodeScalarView(letters))
        return stem + "-" + String(UUID().uuidString.prefix(4))
    }
}
