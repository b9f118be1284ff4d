import Domain
import Foundation
import Hummingbird
import Services

/// "My week" (issue 19 item 2): the week's grid, saving it, editing or deleting one
/// entry, and submitting the week. Every action is a `TimeEntryService` call, the same
/// as `/api/v1/time-entries` and `/api/v1/timesheets/submit`.
struct WeekController {
    let time: TimeEntryService
    let projects: ProjectService
    let clock: any WallClock
    let session: ConsoleSession

    func register(on app: RouterGroup<AuthenticatedContext>) {
        app.get("/app/week", use: show)
        app.post("/app/week", use: save)
        app.post("/app/week/entries/{id}", use: editEntry)
        app.post("/app/week/submit", use: submit)
    }

    /// The week containing `date` (today by default).
    func week(_ text: String?) throws -> ClosedRange<LocalDate> {
        let day = try text.map { try LocalDate.parse($0, field: "date") } ?? LocalDate.of(clock.now())
        return try LocalDate.weekContaining(day)
    }

    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var query = QueryReader(request)
        let dateText = query.text("date", maxLength: 32)
        try query.throwIfInvalid()
        // The same rule as submitting: a week is the caller's own (client contacts have none).
        try Policy.require(caller.actor, .submitOwnWeek, .user(caller.user.id))
        let week = try week(dateText)
        var filter = TimeEntryQuery()
        filter.userID = caller.user.id
        filter.from = week.lowerBound
        filter.to = week.upperBound
        filter.limit = 500
        let entries = try await time.list(filter, caller: caller)
        let catalog = try await loggableTasks(caller)
        var tasks: [TaskID: (project: Project, task: ProjectTask)] = [:]
        for pair in catalog.all { tasks[pair.task.id] = pair }
        let console = ConsoleRequest(request, caller: caller, session: session)
        let view = try WeekPageView(week: week, entries: entries, tasks: tasks, loggable: catalog.loggable, language: console.language)
        return try console.render("console-week", titleKey: "week_title", section: "week", page: view, extraTitle: view.weekLabel)
    }

    /// The tasks of the projects the caller sees (to name their entries), and those they
    /// may log time on now (`Policy` `.logOwnTime` on an active project, task not archived).
    func loggableTasks(_ caller: Caller) async throws -> (all: [(project: Project, task: ProjectTask)], loggable: [(project: Project, task: ProjectTask)]) {
        let visible = try await projects.list(ProjectQuery(limit: 200), caller: caller)
        var all: [(project: Project, task: ProjectTask)] = []
        var loggable: [(project: Project, task: ProjectTask)] = []
        for project in visible {
            for task in try await projects.tasks(of: project.id, caller: caller) {
                all.append((project, task))
                if project.status == .active, !task.isArchived, Policy.can(caller.actor, .logOwnTime, .project(project.scope)) {
                    loggable.append((project, task))
                }
            }
        }
        return (all, loggable)
    }

    /// Saves the grid: a cell with hours and no entry creates one; a cell of one open
    /// entry whose hours changed updates it; a cleared cell deletes its entry. Each
    /// change is its own service call; the first refusal stops and is shown.
    @Sendable func save(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let form = try await session.postedForm(request, context: context)
        let week = try week(form["week"])
        let back = "/app/week?date=\(week.lowerBound)"
        let language = ConsoleSession.language(request)
        return try await ConsoleRequest.perform(success: back, failure: back) {
            for (name, value) in form.fields.sorted(by: { $0.key < $1.key }) where name.hasPrefix("h.") {
                let parts = name.split(separator: ".")
                guard parts.count == 4, let project = ProjectID(uuidString: String(parts[1])), let task = TaskID(uuidString: String(parts[2])),
                    let date = LocalDate(iso: parts[3]), week.contains(date)
                else { throw DomainError.invalid(field: "grid", message: "holds a cell that is not of this week") }
                let minutes = try WeekPageView.minutes(value, field: "hours (\(date))") ?? 0
                if let existing = form["e.\(parts[1]).\(parts[2]).\(parts[3])"], !existing.isEmpty {
                    let known = existing.split(separator: ":")
                    guard known.count == 3, let id = TimeEntryID(uuidString: String(known[0])), let version = Int(known[1]),
                        let before = Int(known[2])
                    else { throw DomainError.invalid(field: "grid", message: "holds an unknown entry") }
                    if minutes == 0 {
                        try await time.delete(id, expectedVersion: version, caller: caller)
                    } else if minutes != before {
                        _ = try await time.update(id, changes: TimeEntryChanges(minutes: minutes), expectedVersion: version, caller: caller)
                    }
                } else if minutes > 0 {
                    _ = try await time.create(TimeEntryDraft(projectID: project, taskID: task, workDate: date, minutes: minutes), caller: caller)
                }
            }
            // The new row: a task and hours on some days, with one note.
            let newCells = form.fields.filter { $0.key.hasPrefix("new.") && !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
            if !newCells.isEmpty {
                let (project, task) = try Self.pickedTask(form["new_task"], language: language)
                for (name, value) in newCells.sorted(by: { $0.key < $1.key }) {
                    guard let date = LocalDate(iso: name.dropFirst(4)), week.contains(date) else {
                        throw DomainError.invalid(field: "grid", message: "holds a cell that is not of this week")
                    }
                    guard let minutes = try WeekPageView.minutes(value, field: "hours (\(date))"), minutes > 0 else { continue }
                    _ = try await time.create(
                        TimeEntryDraft(projectID: project, taskID: task, workDate: date, minutes: minutes, note: form["new_note"] ?? ""),
                        caller: caller)
                }
            }
            return Flash(.ok, ConsoleCatalog.text("week_saved", language))
        }
    }

    /// The task a form's `<select>` picked, written `project.task` (the week's new row, the timer).
    static func pickedTask(_ value: String?, language: ClientLanguage) throws -> (ProjectID, TaskID) {
        let pair = (value ?? "").split(separator: ".")
        guard pair.count == 2, let project = ProjectID(uuidString: String(pair[0])), let task = TaskID(uuidString: String(pair[1])) else {
            throw DomainError.invalid(field: "task", message: ConsoleCatalog.text("week_pick_task", language))
        }
        return (project, task)
    }

    /// One entry: new hours and note (`action=save`), or `action=delete`.
    @Sendable func editEntry(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: TimeEntryID = try context.pathID(entity: "time entry")
        let form = try await session.postedForm(request, context: context)
        let week = try week(form["week"])
        let back = "/app/week?date=\(week.lowerBound)"
        let language = ConsoleSession.language(request)
        guard let version = form["version"].flatMap(Int.init) else { throw DomainError.invalid(field: "version", message: "is required") }
        return try await ConsoleRequest.perform(success: back, failure: back) {
            if form["action"] == "delete" {
                try await time.delete(id, expectedVersion: version, caller: caller)
                return Flash(.ok, ConsoleCatalog.text("entry_deleted", language))
            } else {
                guard let minutes = try WeekPageView.minutes(form["hours"] ?? "", field: "hours"), minutes > 0 else {
                    throw DomainError.invalid(field: "hours", message: "must be more than 0 (delete the entry instead)")
                }
                _ = try await time.update(
                    id, changes: TimeEntryChanges(minutes: minutes, note: form["note"] ?? ""), expectedVersion: version, caller: caller)
                return Flash(.ok, ConsoleCatalog.text("entry_saved", language))
            }
        }
    }

    @Sendable func submit(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let form = try await session.postedForm(request, context: context)
        let week = try week(form["week"])
        let back = "/app/week?date=\(week.lowerBound)"
        let language = ConsoleSession.language(request)
        return try await ConsoleRequest.perform(success: back, failure: back) {
            let submitted = try await time.submitWeek(containing: week.lowerBound, caller: caller).submitted
            return Flash(.ok, ConsoleCatalog.format("week_submitted", language, String(submitted)))
        }
    }
}
