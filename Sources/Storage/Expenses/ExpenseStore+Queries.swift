public import Domain
import Foundation
public import Postgres

extension ExpenseStore {
    static let detailSelect: SQL = """
        SELECT \(columns), u.name AS user_name, u.email AS user_email, p.name AS project_name, p.code AS project_code,
               c.name AS client_name, (SELECT count(*) FROM expense_receipts r WHERE r.expense_id = e.id)::integer AS receipt_count
        FROM expenses e
        JOIN users u ON u.id = e.user_id
        JOIN projects p ON p.id = e.project_id
        JOIN clients c ON c.id = p.client_id
        """

    static func decodeDetail(_ row: PostgresRow) throws -> ExpenseDetail {
        ExpenseDetail(
            expense: try decode(row), userName: try row.decode("user_name"), userEmail: try row.decode("user_email"),
            projectName: try row.decode("project_name"), projectCode: try row.decode("project_code"),
            clientName: try row.decode("client_name"), receiptCount: try row.decode("receipt_count"))
    }

    /// What `visibility` allows, over `e` (expenses) and `p` (projects).
    static func condition(_ visibility: ExpenseVisibility) -> SQL {
        switch visibility {
        case .everything:
            return "true"
        case .staff(let user, let teams):
            return "(e.user_id = \(user) OR p.team_id = ANY(\(Array(teams))))"
        case .client(let client):
            let statuses = ExpenseVisibility.clientStatuses.map(\.rawValue).sorted()
            // Only recharged expenses (``Expense/isShownToClient``).
            return "(p.client_id = \(client) AND e.rechargeable AND e.status = ANY(\(statuses)))"
        case .nothing:
            return "false"
        }
    }

    static func filters(_ query: ExpenseQuery) -> [SQL] {
        var conditions: [SQL] = []
        if let from = query.from { conditions.append("e.expense_date >= \(from)") }
        if let to = query.to { conditions.append("e.expense_date <= \(to)") }
        if let project = query.projectID { conditions.append("e.project_id = \(project)") }
        if let user = query.userID { conditions.append("e.user_id = \(user)") }
        if let status = query.status { conditions.append("e.status = \(status.rawValue)") }
        if let category = query.category { conditions.append("e.category = \(category.rawValue)") }
        if let client = query.clientID { conditions.append("p.client_id = \(client)") }
        if let rechargeable = query.rechargeable { conditions.append("e.rechargeable = \(rechargeable)") }
        return conditions
    }

    /// One page of the expenses `visibility` allows, newest date first; fetches
    /// `limit + 1` rows so the caller can tell whether more follow.
    public func list(_ query: ExpenseQuery, visibility: ExpenseVisibility, on db: some PostgresQueryable) async throws -> [Expense] {
        var conditions = [Self.condition(visibility)] + Self.filters(query)
        if let after = query.after { conditions.append("(e.expense_date, e.id) < (\(after.date), \(after.id))") }
        return try await db.query(
            """
            SELECT \(Self.columns) FROM expenses e JOIN projects p ON p.id = e.project_id
            WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY e.expense_date DESC, e.id DESC LIMIT \(query.limit + 1)
            """, Self.decode)
    }

    /// Every expense `visibility` allows that matches the filters, for the CSV export:
    /// by date, then person, then when it was recorded. At most `query.limit + 1` rows.
    public func export(_ query: ExpenseQuery, visibility: ExpenseVisibility, on db: some PostgresQueryable) async throws -> [ExpenseDetail] {
        let conditions = [Self.condition(visibility)] + Self.filters(query)
        return try await db.query(
            """
            \(Self.detailSelect)
            WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY e.expense_date, lower(u.email), e.created_at, e.id LIMIT \(query.limit + 1)
            """, Self.decodeDetail)
    }

    /// Expenses with their project and receipt count, newest first (one statement, for
    /// a page that shows both); fetches `limit` rows.
    public func listDetails(_ query: ExpenseQuery, visibility: ExpenseVisibility, on db: some PostgresQueryable) async throws
        -> [ExpenseDetail]
    {
        let conditions = [Self.condition(visibility)] + Self.filters(query)
        return try await db.query(
            """
            \(Self.detailSelect)
            WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY e.expense_date DESC, e.id DESC LIMIT \(query.limit)
            """, Self.decodeDetail)
    }

    /// The approver's queue: submitted expenses of the projects `scope` covers, oldest
    /// date first, then by id; fetches `limit + 1` rows.
    public func approvalQueue(_ query: ExpenseQuery, scope: ApprovalScope, on db: some PostgresQueryable) async throws -> [ExpenseDetail] {
        var conditions: [SQL] = ["e.status = \(ExpenseStatus.submitted.rawValue)"]
        conditions += Self.filters(query)
        if case .teams(let teams) = scope { conditions.append("p.team_id = ANY(\(Array(teams)))") }
        if let after = query.after { conditions.append("(e.expense_date, e.id) > (\(after.date), \(after.id))") }
        return try await db.query(
            """
            \(Self.detailSelect)
            WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY e.expense_date, e.id LIMIT \(query.limit + 1)
            """, Self.decodeDetail)
    }
}
