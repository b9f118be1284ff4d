import Domain
import Foundation
import Hummingbird
import Services

/// The approver's queue (issue 19 item 3): submitted time and expenses together,
/// filtered by person and project, several selected and approved or rejected with a
/// reason; disputed and flagged items are marked. `ApprovalService`, as
/// `/api/v1/approvals`.
struct ConsoleApprovalsController {
    let approvals: ApprovalService
    let session: ConsoleSession

    func register(on app: RouterGroup<AuthenticatedContext>) {
        app.get("/app/approvals", use: show)
        app.post("/app/approvals", use: decide)
    }

    struct Item: Sendable {
        let kind: String
        let field: String
        let id: String
        let date: String
        let person: String
        let project: String
        let what: String
        let quantity: String
        let note: String
        let flags: [String]
        let hasFlags: Bool
        let selectLabel: String
    }

    struct Filter: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Page: Sendable {
        let items: [Item]
        let hasItems: Bool
        let people: [Filter]
        let projects: [Filter]
        let kinds: [Filter]
        /// The day naming the filtered week (empty: every week), and the week's dates.
        let week: String
        let weekLabel: String
        let hasWeek: Bool
        /// The filters, carried by the decision's form so it comes back to the same view.
        let backKind: String
        let backUser: String
        let backProject: String
        let count: Int
    }

    /// What the queue shows: time, expenses, or both (`kind` empty or absent).
    enum Kind: String, CaseIterable {
        case time, expense
    }

    /// The filters of the page's query (`kind`, `user_id`, `project_id`, `week`); empty means all.
    struct Filters {
        var query = TimeEntryQuery()
        var kind: Kind?
        var week: ClosedRange<LocalDate>?

