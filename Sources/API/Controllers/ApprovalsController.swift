import Domain
import Foundation
import Hummingbird
import Services
import Storage

/// `/api/v1/approvals`: the approver's queue and decisions (SPEC §3 row 3, §4.1). A team
/// lead approves their teams' projects, the admin everything.
struct ApprovalsController {
    let time: TimeEntryService

    func register(on api: RouterGroup<SheafRequestContext>) {
        api.get("/approvals", use: queue)
        api.post("/approvals", use: decide)
    }

    /// `GET /approvals?project_id=&user_id=&week=&limit=&cursor=`: submitted entries,
    /// oldest work date first, with the client's comment on disputed ones.
    @Sendable func queue(_ request: Request, context: SheafRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
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
            if key.count == 2, let date = LocalDate(iso: key[0]), let id = TimeEntryID(uuidString: key[1]) {
                filter.after = (date, id)
            } else {
                query.badCursor()
            }
        }
        try query.throwIfInvalid()
        let fetched = try await time.approvalQueue(filter, caller: caller)
        return try JSONBody.response(
            Page(fetched: fetched.map(ApprovalItemDTO.init), limit: page.limit) { [$0.workDate.description, $0.id.description] })
    }

    /// `{"time_entry_ids": [...], "decision": "approve" | "reject", "reason": "…"}`.
    struct DecisionRequest: Decodable {
        let timeEntryIDs: [TimeEntryID]
        let decision: ApprovalDecision
        let reason: String?

        enum CodingKeys: String, CodingKey {
            case decision, reason
            case timeEntryIDs = "time_entry_ids"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            timeEntryIDs = try container.decode([TimeEntryID].self, forKey: .timeEntryIDs)
            decision = try container.decodeChoice(ApprovalDecision.self, forKey: .decision)
            reason = try container.decodeIfPresent(String.self, forKey: .reason)
        }
    }

    struct DecisionDTO: Encodable {
        let decision: String
        let count: Int
        let items: [TimeEntryDTO]
    }

    /// Approves or rejects every named entry, or none (409/404/422 change nothing).
    @Sendable func decide(_ request: Request, context: SheafRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let body = try await JSONBody.decode(DecisionRequest.self, from: request, context: context)
        let decided = try await time.decide(body.timeEntryIDs, decision: body.decision, reason: body.reason, caller: caller)
        let showsCost = caller.showsCostRates
        return try JSONBody.response(
            DecisionDTO(decision: body.decision.rawValue, count: decided.count, items: decided.map { TimeEntryDTO($0, showsCost: showsCost) }))
    }
}
