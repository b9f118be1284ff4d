public import Foundation

/// Time a collaborator worked on a task of a project on one day (SPEC §2 Time entry).
///
/// Its workflow state is a ``TimeEntryStatus``; the billable and cost rates in force
/// on the work date are captured when it is approved, so a later rate change never
/// rewrites it.
public struct TimeEntry: Hashable, Sendable {
    /// The longest note, in Unicode scalars (what PostgreSQL's `length` counts).
    public static let maximumNoteLength = 2000
    /// The longest external id (the id the source of an import gave the record).
    public static let maximumExternalIDLength = 200

    public let id: TimeEntryID
    /// The collaborator who worked (the entry's author).
    public let userID: UserID
    public var projectID: ProjectID
    public var taskID: TaskID
    public var workDate: LocalDate
    /// 1…1440 minutes.
    public var minutes: Int
    public var note: String
    public var billable: Bool
    public var status: TimeEntryStatus
    /// Why an approver sent it back; visible to its author until it is submitted again.
    public var rejectionReason: String?
    /// What the client said when they rejected the validation that sent it back to the approver.
    public var clientRejectionComment: String?
    /// The billable rate captured at approval, in the project's currency.
    public var billableRate: HourlyRate?
    /// The author's cost rate captured at approval.
    public var costRate: HourlyRate?
    public var approvedBy: UserID?
    public var approvedAt: Date?
    /// The id the source of an import gave the record (Sheaf: the exported entry id).
    public var externalID: String?
    /// The client validation request that covers the entry (the latest one), if any.
    public var validationID: ValidationID?
    /// Optimistic-concurrency version; becomes the ETag.
    public var version: Int
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: TimeEntryID, userID: UserID, projectID: ProjectID, taskID: TaskID, workDate: LocalDate, minutes: Int, note: String,
        billable: Bool, status: TimeEntryStatus = .open, rejectionReason: String? = nil, clientRejectionComment: String? = nil,
        billableRate: HourlyRate? = nil, costRate: HourlyRate? = nil, approvedBy: UserID? = nil, approvedAt: Date? = nil,
        externalID: String? = nil, validationID: ValidationID? = nil, version: Int = 1, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.validationID = validationID
        self.id = id
        self.userID = userID
        self.projectID = projectID
        self.taskID = taskID
        self.workDate = workDate
        self.minutes = minutes
        self.note = note
        self.billable = billable
        self.status = status
        self.rejectionReason = rejectionReason
        self.clientRejectionComment = clientRejectionComment
        self.billableRate = billableRate
        self.costRate = costRate
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
        self.externalID = externalID
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// Checks that the author may still change or delete the entry: only while open.
    /// - Throws: ``DomainError/conflict(_:)`` naming the state: an invoiced entry is
    ///   read-only for everyone, a submitted or approved one for its author.
    public func requireEditableByAuthor() throws(DomainError) {
        switch status {
        case .open:
            return
        case .invoiced:
            throw .conflict("An invoiced entry is read-only for everyone.")
        case .submitted:
            throw .conflict("A submitted entry is read-only for its author; an approver can reject it to reopen it.")
        case .approved, .clientValidated:
            let article = status == .approved ? "An" : "A"
            throw .conflict("\(article) \(status.adjective) entry is read-only for its author.")
        }
    }

    /// A note as stored: surrounding whitespace removed, at most ``maximumNoteLength`` characters.
    /// - Throws: ``DomainError/invalid(_:)`` on `note` when it is too long.
    public static func validNote(_ raw: String) throws(DomainError) -> String {
        let note = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.unicodeScalars.count <= maximumNoteLength else {
            throw .invalid(field: "note", message: "must be at most \(maximumNoteLength) characters")
        }
        return note
    }

    /// Minutes of work given as decimal hours (`"1.5"`, `"0,25"`, up to 4 decimals),
    /// rounded half up to the minute: 1.5 → 90, 0.3333 → 20.
    /// - Throws: ``DomainError/invalid(_:)`` on `hours` for malformed text or a result
    ///   outside 1…1440 minutes.
    public static func minutes(fromHours text: String) throws(DomainError) -> Int {
        let scaled = try FixedPoint.parse(text, scale: 4, field: "hours")
        guard scaled > 0, scaled <= 24 * 10_000 else {
            throw .invalid(field: "hours", message: "must be more than 0 and at most 24")
        }
        let minutes = Int(FixedPoint.divideRoundingHalfUp(Int128(scaled) * 60, by: 10_000))
        guard minutes >= 1 else { throw .invalid(field: "hours", message: "is less than a minute") }
        return minutes
    }

    /// Checks the minutes of one entry: 1…1440.
    /// - Throws: ``DomainError/invalid(_:)`` on `minutes`.
    public static func validMinutes(_ minutes: Int) throws(DomainError) -> Int {
        guard (1...DailyLimit.minutesPerDay).contains(minutes) else {
            throw .invalid(field: "minutes", message: "Enter between 1 and \(DailyLimit.minutesPerDay) minutes.")
        }
        return minutes
    }
}
