/// One time record read from an import file, in a neutral shape: nothing is
/// matched to Sheaf's people or projects yet (that is the service's job).
///
/// Text fields are trimmed; an empty optional field is `nil`.
public struct ImportedTimeRow: Sendable, Hashable {
    /// The 1-based physical line the record starts on (the header is line 1).
    public var line: Int
    /// The work date.
    public var date: LocalDate
    /// The duration in whole minutes, 1…1440 (rounded half up from seconds or decimal hours).
    public var minutes: Int
    /// The person's email address, when the format has one (Harvest has none).
    public var personEmail: String?
    /// The person's display name (Harvest: first and last name joined by a space).
    public var personName: String?
    /// The client's name.
    public var clientName: String?
    /// The project's name.
    public var projectName: String?
    /// The project's code (Harvest, Sheaf).
    public var projectCode: String?
    /// The task's name.
    public var taskName: String?
    /// The note or description; empty when there is none. Line breaks are `\n`.
    public var note: String
    /// Whether the time is billable; `nil` when the file does not say.
    public var billable: Bool?
    /// The id the source gave the record (Sheaf: the entry id), to detect a
    /// re-import of the same entry; `nil` when the format has none.
    public var externalID: String?

    /// Creates a row.
    public init(
        line: Int,
        date: LocalDate,
        minutes: Int,
        personEmail: String? = nil,
        personName: String? = nil,
        clientName: String? = nil,
        projectName: String? = nil,
        projectCode: String? = nil,
        taskName: String? = nil,
        note: String = "",
        billable: Bool? = nil,
        externalID: String? = nil
    ) {
        self.line = line
        self.date = date
        self.minutes = minutes
        self.personEmail = personEmail
        self.personName = personName
        self.clientName = clientName
        self.projectName = projectName
        self.projectCode = projectCode
        self.taskName = taskName
        self.note = note
        self.billable = billable
        self.externalID = externalID
    }
}
