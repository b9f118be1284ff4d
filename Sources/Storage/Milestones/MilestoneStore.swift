public import Domain
import Foundation
public import Postgres

/// SQL for `milestones`: one statement per function, every value bound.
public struct MilestoneStore: Sendable {
    public init() {}

    static let columns: SQL = """
        m.id, m.project_id, m.position, m.name, m.basis_points, m.amount_minor, m.currency, m.due_date, m.acceptance_criteria,
        m.status, m.delivered_amount_minor, m.delivered_at, m.delivered_by, m.decided_at, m.decision_comment, m.validation_id,
        m.invoice_line_id, m.version, m.created_at
        """

    static func decode(_ row: PostgresRow) throws -> Milestone {
        let currency: Currency = try row.decode("currency")
        let basisPoints: Int? = try row.decode("basis_points")
        let amount: Int64? = try row.decode("amount_minor")
        let share: Milestone.Share
        if let basisPoints {
            share = .percentage(basisPoints: basisPoints)
        } else if let amount {
            share = .fixed(Money(amountMinor: amount, currency: currency))
        } else {
            throw PostgresError(kind: .decoding, message: "a milestone has neither a percentage nor an amount")
        }
        return Milestone(
            id: try row.decode("id"), projectID: try row.decode("project_id"), position: try row.decode("position"),
            name: try row.decode("name"), share: share, currency: currency, dueDate: try row.decode("due_date"),
            acceptanceCriteria: try row.decode("acceptance_criteria"), status: try ValidationStore.choice(row, "status"),
            deliveredAmount: try row.decode("delivered_amount_minor", as: Int64?.self).map { Money(amountMinor: $0, currency: currency) },
            deliveredAt: try row.decode("delivered_at"), deliveredBy: try row.decode("delivered_by"),
            decidedAt: try row.decode("decided_at"), decisionComment: try row.decode("decision_comment"),
            validationID: try row.decode("validation_id"), invoiceLineID: try row.decode("invoice_line_id"),
            version: try row.decode("version"), createdAt: try row.decode("created_at"))
    }

    /// A value the database refuses (a check the domain rules missed) is a 422, never a 500.
    public func insert(_ milestone: Milestone, on db: some PostgresQueryable) async throws {
        try await ConstraintErrors.mapping([:]) {
            try await db.execute(
            """
            INSERT INTO milestones (id, project_id, position, name, basis_points, amount_minor, currency, due_date, acceptance_criteria,
                                    status, version, created_at)
            VALUES (\(milestone.id), \(milestone.projectID), \(milestone.position), \(milestone.name), \(milestone.share.basisPoints),
                    \(Self.fixedAmount(milestone)), \(milestone.currency), \(milestone.dueDate), \(milestone.acceptanceCriteria),
                    \(milestone.status.rawValue), \(milestone.version), \(milestone.createdAt))
            """)
        }
    }

    static func fixedAmount(_ milestone: Milestone) -> Int64? {
        if case .fixed(let amount) = milestone.share { amount.amountMinor } else { nil }
    }

    public func find(_ id: MilestoneID, on db: some PostgresQueryable) async throws -> Milestone? {
        try await db.queryOptional("SELECT \(Self.columns) FROM milestones m WHERE m.id = \(id)").map(Self.decode)
    }

    public func findForUpdate(_ id: MilestoneID, on tx: PostgresTransaction) async throws -> Milestone? {
        try await tx.queryOptional("SELECT \(Self.columns) FROM milestones m WHERE m.id = \(id) FOR UPDATE").map(Self.decode)
    }

    /// One page of a project's milestones in plan order; fetches `limit + 1` rows.
    public func list(_ query: MilestoneQuery, on db: some PostgresQueryable) async throws -> [Milestone] {
        var conditions: [SQL] = ["m.project_id = \(query.projectID)"]
        if let status = query.status { conditions.append("m.status = \(status.rawValue)") }
        if let after = query.after { conditions.append("(m.position, m.id) > (\(after.position), \(after.id))") }
        return try await db.query(
            """
            SELECT \(Self.columns) FROM milestones m WHERE \(SQL.joined(conditions, separator: " AND "))
            ORDER BY m.position, m.id LIMIT \(query.limit + 1)
            """, Self.decode)
    }

    /// The basis points of the project's percentage milestones, leaving out `excluding`.
    public func basisPoints(project: ProjectID, excluding: MilestoneID?, on db: some PostgresQueryable) async throws -> [Int] {
        try await db.query(
            """
            SELECT basis_points FROM milestones
            WHERE project_id = \(project) AND basis_points IS NOT NULL AND (\(excluding)::uuid IS NULL OR id <> \(excluding))
            """
        ) { try $0.decode("basis_points", as: Int.self) }
    }

    /// The position after the project's last milestone.
    public func nextPosition(project: ProjectID, on db: some PostgresQueryable) async throws -> Int {
        try await db.queryOne("SELECT COALESCE(max(position) + 1, 0)::integer AS n FROM milestones WHERE project_id = \(project)")
            .decode("n")
    }

    /// Writes every mutable field if the version still matches; false when someone changed it first.
    public func update(_ milestone: Milestone, expectedVersion: Int, on db: some PostgresQueryable) async throws -> Bool {
        try await ConstraintErrors.mapping([:]) {
            try await db.execute(
            """
            UPDATE milestones
            SET position = \(milestone.position), name = \(milestone.name), basis_points = \(milestone.share.basisPoints),
                amount_minor = \(Self.fixedAmount(milestone)), due_date = \(milestone.dueDate),
                acceptance_criteria = \(milestone.acceptanceCriteria), status = \(milestone.status.rawValue),
                delivered_amount_minor = \(milestone.deliveredAmount?.amountMinor), delivered_at = \(milestone.deliveredAt),
                delivered_by = \(milestone.deliveredBy), decided_at = \(milestone.decidedAt),
                decision_comment = \(milestone.decisionComment), validation_id = \(milestone.validationID), version = version + 1
            WHERE id = \(milestone.id) AND version = \(expectedVersion)
            """) == 1
        }
    }

    /// Deletes a planned milestone at `expectedVersion`; false otherwise.
    public func delete(_ id: MilestoneID, expectedVersion: Int, on db: some PostgresQueryable) async throws -> Bool {
        try await db.execute("DELETE FROM milestones WHERE id = \(id) AND version = \(expectedVersion) AND status = 'planned'") == 1
    }
}