        /// Reads the page's query; an unknown parameter or a bad value is 400/422, as everywhere.
        init(_ request: Request) throws {
            var reader = QueryReader(request)
            query.userID = reader.idOrAll("user_id")
            query.projectID = reader.idOrAll("project_id")
            let kindText = reader.has("kind") ? request.uri.queryParameters["kind"].map(String.init) ?? "" : ""
            let weekText = reader.has("week") ? request.uri.queryParameters["week"].map(String.init) ?? "" : ""
            if !kindText.isEmpty {
                kind = Kind(rawValue: kindText)
                if kind == nil { reader.fail("kind", "must be time or expense") }
            }
            if !weekText.isEmpty {
                if let day = LocalDate(iso: weekText), let range = try? LocalDate.weekContaining(day) {
                    week = range
                } else {
                    reader.fail("week", "must be a date (YYYY-MM-DD)")
                }
            }
            try reader.throwIfInvalid()
            query.from = week?.lowerBound
            query.to = week?.upperBound
            query.limit = 200
        }
    }

    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let filters = try Filters(request)
        let filter = filters.query
        let console = ConsoleRequest(request, caller: caller, session: session)
        // The filter lists come from the whole queue, so a filter can be changed back.
        var all = TimeEntryQuery()
        all.limit = 200
        let everything = try await approvals.queue(all, caller: caller)
        let filtered = filter.userID != nil || filter.projectID != nil || filters.week != nil || filters.kind != nil
        let shown =
            filtered
            ? try await approvals.queue(filter, time: filters.kind != .expense, expenses: filters.kind != .time, caller: caller) : everything
        var people: [String: String] = [:]
        var projects: [String: String] = [:]
        for item in everything {
            switch item {
            case .timeEntry(let detail):
                people[detail.entry.userID.description] = detail.userName
                projects[detail.entry.projectID.description] = detail.projectName
            case .expense(let detail):
                people[detail.expense.userID.description] = detail.userName
                projects[detail.expense.projectID.description] = detail.projectName
            }
        }
        let items = shown.map { Self.item($0, console: console) }
        let page = Page(
            items: items, hasItems: !items.isEmpty,
            people: people.sorted { $0.value < $1.value }.map { Filter(value: $0.key, label: $0.value, selected: $0.key == filter.userID?.description) },
            projects: projects.sorted { $0.value < $1.value }.map {
                Filter(value: $0.key, label: $0.value, selected: $0.key == filter.projectID?.description)
            },
            kinds: Kind.allCases.map { Filter(value: $0.rawValue, label: console.text("approvals_kind_\($0.rawValue)"), selected: $0 == filters.kind) },
            week: filters.week.map { $0.lowerBound.description } ?? "",
            weekLabel: filters.week.map { "\($0.lowerBound) – \($0.upperBound)" } ?? "", hasWeek: filters.week != nil,
            backKind: filters.kind?.rawValue ?? "", backUser: filter.userID?.description ?? "",
            backProject: filter.projectID?.description ?? "", count: items.count)
        return try console.render("console-approvals", titleKey: "approvals_title", section: "approvals", page: page)
    }

    static func item(_ item: ApprovalQueueItem, console: ConsoleRequest) -> Item {
        switch item {
        case .timeEntry(let detail):
            var flags = detail.approvalFlags.map(\.message)
            if detail.disputedByClient { flags.insert(console.text("approvals_disputed"), at: 0) }
            if let comment = detail.entry.clientRejectionComment { flags.append("\(console.text("approvals_client_said")) \(comment)") }
            let what = "\(detail.projectName) — \(detail.taskName)"
            return Item(
                kind: console.text("approvals_kind_time"), field: "time", id: detail.entry.id.description, date: detail.entry.workDate.description,
                person: detail.userName, project: detail.clientName, what: what, quantity: WeekPageView.clock(detail.entry.minutes),
                note: detail.entry.note, flags: flags, hasFlags: !flags.isEmpty,
                selectLabel: "\(console.text("approvals_select")) \(detail.userName), \(detail.entry.workDate), \(what)")
        case .expense(let detail):
            var flags: [String] = []
            if let comment = detail.expense.clientRejectionComment { flags.append("\(console.text("approvals_client_said")) \(comment)") }
            let what = "\(detail.projectName) — \(ValidationLabels.category(detail.expense.category.rawValue, in: console.language))"
            return Item(
                kind: console.text("approvals_kind_expense"), field: "expense", id: detail.expense.id.description,
                date: detail.expense.date.description, person: detail.userName, project: detail.clientName, what: what,
                quantity: console.language.money(detail.expense.amount), note: detail.expense.note, flags: flags, hasFlags: !flags.isEmpty,
                selectLabel: "\(console.text("approvals_select")) \(detail.userName), \(detail.expense.date), \(what)")
        }
    }

    /// The ticked items (`time`, `expense` checkboxes), `decision=approve|reject`, `reason`.
    @Sendable func decide(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        // Back to the view the decision was made in: the filters the form carried, read as the page reads them.
        let back = "/app/approvals" + Self.back(form)
        return try await ConsoleRequest.perform(success: back, failure: back) {
            guard let decision = form["decision"].flatMap(ApprovalDecision.init(rawValue:)) else {
                throw DomainError.invalid(field: "decision", message: "must be approve or reject")
            }
            let times = try form.values("time").map {
                guard let id = TimeEntryID(uuidString: $0) else { throw DomainError.invalid(field: "time", message: "names an unknown entry") }
                return id
            }
            let expenses = try form.values("expense").map {
                guard let id = ExpenseID(uuidString: $0) else { throw DomainError.invalid(field: "expense", message: "names an unknown expense") }
                return id
            }
            guard !(times.isEmpty && expenses.isEmpty) else {
                throw DomainError.invalid(field: "selection", message: ConsoleCatalog.text("approvals_pick", language))
            }
            let reason = form["reason"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            let outcome = try await approvals.decide(timeEntries: times, expenses: expenses, decision: decision, reason: reason, caller: caller)
            let count = outcome.timeEntries.count + outcome.expenses.count
            return Flash(.ok, ConsoleCatalog.format("approvals_done_\(decision.rawValue)", language, String(count)))
        }
    }

    /// The filters a decision's form carried back (`back_kind`, `back_user_id`,
    /// `back_project_id`, `back_week`), each kept only when it is what the page would
    /// read, as the page's query string: the redirect goes back to the same view, nowhere else.
    static func back(_ form: ConsoleForm) -> String {
        var parts: [String] = []
        if let kind = form["back_kind"].flatMap(Kind.init(rawValue:)) { parts.append("kind=\(kind.rawValue)") }
        if let user = form["back_user_id"].flatMap(UserID.init(uuidString:)) { parts.append("user_id=\(user)") }
        if let project = form["back_project_id"].flatMap(ProjectID.init(uuidString:)) { parts.append("project_id=\(project)") }
        if let week = form["back_week"].flatMap({ LocalDate(iso: Substring($0)) }) { parts.append("week=\(week)") }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}
