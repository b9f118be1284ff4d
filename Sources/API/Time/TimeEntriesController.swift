import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/time-entries`: daily time logging (SPEC §2 Time entry, §4.1). Authors log
/// and edit their own open entries; approvers, the admin and the client's contacts
/// read what the policy lets them see.
struct TimeEntriesController {
    let time: TimeEntryService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/time-entries", use: list)
        api.post("/time-entries", use: create)
        api.get("/time-entries/{id}", use: get)
        api.patch("/time-entries/{id}", use: update)
        api.delete("/time-entries/{id}", use: delete)
    }

    /// `GET /time-entries?from=&to=&project_id=&user_id=&status=&limit=&cursor=`, newest work date first.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var query = QueryReader(request)
        var filter = query.timeEntryFilters()
        let page = query.page()
        filter.limit = page.limit
        if let key = page.after {
            if key.count == 2, let date = LocalDate(iso: key[0]), let id = TimeEntryID(uuidString: key[1]) {
                filter.after = (date, id)
            } else {
                query.badCursor()
            }
        }
        try query.throwIfInvalid()
        let fetched = try await time.list(filter, caller: caller)
        let showsCost = caller.showsCostRates
        return try JSONBody.response(
            Page(fetched: fetched.map { TimeEntryDTO($0, showsCost: showsCost) }, limit: page.limit) {
                [$0.workDate.description, $0.id.description]
            })
    }

    /// The fields of a create or an update body.
    enum FieldKey: String, CodingKey {
        case note, billable, minutes, hours, projectId, taskId, workDate
    }

    /// `{"project_id", "task_id", "work_date", "minutes" | "hours", "note"?, "billable"?}`.
    struct CreateRequest: Decodable {
        let projectID: ProjectID
        let taskID: TaskID
        let workDate: LocalDate
        let duration: DurationFields
        let note: String?
        let billable: Bool?

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: FieldKey.self)
            projectID = try container.decode(ProjectID.self, forKey: .projectId)
            taskID = try container.decode(TaskID.self, forKey: .taskId)
            workDate = try container.decode(LocalDate.self, forKey: .workDate)
            duration = try DurationFields(container, minutes: .minutes, hours: .hours)
            note = try container.decodeIfPresent(String.self, forKey: .note)
            billable = try container.decodeIfPresent(Bool.self, forKey: .billable)
        }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let body = try await JSONBody.decode(CreateRequest.self, from: request, context: context)
        guard let minutes = try body.duration.resolvedMinutes() else {
            throw DomainError.invalid(field: "minutes", message: "is required (or give hours)")
        }
        let entry = try await time.create(
            TimeEntryDraft(
                projectID: body.projectID, taskID: body.taskID, workDate: body.workDate, minutes: minutes, note: body.note ?? "",
                billable: body.billable),
            caller: caller)
        return try JSONBody.created(
            TimeEntryDTO(entry, showsCost: caller.showsCostRates), location: "/api/v1/time-entries/\(entry.id)", version: entry.version)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let entry = try await time.get(try context.pathID(entity: "time entry"), caller: caller)
        var response = try JSONBody.response(TimeEntryDTO(entry, showsCost: caller.showsCostRates))
        response.setVersion(entry.version)
        return response
    }

    struct UpdateRequest: Decodable {
        let changes: TimeEntryChanges
        let duration: DurationFields

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: FieldKey.self)
            duration = try DurationFields(container, minutes: .minutes, hours: .hours)
            changes = TimeEntryChanges(
                projectID: try container.decodeChange(ProjectID.self, forKey: .projectId),
                taskID: try container.decodeChange(TaskID.self, forKey: .taskId),
                workDate: try container.decodeChange(LocalDate.self, forKey: .workDate),
                note: try container.decodeChange(String.self, forKey: .note),
                billable: try container.decodeChange(Bool.self, forKey: .billable))
        }
    }

    /// `PATCH /time-entries/{id}` with `If-Match`: the author's own open entry only.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: TimeEntryID = try context.pathID(entity: "time entry")
        let version = try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(UpdateRequest.self, from: request, context: context)
        var changes = body.changes
        changes.minutes = try body.duration.resolvedMinutes()
        let entry = try await time.update(id, changes: changes, expectedVersion: version, caller: caller)
        var response = try JSONBody.response(TimeEntryDTO(entry, showsCost: caller.showsCostRates))
        response.setVersion(entry.version)
        return response
    }

    /// `DELETE /time-entries/{id}`; with `If-Match`, only if the entry is still at that version.
    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: TimeEntryID = try context.pathID(entity: "time entry")
        let version = request.headers[.ifMatch] == nil ? nil : try Versioning.requiredVersion(request)
        try await time.delete(id, expectedVersion: version, caller: caller)
        return Response(status: .noContent)
    }
}

/// A duration given as whole `minutes` or decimal `hours` (a number or a string such
/// as "1.5" or "1,5"), never both.
struct DurationFields: Sendable {
    let minutes: Int?
    let hours: String?

    init<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, minutes minutesKey: Key, hours hoursKey: Key) throws {
        minutes = try container.decodeWholeNumberChange(forKey: minutesKey)
        guard container.contains(hoursKey) else {
            hours = nil
            return
        }
        if let text = try? container.decode(String.self, forKey: hoursKey) {
            hours = text
        } else if let number = try? container.decode(Decimal.self, forKey: hoursKey) {
            hours = "\(number)"
        } else {
            throw DecodingError.dataCorruptedError(forKey: hoursKey, in: container, debugDescription: "must be a number of hours such as 1.5")
        }
    }

    /// The minutes given, or the hours converted (rounded half up to the minute); nil when neither.
    func resolvedMinutes() throws -> Int? {
        switch (minutes, hours) {
        case (.some, .some): throw DomainError.invalid(field: "hours", message: "give minutes or hours, not both")
        case (let minutes?, nil): return minutes
        case (nil, let hours?): return try TimeEntry.minutes(fromHours: hours)
        case (nil, nil): return nil
        }
    }
}

extension Caller {
    /// Whether cost rates may be shown to this caller (``Policy/seesCostRates(_:)``).
    var showsCostRates: Bool { Policy.seesCostRates(actor) }
}

extension QueryReader {
    /// A `YYYY-MM-DD` date.
    mutating func calendarDate(_ name: String) -> LocalDate? {
        guard let raw = text(name, maxLength: 32) else { return nil }
        guard let date = LocalDate(iso: raw) else {
            fail(name, "must be a date as YYYY-MM-DD")
            return nil
        }
        return date
    }

    /// The filters of the time-entry list and export: `from`, `to`, `project_id`, `user_id`,
    /// `status`, `task_id`, `client_id`, `billable`.
    mutating func timeEntryFilters() -> TimeEntryQuery {
        var filter = TimeEntryQuery()
        filter.from = calendarDate("from")
        filter.to = calendarDate("to")
        filter.projectID = id("project_id")
        filter.userID = id("user_id")
        filter.status = choice("status", as: TimeEntryStatus.self)
        filter.taskID = id("task_id")
        filter.clientID = id("client_id")
        filter.billable = bool("billable")
        if let from = filter.from, let to = filter.to, to < from { fail("to", "must be on or after from") }
        return filter
    }
}
