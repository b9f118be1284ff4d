/// Which columns of a spreadsheet hold what, for a time import with `format=csv`
/// (issue 16 item 3): teams who tracked time in Sheets or Excel name their own columns.
///
/// A row needs a date, a person (email or name), a project (name or code) and a
/// duration: `hours` (decimal hours with `.` or `,`, or `H:MM`) or `start` and `end`
/// (times of day `HH:MM`; an end before the start runs past midnight).
public struct TimeColumnMapping: Sendable, Hashable {
    /// How to read an ambiguous date such as `02/03/2026`.
    public enum DateOrder: String, Sendable, Hashable, CaseIterable {
        /// ISO, US `M/D/YYYY` when written with `/`, European `D.M.YYYY` with `.`.
        case auto
        /// Day first whatever the separator (`02/03/2026` is 2 March): most of Europe.
        case dmy
        /// Month first whatever the separator (`03/02/2026` is 2 March).
        case mdy
    }

    public var date: String?
    public var email: String?
    public var person: String?
    public var project: String?
    public var projectCode: String?
    public var client: String?
    public var task: String?
    public var hours: String?
    public var start: String?
    public var end: String?
    public var note: String?
    public var billable: String?
    /// A column of ids from the source tool: a re-import skips the rows already imported.
    public var externalID: String?
    public var dateOrder: DateOrder

    public init(
        date: String? = nil, email: String? = nil, person: String? = nil, project: String? = nil, projectCode: String? = nil,
        client: String? = nil, task: String? = nil, hours: String? = nil, start: String? = nil, end: String? = nil, note: String? = nil,
        billable: String? = nil, externalID: String? = nil, dateOrder: DateOrder = .auto
    ) {
        self.date = date
        self.email = email
        self.person = person
        self.project = project
        self.projectCode = projectCode
        self.client = client
        self.task = task
        self.hours = hours
        self.start = start
        self.end = end
        self.note = note
        self.billable = billable
        self.externalID = externalID
        self.dateOrder = dateOrder
    }

    /// The problems of the mapping itself, as (query parameter, message) pairs: a
    /// missing date, person, project or duration, or both kinds of duration.
    public var problems: [(parameter: String, message: String)] {
        var problems: [(String, String)] = []
        if date == nil { problems.append(("column_date", "is required: the column holding the work date")) }
        if email == nil, person == nil {
            problems.append(("column_person", "or column_email is required: the column naming who worked"))
        }
        if project == nil, projectCode == nil {
            problems.append(("column_project", "or column_project_code is required: the column naming the project"))
        }
        switch (hours, start, end) {
        case (.some, nil, nil), (nil, .some, .some): break
        case (.some, _, _): problems.append(("column_hours", "cannot be combined with column_start and column_end"))
        case (nil, nil, nil): problems.append(("column_hours", "or column_start and column_end are required"))
        case (nil, _, _): problems.append((start == nil ? "column_start" : "column_end", "is required with the other"))
        }
        return problems
    }
}

/// A time import through a ``TimeColumnMapping``.
struct MappedTimeImport {
    let mapping: TimeColumnMapping

    var requiredColumns: [[String]] {
        [[mapping.date], [mapping.email, mapping.person], [mapping.project, mapping.projectCode], [mapping.hours, mapping.start], [mapping.end]]
            .map { $0.compactMap(\.self) }.filter { !$0.isEmpty }
    }

    var dateStyle: ImportValue.DateStyle {
        switch mapping.dateOrder {
        case .auto: .isoOrRegional
        case .dmy: .dayFirst
        case .mdy: .monthFirst
        }
    }

    func row(from record: inout ImportRecord) -> ImportedTimeRow? {
        let date = mapping.date.flatMap { record.date($0, style: dateStyle) }
        var minutes: Int?
        if let hours = mapping.hours {
            minutes = record.minutes(fromDuration: hours)
        } else if let start = mapping.start, let end = mapping.end {
            minutes = record.minutes(from: start, to: end)
        }
        let personColumns = [mapping.email, mapping.person].compactMap(\.self)
        let projectColumns = [mapping.project, mapping.projectCode].compactMap(\.self)
        let email = mapping.email.flatMap { record.email($0) }
        let person = mapping.person.flatMap { record.text($0) }
        let project = mapping.project.flatMap { record.text($0) }
        let code = mapping.projectCode.flatMap { record.text($0) }
        let client = mapping.client.flatMap { record.text($0) }
        let task = mapping.task.flatMap { record.text($0) }
        let note = mapping.note.map { record.note($0) } ?? ""
        let billable = mapping.billable.flatMap { record.flag($0) }
        let external = mapping.externalID.flatMap { record.text($0) }
        return record.finish(
            date: date,
            minutes: minutes,
            personEmail: email,
            personName: person,
            personColumns: personColumns,
            projectName: project,
            projectCode: code,
            projectColumns: projectColumns,
            clientName: client,
            taskName: task,
            note: note,
            billable: billable,
            externalID: external
        )
    }
}
