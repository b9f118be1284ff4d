public import Domain
public import Foundation
import Postgres
import Storage

extension WorkWorld {
    /// Inserts an entry that is already approved (rates captured: 95 billable, 50 cost),
    /// on the world's project and billable task by the member unless told otherwise.
    /// For tests of what comes after approval (client validation, invoicing), which
    /// must not depend on the time-entry API.
    @discardableResult
    public func insertApprovedTime(
        on date: String, minutes: Int, task: TaskID? = nil, user: UserID? = nil, project: ProjectID? = nil, billable: Bool = true,
        note: String = ""
    ) async throws -> TimeEntryID {
        let id = TimeEntryID.random()
        try await roles.pool.execute(
            """
            INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, note, billable, status,
                                      billable_rate_scaled, cost_rate_scaled, rate_currency, approved_by, approved_at)
            VALUES (\(id), \(user ?? roles.member.id), \(project ?? projectID), \(task ?? billableTaskID), \(date)::date, \(minutes),
                    \(note), \(billable), 'approved', 950000, 500000, 'EUR', \(roles.manager.id), now())
            """)
        return id
    }

    /// The status, validation and client rejection comment of an entry, as stored.
    public func entryState(_ id: TimeEntryID) async throws -> (status: String, validationID: UUID?, clientRejectionComment: String?) {
        let row = try await roles.pool.queryOne("SELECT status, validation_id, client_rejection_comment FROM time_entries WHERE id = \(id)")
        return (try row.decode("status"), try row.decode("validation_id"), try row.decode("client_rejection_comment"))
    }
}
