import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/approvals`: the approver's queue and decisions over time entries and
/// expenses (SPEC §3 row 3, §4.1). A team lead approves their teams' projects, the
/// admin everything.
struct ApprovalsController {
    let approvals: ApprovalService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/approvals", use: queue)
        api.post("/approvals", use: decide)
    }

    /// `GET /approvals?project_id=&user_id=&week=&limit=&cursor=`: submitted entries and
    /// expenses (`kind`), oldest date first then by id, with the client's comment on
    /// those a client rejected.
    @Sendable func queue(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var query = QueryReader(request)
        var filter = TimeEntryQuery()
        filter.projectID = query.id("project_id")
        filter.userID = query.id("user_id")
        if let day = query.calendarDate("week") {
            if let week = try? LocalDate.weekContaining(day) {
                filter.from = week.lowerBound
                filter.to = week.upperBound
            } else {
                query.fail("week", "must be a date whose week ends by 9999-12-31")
            }
        }
        let page = query.page()
        filter.limit = page.limit
        if let key = page.after {
            // The id may be an expense's: both kinds share one ordering.
            if key.count == 2, let date = LocalDate(iso: key[0]), let id = TimeEntryID(uuidString: key[1]) {
                filter.after = (date, id)
            } else {
                query.badCursor()
            }
        }
        try query.throwIfInvalid()
        let fetched = try await approvals.queue(filter, caller: caller)
        return try JSONBody.response(
            Page(fetched: fetched.map(ApprovalQueueItemDTO.init), limit: page.limit) {
                [$0.item.date.description, $0.item.id.uuidString.lowercased()]
            })
    }

    /// `{"time_entry_ids": [...], "expense_ids": [...], "decision": "approve" | "reject", "reason": "…"}`;
    /// either list may be omitted, not both.
    struct DecisionRequest: Decodable {
        let timeEntryIds: [TimeEntryID]
        let expenseIds: [ExpenseID]
        let decision: ApprovalDecision
        let reason: String?
        enum CodingKeys: CodingKey { case timeEntryIds, expenseIds, decision, reason }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            timeEntryIds = try container.decodeOptional([TimeEntryID].self, forKey: .timeEntryIds) ?? []
            expenseIds = try container.decodeOptional([ExpenseID].self, forKey: .expenseIds) ?? []
            decision = try container.decodeChoice(ApprovalDecision.self, forKey: .decision)
            reason = try container.decodeIfPresent(String.self, forKey: .reason)
        }
    }

    /// `time_entries` are the decided time entries, `expenses` the decided expenses;
    /// `count` both.
    struct DecisionDTO: Encodable {
        let decision: String
        let count: Int
        let timeEntries: [TimeEntryDTO]
        let expenses: [ExpenseDTO]
    }

    /// Approves or rejects every named entry and expense, or none (409/404/422 change nothing).
    @Sendable func decide(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let body = try await JSONBody.decode(DecisionRequest.self, from: request, context: context)
        let decided = try await approvals.decide(
            timeEntries: body.timeEntryIds, expenses: body.expenseIds, decision: body.decision, reason: body.reason, caller: caller)
        let showsCost = caller.showsCostRates
        return try JSONBody.response(
            DecisionDTO(
                decision: body.decision.rawValue, count: decided.timeEntries.count + decided.expenses.count,
                timeEntries: decided.timeEntries.map { TimeEntryDTO($0, showsCost: showsCost) },
                expenses: try decided.expenses.map { try ExpenseDTO($0, showsInternal: true) }))
    }
}
