import Domain
import Foundation

/// What "my week" (`console-week.mustache`) shows: a grid of the week's days × the
/// tasks worked on, each cell holding the hours of that task on that day (editable
/// while it is one open entry), the totals per day against the daily limit, the
/// entries one by one, and those an approver sent back with their reason.
struct WeekPageView: Sendable {
    struct Day: Sendable {
        let iso: String
        let label: String
        let total: String
        let overLimit: Bool
    }

    struct Cell: Sendable {
        let id: String
        let name: String
        /// `e.<project>.<task>.<date>`: the hidden field naming the cell's entry.
        let entryName: String
        let label: String
        let value: String
        let editable: Bool
        /// `entry id:version:minutes` of the one open entry the cell edits, else empty.
        let entry: String
        let hasEntry: Bool
        let status: String
    }

    struct Row: Sendable {
        let label: String
        let cells: [Cell]
        let total: String
    }

    struct Option: Sendable {
        let value: String
        let label: String
    }

    struct Entry: Sendable {
        let id: String
        let date: String
        let task: String
        let hours: String
        let note: String
        let status: String
        let editable: Bool
        let version: Int
        let reason: String
        let hasReason: Bool
        let hoursLabel: String
        let noteLabel: String
    }

    let week: String
    let weekLabel: String
    let previous: String
    let next: String
    let days: [Day]
    let rows: [Row]
    let hasRows: Bool
    let newCells: [Cell]
    let taskOptions: [Option]
    let canLog: Bool
    let entries: [Entry]
    let hasEntries: Bool
    let rejected: [Entry]
    let hasRejected: Bool
    let weekTotal: String
    let dailyLimit: String
    let openCount: Int
    let canSubmit: Bool

    /// `1:30` for 90 minutes, `-0:45` for -45.
    static func clock(_ minutes: Int) -> String {
        let size = abs(minutes)
        return (minutes < 0 ? "-" : "") + "\(size / 60):" + (size % 60 < 10 ? "0" : "") + "\(size % 60)"
    }

    /// Minutes from what a person types in a cell: `1:30`, `1.5`, `1,5`, `2`; nil for
    /// empty, 0 for a zero (both clear the cell).
    static func minutes(_ text: String, field: String) throws -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        if trimmed.allSatisfy({ "0.,:".contains($0) }) { return 0 }
        if trimmed.contains(":") {
            let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), hours >= 0, (0..<60).contains(minutes), parts[1].count == 2
            else { throw DomainError.invalid(field: field, message: "must be hours such as 1:30 or 1.5") }
            return hours * 60 + minutes
        }
        do {
            return try TimeEntry.minutes(fromHours: trimmed)
        } catch {
            throw DomainError.invalid(field: field, message: "must be hours such as 1:30 or 1.5")
        }
    }

    /// The cell's field name: `h.<project>.<task>.<date>` (`new.<date>` for the new row).
    static func cellName(project: ProjectID, task: TaskID, date: LocalDate) -> String {
        "h.\(project).\(task).\(date)"
    }

    init(
        week: ClosedRange<LocalDate>, entries: [TimeEntry], tasks: [TaskID: (project: Project, task: ProjectTask)],
        loggable: [(project: Project, task: ProjectTask)], language: ClientLanguage
    ) throws {
        let text = { (key: String) in ConsoleCatalog.text(key, language) }
        var dates: [LocalDate] = []
        var day = week.lowerBound
        while day <= week.upperBound {
            dates.append(day)
            day = try day.adding(days: 1)
        }
        let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { text("day_\($0)") }
        func dayLabel(_ date: LocalDate) -> String { "\(dayNames[date.weekday.rawValue - 1]) \(date.day)/\(date.month)" }
        func taskLabel(_ id: TaskID) -> String {
            tasks[id].map { "\($0.project.name) — \($0.task.name)" } ?? text("unknown_task")
        }
        self.week = week.lowerBound.description
        weekLabel = "\(week.lowerBound) – \(week.upperBound)"
        previous = try week.lowerBound.adding(days: -7).description
        next = try week.lowerBound.adding(days: 7).description
        var perDay: [LocalDate: Int] = [:]
        for entry in entries { perDay[entry.workDate, default: 0] += entry.minutes }
        days = dates.map {
            Day(iso: $0.description, label: dayLabel($0), total: Self.clock(perDay[$0] ?? 0), overLimit: (perDay[$0] ?? 0) > DailyLimit.minutesPerDay)
        }
        dailyLimit = Self.clock(DailyLimit.minutesPerDay)
        weekTotal = Self.clock(entries.reduce(0) { $0 + $1.minutes })

        // One row per (project, task) worked on this week, in the order of their labels.
        var keys: [String: (ProjectID, TaskID)] = [:]
        for entry in entries { keys["\(entry.projectID).\(entry.taskID)"] = (entry.projectID, entry.taskID) }
        let ordered = keys.values.sorted { taskLabel($0.1) < taskLabel($1.1) }
        rows = ordered.map { project, task in
            let label = taskLabel(task)
            let cells = dates.map { date -> Cell in
                let here = entries.filter { $0.projectID == project && $0.taskID == task && $0.workDate == date }
                let minutes = here.reduce(0) { $0 + $1.minutes }
                let name = Self.cellName(project: project, task: task, date: date)
                let single = here.count == 1 ? here[0] : nil
                let editable = here.isEmpty || (single?.status == .open)
                return Cell(
                    id: name.replacingOccurrences(of: ".", with: "-"), name: name, entryName: "e" + name.dropFirst(), label: "\(label), \(dayLabel(date))",
                    value: minutes == 0 ? "" : Self.clock(minutes), editable: editable,
                    entry: single.map { "\($0.id):\($0.version):\($0.minutes)" } ?? "", hasEntry: single != nil && editable,
                    status: here.first.map { text("status_\($0.status.rawValue)") } ?? "")
            }
            let total = entries.filter { $0.projectID == project && $0.taskID == task }.reduce(0) { $0 + $1.minutes }
            return Row(label: label, cells: cells, total: Self.clock(total))
        }
        hasRows = !rows.isEmpty
        newCells = dates.map {
            Cell(
                id: "new-\($0)", name: "new.\($0)", entryName: "", label: "\(text("week_new_row")), \(dayLabel($0))", value: "", editable: true, entry: "",
                hasEntry: false, status: "")
        }
        taskOptions = loggable.map { Option(value: "\($0.project.id).\($0.task.id)", label: "\($0.project.name) — \($0.task.name)") }
        canLog = !loggable.isEmpty

        let lines = entries.sorted { ($0.workDate, taskLabel($0.taskID)) < ($1.workDate, taskLabel($1.taskID)) }.map { entry in
            let label = "\(taskLabel(entry.taskID)), \(entry.workDate)"
            return Entry(
                id: entry.id.description, date: entry.workDate.description, task: taskLabel(entry.taskID), hours: Self.clock(entry.minutes),
                note: entry.note, status: text("status_\(entry.status.rawValue)"), editable: entry.status == .open, version: entry.version,
                reason: entry.rejectionReason ?? "", hasReason: entry.rejectionReason != nil,
                hoursLabel: "\(text("week_hours")), \(label)", noteLabel: "\(text("week_note")), \(label)")
        }
        self.entries = lines
        hasEntries = !lines.isEmpty
        rejected = lines.filter { $0.hasReason && $0.editable }
        hasRejected = !rejected.isEmpty
        openCount = entries.filter { $0.status == .open }.count
        canSubmit = openCount > 0
    }
}
