public import Domain
public import Foundation
public import Postgres

/// SQL of the team nudges (issue 14 item 7): who wants them, whose approval queue
/// waits, and the claim of each user's nudge per week.
public struct NudgeStore: Sendable {
    public init() {}

    /// A lead's waiting queue: submitted time entries and expenses on the projects of
    /// the teams they lead.
    public struct Queue: Sendable, Hashable {
        public let lead: StaffMember
        public let entries: Int
        public let expenses: Int
    }

    public func wantsNudges(_ user: UserID, on db: some PostgresQueryable) async throws -> Bool? {
        try await db.queryOptional("SELECT weekly_nudges FROM users WHERE id = \(user)").map { try $0.decode("weekly_nudges") }
    }

    public func setWantsNudges(_ user: UserID, _ wants: Bool, on db: some PostgresQueryable) async throws {
        try await db.execute("UPDATE users SET weekly_nudges = \(wants) WHERE id = \(user)")
    }

    /// Someone who wants the Monday nudges, with what decides their week and target.
    public struct Recipient: Sendable, Hashable {
        public let member: StaffMember
        /// Their IANA time zone: their Monday is the one nudges go out on.
        public let timeZone: String
        /// Their working-time target (`users.weekly_target_minutes`, as the reports read it).
        public let weeklyTargetMinutes: Int
    }

    /// Active staff who did not opt out, by email.
    public func recipients(on db: some PostgresQueryable) async throws -> [Recipient] {
        try await db.query(
            """
            SELECT id, email, name, time_zone, weekly_target_minutes FROM users
            WHERE active AND role <> 'client' AND weekly_nudges ORDER BY lower(email), id
            """
        ) { row in
            Recipient(
                member: StaffMember(id: try row.decode("id"), email: try row.decode("email"), name: try row.decode("name")),
                timeZone: try row.decode("time_zone"), weeklyTargetMinutes: try row.decode("weekly_target_minutes"))
        }
    }

    /// The waiting queues of active leads who did not opt out, non-empty ones only.
    public func waitingQueues(on db: some PostgresQueryable) async throws -> [UserID: Queue] {
        let rows = try await db.query(
            """
            WITH leads AS (SELECT DISTINCT tm.user_id FROM team_members tm WHERE tm.is_lead)
            SELECT u.id, u.email, u.name,
                   (SELECT count(*) FROM time_entries te JOIN projects p ON p.id = te.project_id
                     WHERE te.status = 'submitted'
                       AND p.team_id IN (SELECT team_id FROM team_members WHERE user_id = u.id AND is_lead))::int AS entries,
                   (SELECT count(*) FROM expenses e JOIN projects p ON p.id = e.project_id
                     WHERE e.status = 'submitted'
                       AND p.team_id IN (SELECT team_id FROM team_members WHERE user_id = u.id AND is_lead))::int AS expenses
            FROM leads JOIN users u ON u.id = leads.user_id
            WHERE u.active AND u.weekly_nudges
            """
        ) { row in
            Queue(
                lead: StaffMember(id: try row.decode("id"), email: try row.decode("email"), name: try row.decode("name")),
                entries: try row.decode("entries"), expenses: try row.decode("expenses"))
        }
        return Dictionary(uniqueKeysWithValues: rows.filter { $0.entries + $0.expenses > 0 }.map { ($0.lead.id, $0) })
    }

    /// Claims a user's nudge of the week starting `weekFrom`: true when this call made it.
    public func claim(_ user: UserID, weekFrom: LocalDate, eventID: UUID, at: Date, on tx: PostgresTransaction) async throws -> Bool {
        try await tx.execute(
            """
            INSERT INTO team_nudges (user_id, week_from, event_id, created_at) VALUES (\(user), \(weekFrom), \(eventID), \(at))
            ON CONFLICT (user_id, week_from) DO NOTHING
            """) == 1
    }
}
