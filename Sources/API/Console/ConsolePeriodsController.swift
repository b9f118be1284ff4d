import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// Period close in the console (issue 19 item 4): the admin closes a client's month
/// (`POST /api/v1/periods/close`: what is still pending is listed, the month is locked,
/// and a draft of what is billable up to its end is made), reopens one with a reason
/// (`POST /api/v1/periods/reopen`), and sees the months closed so far.
struct ConsolePeriodsController {
    let periods: PeriodService
    let clients: ClientService
    let clock: any WallClock
    let session: ConsoleSession

    func register(on app: RouterGroup<AuthenticatedContext>) {
        app.get("/app/periods", use: page)
        app.post("/app/periods/close", use: close)
        app.post("/app/periods/reopen", use: reopen)
    }

    struct Choice: Sendable {
        let value: String
        let label: String
    }

    struct ClosedRow: Sendable {
        let clientID: String
        let client: String
        let month: String
        let closedAt: String
        let closedBy: String
        let reopenLabel: String
        let reasonID: String
    }

    struct Page: Sendable {
        let clients: [Choice]
        let month: String
        let closed: [ClosedRow]
        let hasClosed: Bool
    }

    @Sendable func page(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let closed = try await periods.closed(caller: caller)
        let known = try await clients.list(ClientQuery(limit: 200), caller: caller)
        // Last month by default: the one usually closed.
        let today = LocalDate.of(clock.now())
        let lastMonth = try (LocalDate(year: today.year, month: today.month, day: 1) ?? today).adding(months: -1)
        let rows = closed.map { lock in
            let month = String(lock.month.description.prefix(7))
            return ClosedRow(
                clientID: lock.clientID.description, client: lock.clientName, month: month,
                closedAt: String(ISO8601DateFormatter().string(from: lock.closedAt).prefix(10)), closedBy: lock.closedBy ?? "",
                reopenLabel: ConsoleCatalog.format("periods_reopen_label", console.language, month, lock.clientName),
                reasonID: "reason-\(lock.clientID)-\(month)")
        }
        let page = Page(
            clients: known.map { Choice(value: $0.id.description, label: $0.name) }, month: String(lastMonth.description.prefix(7)),
            closed: rows, hasClosed: !rows.isEmpty)
        return try console.render("console-periods", titleKey: "periods_title", section: "periods", page: page)
    }

    /// The form's `client_id` and `month` (`YYYY-MM`).
    static func target(_ form: ConsoleForm) throws -> (ClientID, LocalDate) {
        guard let client = form["client_id"].flatMap(ClientID.init(uuidString:)) else {
            throw DomainError.invalid(field: "client_id", message: "is required")
        }
        let text = try form.required("month")
        guard text.count == 7, let month = LocalDate(iso: text + "-01") else {
            throw DomainError.invalid(field: "month", message: "Give a month such as 2026-11.")
        }
        return (client, month)
    }

    @Sendable func close(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        return try await ConsoleRequest.perform(success: "/app/periods", failure: "/app/periods") {
            let (client, month) = try Self.target(form)
            let closed = try await periods.close(client: client, month: month, caller: caller)
            let pending = closed.pending
            var message = ConsoleCatalog.format(
                "periods_closed_done", language, String(month.description.prefix(7)),
                String(pending.submittedTimeEntries + pending.openTimeEntries), String(pending.submittedExpenses),
                String(pending.unvalidatedTimeEntries), String(pending.pendingValidations))
            if let draft = closed.draft {
                message += " " + ConsoleCatalog.format("periods_draft_made", language, language.money(draft.totals.payable))
            } else {
                message += " " + ConsoleCatalog.text("periods_nothing_billable", language)
            }
            return Flash(.ok, message)
        }
    }

    @Sendable func reopen(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        return try await ConsoleRequest.perform(success: "/app/periods", failure: "/app/periods") {
            let (client, month) = try Self.target(form)
            try await periods.reopen(client: client, month: month, reason: form["reason"] ?? "", caller: caller)
            return Flash(.ok, ConsoleCatalog.format("periods_reopened_done", language, String(month.description.prefix(7))))
        }
    }
}
