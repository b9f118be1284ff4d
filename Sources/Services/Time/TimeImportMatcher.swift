import Domain
import Foundation
import Storage

/// Matches the neutral rows of an import file to Sheaf's people, projects and tasks:
/// people by email or else by name among active staff, projects by code or else by
/// name, tasks by name within the project. Each failure is a sentence for the report.
struct TimeImportMatcher {
    /// Why a row cannot be imported.
    struct Refusal: Error {
        let reason: String
    }

    private let staffByEmail: [String: StaffMember]
    private let staffByName: [String: [StaffMember]]
    private let projectsByCode: [String: LoggingProject]
    private let projectsByName: [String: [LoggingProject]]
    private let tasksByProject: [ProjectID: [LoggingTarget.Task]]

    init(staff: [StaffMember], projects: [LoggingProject], tasks: [LoggingTarget.Task]) {
        staffByEmail = Dictionary(staff.map { (Email.normalize($0.email), $0) }, uniquingKeysWith: { first, _ in first })
        staffByName = Dictionary(grouping: staff) { Self.key($0.name) }
        projectsByCode = Dictionary(projects.map { (Self.key($0.code), $0) }, uniquingKeysWith: { first, _ in first })
        projectsByName = Dictionary(grouping: projects) { Self.key($0.name) }
        tasksByProject = Dictionary(grouping: tasks, by: \.projectID)
    }

    /// Lowercased, with runs of whitespace as one space.
    static func key(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func person(_ row: ImportedTimeRow) throws(Refusal) -> StaffMember {
        if let email = row.personEmail, let found = staffByEmail[Email.normalize(email)] { return found }
        if let name = row.personName {
            let found = staffByName[Self.key(name)] ?? []
            if found.count == 1 { return found[0] }
            if found.count > 1 { throw Refusal(reason: "Several active collaborators are named \(name); give their email instead.") }
        }
        let named = [row.personEmail.map { "the email \($0)" }, row.personName.map { "the name \($0)" }].compactMap { $0 }
        throw Refusal(reason: "No active collaborator has \(named.joined(separator: " or ")).")
    }

    func project(_ row: ImportedTimeRow) throws(Refusal) -> LoggingProject {
        if let code = row.projectCode, let found = projectsByCode[Self.key(code)] { return found }
        if let name = row.projectName {
            let found = projectsByName[Self.key(name)] ?? []
            if found.count == 1 { return found[0] }
            if found.count > 1 { throw Refusal(reason: "Several projects are named \(name); give the project code instead.") }
        }
        let named = [row.projectCode.map { "the code \($0)" }, row.projectName.map { "the name \($0)" }].compactMap { $0 }
        throw Refusal(reason: "No project has \(named.joined(separator: " or ")).")
    }

    /// The task named in the row; with no task named, the project's task named
    /// `defaultTask`, else the project's only open task.
    func task(_ row: ImportedTimeRow, of project: LoggingProject, defaultTask: String? = nil) throws(Refusal) -> LoggingTarget.Task {
        let tasks = tasksByProject[project.scope.id] ?? []
        if let name = row.taskName ?? defaultTask {
            guard let found = tasks.first(where: { Self.key($0.name) == Self.key(name) }) else {
                throw Refusal(reason: "The project \(project.name) has no task named \(name).")
            }
            return found
        }
        let open = tasks.filter { !$0.archived }
        guard open.count == 1 else {
            let names = open.map(\.name).joined(separator: ", ")
            throw Refusal(reason: "No task given; choose one of the tasks of the project \(project.name): \(names.isEmpty ? "(none)" : names).")
        }
        return open[0]
    }

    /// A domain error as a sentence of the report.
    static func reason(_ error: DomainError) -> String {
        let fields = error.fieldErrors
        return fields.isEmpty ? error.message : fields.map(\.message).joined(separator: "; ")
    }
}
