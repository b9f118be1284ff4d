/// How one ``TimeImportFormat`` maps its columns onto ``ImportedTimeRow``.
protocol TimeImportMapping {
    /// The columns the file must have; each entry lists alternative names, one of
    /// which is enough (`["Email", "User"]`).
    static var requiredColumns: [[String]] { get }
    /// Whether text values were formula-neutralized by ``CSVWriter`` and must be restored.
    static var restoresFormulas: Bool { get }
    /// The row for one record, or `nil` with the problems recorded in `record`.
    static func row(from record: inout ImportRecord) -> ImportedTimeRow?
}

extension TimeImportMapping {
    static var restoresFormulas: Bool { false }
}

/// Harvest "Detailed time report": `Date,Client,Project,Project Code,Task,Notes,
/// Hours,Hours Rounded,Billable?,…,First Name,Last Name,…`. No email: the person
/// is the first and last name. `Hours` (tracked, not rounded) gives the minutes.
enum HarvestTimeImport: TimeImportMapping {
    static let requiredColumns = [["Date"], ["Project"], ["Hours"], ["First Name"], ["Last Name"]]

    static func row(from record: inout ImportRecord) -> ImportedTimeRow? {
        let name = [record.text("First Name"), record.text("Last Name")].compactMap(\.self).joined(separator: " ")
        return record.finish(
            date: record.date("Date", style: .isoOrRegional),
            minutes: record.minutes(fromDuration: "Hours"),
            personName: name.isEmpty ? nil : name,
            personColumns: ["First Name", "Last Name"],
            projectName: record.text("Project"),
            projectCode: record.text("Project Code"),
            projectColumns: ["Project", "Project Code"],
            clientName: record.text("Client"),
            taskName: record.text("Task"),
            note: record.note("Notes"),
            billable: record.flag("Billable?")
        )
    }
}

/// Toggl Track "Detailed report": `User,Email,Client,Project,Task,Description,
/// Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()`.
/// The work date is the start date; `Duration` is `HH:MM:SS`.
enum TogglTimeImport: TimeImportMapping {
    static let requiredColumns = [["Start date"], ["Duration"], ["Project"], ["Email", "User"]]

    static func row(from record: inout ImportRecord) -> ImportedTimeRow? {
        record.finish(
            date: record.date("Start date", style: .isoOrRegional),
            minutes: record.minutes(fromDuration: "Duration"),
            personEmail: record.email("Email"),
            personName: record.text("User"),
            personColumns: ["Email", "User"],
            projectName: record.text("Project"),
            projectColumns: ["Project"],
            clientName: record.text("Client"),
            taskName: record.text("Task"),
            note: record.note("Description"),
            billable: record.flag("Billable")
        )
    }
}

/// Clockify "Detailed report": `Project,Client,Description,Task,User,Group,Email,
/// Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),
/// Duration (decimal),…`. Dates are US `MM/DD/YYYY`; `Duration (h)` (`HH:MM:SS`)
/// is preferred, `Duration (decimal)` used when it is absent or empty.
enum ClockifyTimeImport: TimeImportMapping {
    static let requiredColumns = [["Start Date"], ["Duration (h)", "Duration (decimal)"], ["Project"], ["Email", "User"]]

    static func row(from record: inout ImportRecord) -> ImportedTimeRow? {
        let useDecimal = record.text("Duration (h)") == nil && (record.text("Duration (decimal)") != nil || !record.has("Duration (h)"))
        let durationColumn = useDecimal ? "Duration (decimal)" : "Duration (h)"
        return record.finish(
            date: record.date("Start Date", style: .isoOrRegional),
            minutes: record.minutes(fromDuration: durationColumn),
            personEmail: record.email("Email"),
            personName: record.text("User"),
            personColumns: ["Email", "User"],
            projectName: record.text("Project"),
            projectColumns: ["Project"],
            clientName: record.text("Client"),
            taskName: record.text("Task"),
            note: record.note("Description"),
            billable: record.flag("Billable")
        )
    }
}
