/// Filters of a project's validation requests (`GET /projects/{id}/validations`).
public struct ValidationQuery: Sendable {
    public var status: ValidationRecord.Status?
    public var kind: ValidationContent.Kind?
    /// Requests whose period (or, for milestones and change requests, request date)
    /// ends on or after this date.
    public var from: LocalDate?
    /// … and starts on or before this one.
    public var to: LocalDate?
    /// Requests that sort after this one (newest request first).
    public var after: ValidationID?
    public var limit: Int

    public init(
        status: ValidationRecord.Status? = nil, kind: ValidationContent.Kind? = nil, from: LocalDate? = nil, to: LocalDate? = nil,
        after: ValidationID? = nil, limit: Int = 50
    ) {
        self.status = status
        self.kind = kind
        self.from = from
        self.to = to
        self.after = after
        self.limit = limit
    }
}
