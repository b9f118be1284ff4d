import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/audit-events`: the append-only audit trail (admin only), newest first.
struct AuditEventsController {
    let auditTrail: AuditTrailService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/audit-events", use: list)
    }

    /// Filters: `actor_id`, `subject_type`, `subject_id`, `action`, `from` (inclusive) and
    /// `to` (exclusive) as RFC 3339 timestamps; `limit` and `cursor`.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var query = QueryReader(request)
        var filter = AuditQuery()
        filter.actorID = query.id("actor_id")
        filter.subjectType = query.text("subject_type")
        filter.subjectID = query.text("subject_id")
        filter.action = query.text("action")
        filter.from = query.timestamp("from")
        filter.to = query.timestamp("to")
        if let from = filter.from, let to = filter.to, from >= to { query.fail("to", "must be later than from") }
        let page = query.page()
        filter.limit = page.limit
        if let key = page.after {
            if key.count == 1, let id = Int64(key[0]), id > 0 { filter.beforeID = id } else { query.badCursor() }
        }
        try query.throwIfInvalid()
        let fetched = try await auditTrail.list(filter, caller: caller)
        return try JSONBody.response(Page(fetched: fetched.map(AuditEventDTO.init), limit: page.limit) { [String($0.id)] })
    }
}
