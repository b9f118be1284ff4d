public import Domain
public import Postgres

extension TimeEntryStore {
    static let detailSelect: SQL = """
        SELECT \(columns), u.name AS user_name, u.email AS user_email, p.name AS project_name, p.code AS project_code,
               c.name AS client_name, t.name AS task_name, cr.id AS cr_id, cr.number AS cr_number, cr.status AS cr_status,
               CASE WHEN te.status IN ('open', 'submitted')
                    THEN EXISTS (SELECT 1 FROM user_rates ur
                                 WHERE ur.user_id = te.user_id AND ur.kind = 'cost' AND ur.effective_from <= te.work_date)
                    ELSE te.cost_rate_scaled IS NOT NULL END AS has_cost_rate,
               -- Whether the client's latest rejection covering the entry named it among the disputed entries (issue 11 item 13).
               COALESCE((SELECT EXISTS (SELECT 1 FROM validation_disputed_entries vd
                                        WHERE vd.validation_id = v.id AND vd.time_entry_id = te.id)
                         FROM validation_entries ve JOIN validations v ON v.id = ve.validation_id
                         WHERE ve.time_entry_id = te.id AND v.status = 'rejected'
                         ORDER BY v.decided_at DESC, v.id DESC LIMIT 1), false) AS disputed_by_client
        FROM time_entries te
        JOIN users u ON u.id = te.user_id
        JOIN projects p ON p.id = te.project_id
        JOIN clients c ON c.id = p.client_id
        JOIN tasks t ON t.id = te.task_id
        LEFT JOIN change_requests cr ON cr.id = t.change_request_id
        """

    static func decodeDetail(_ row: PostgresRow) throws -> TimeEntryDetail {
        TimeEntryDetail(
            entry: try decode(row), userName: try row.decode("user_name"), userEmail: try row.decode("user_email"),
            projectName: try row.decode("project_name"), projectCode: try row.decode("project_code"),
            clientName: try row.decode("client_name"), taskName: try row.decode("task_name"), changeRequest: try changeRequest(row),
            hasCostRate: try row.decode("has_cost_rate"), disputedByClient: try row.decode("disputed_by_client"))
    }

    private static func changeRequest(_ row: PostgresRow) throws -> ApprovalFlag.ChangeRequestRef? {
        guard let id = try row.decode("cr_id", as: ChangeRequestID?.self) else { return nil }
        guard let status = ChangeRequestStatus(rawValue: try row.decode("cr_status", as: String.self)) else {
            throw PostgresError(kind: .decoding, message: "column \"cr_status\" holds an unknown value")
        }
        return ApprovalFlag.ChangeRequestRef(id: id, reference: "CR-\(try row.decode("cr_number", as: Int.self))", status: status)
    }

    /// What `visibility` allows, over `te` (time_entries) and `p` (projects).
    static func condition(_ visibility: TimeEntryVisibility) -> SQL {
        switch visibility {
        case .everything:
            return "true"
        case .staff(let user, let teams):
            // Without teams to lead the list is one person's: a condition the
            // (user_id, work_date, id) index serves alone.
            guard !teams.isEmpty else { return "te.user_id = \(user)" }
            return "(te.user_id = \(user) OR p.team_id = ANY(\(Array(teams))))"
        case .client(let client):
            let statuses = TimeEntryVisibility.clientStatuses.map(\.rawValue).sorted()
            return "(p.client_id = \(client) AND te.status = ANY(\(statuses)))"
        case .nothing:
            return "false"
        }
    }

    static func filters(_ query: TimeEntryQuery) -> [SQL] {
        var conditions: [SQL] = []
        if let from = query.from { conditions.append("te.work_date >= \(from)") }
        if let to = query.to { conditions.append("te.work_date <= \(to)") }
        if let project = query.projectID { conditions.append("te.project_id = \(project)") }
        if let user = query.userID { conditions.append("te.user_id = \(user)") }
        if let status = query.status { conditions.append("te.status = \(status.rawValue)") }
        if let task = query.taskID { conditions.append("te.task_id = \(task)") }
        if let client = query.clientID { conditions.append("p.client_id = \(client)") }
        if let billable = query.billable { conditions.append("te.billable = \(billable)") }
        return conditions
    }

    /// One page of the entries `visibility` allows, newest work date first; fetches
    /// `limit + 1` rows so the caller can tell whether more follow.
    public func list(_ query: TimeEntryQuery, visibility: TimeEntryVisibility, on db: some PostgresQueryable) async throws -> [TimeEntry] {
        var conditions = [Self.condition(visibility)] + Self.filters(query)
        if let after = query.after { conditions.append("(te.work_date, te.id) < (\(after.date), \(after.id))") }
        return try await db.query(
            """
            SELECT \(Self.columns) FROM time_entries te JOIN projects p ON p.id = te.project_id
            WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY te.work_date DESC, te.id DESC LIMIT \(query.limit + 1)
            """, Self.decode)
    }

    /// Every entry `visibility` allows that matches the filters, for the CSV export:
    /// by work date, then person, then when it was logged. Read through a cursor of
    /// `tx`, `batchSize` rows at a time; `body` gets each batch before the next is
    /// fetched, so memory holds one batch however many rows match (issue 18 item 5).
    public func export(
        _ query: TimeEntryQuery, visibility: TimeEntryVisibility, batchSize: Int = 1000, on tx: PostgresTransaction,
        _ body: ([TimeEntryDetail]) async throws -> Void
    ) async throws {
        let conditions = [Self.condition(visibility)] + Self.filters(query)
        try await tx.execute(
            """
            DECLARE time_entries_export NO SCROLL CURSOR FOR
            \(Self.detailSelect)
            WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY te.work_date, lower(u.email), te.created_at, te.id
            """)
        let fetch: SQL = "FETCH FORWARD \(unsafeRaw: String(max(1, batchSize))) FROM time_entries_export"
        while true {
            let rows = try await tx.query(fetch, Self.decodeDetail)
            if !rows.isEmpty { try await body(rows) }
            if rows.count < batchSize { break }
        }
        try await tx.execute("CLOSE time_entries_export")
    }

    /// The approver's queue: submitted entries of the projects `scope` covers, oldest
    /// work date first; fetches `limit + 1` rows.
    public func approvalQueue(_ query: TimeEntryQuery, scope: ApprovalScope, on db: some PostgresQueryable) async throws -> [TimeEntryDetail] {
        var conditions: [SQL] = ["te.status = \(TimeEntryStatus.submitted.rawValue)"]
        conditions += Self.filters(query)
        if case .teams(let teams) = scope { conditions.append("p.team_id = ANY(\(Array(teams)))") }
        if let after = query.after { conditions.append("(te.work_date, te.id) > (\(after.date), \(after.id))") }
        return try await db.query(
            """
            \(Self.detailSelect)
            WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY te.work_date, te.id LIMIT \(query.limit + 1)
            """, Self.decodeDetail)
    }

    /// The entries among `ids` with their names.
    public func details(_ ids: [TimeEntryID], on db: some PostgresQueryable) async throws -> [TimeEntryDetail] {
        guard !ids.isEmpty else { return [] }
        return try await db.query("\(Self.detailSelect) WHERE te.id = ANY(\(ids)) ORDER BY te.id", Self.decodeDetail)
    }
}
