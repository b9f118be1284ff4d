import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// The running timer (issue 19 item 2): start it on a task with a note, see it run,
/// stop it (it becomes an entry of my week) or discard it. `TimerService`, as
/// `/api/v1/me/timer`. Without JavaScript the page shows when it started and how long it
/// had run when the page was drawn; `console-timer.js` (served from the binary, allowed
/// by this page's policy only) makes the clock tick.
struct ConsoleTimerController {
    let timers: TimerService
    let week: WeekController
    let clock: any WallClock
    let session: ConsoleSession

    func register(open: RouterGroup<SheafRequestContext>, app: RouterGroup<AuthenticatedContext>) {
        open.get("/app/assets/console-timer.js", use: script)
        app.get("/app/timer", use: show)
        app.post("/app/timer", use: start)
        app.post("/app/timer/stop", use: stop)
        app.post("/app/timer/discard", use: discard)
    }

    static let scriptText: String = embeddedResourceFiles.first { $0.name == "console-timer.js" }?.text ?? ""

    /// The console's policy, plus scripts from this server (the timer's clock).
    static let contentSecurityPolicy = ConsoleRequest.contentSecurityPolicy.replacingOccurrences(
        of: "default-src 'none';", with: "default-src 'none'; script-src 'self';")

    @Sendable func script(_ request: Request, context: SheafRequestContext) async throws -> Response {
        let headers: HTTPFields = [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Self.scriptText)))
    }

    struct Page: Sendable {
        struct Choice: Sendable {
            let value: String
            let label: String
        }

        let running: Bool
        let what: String
        let note: String
        let hasNote: Bool
        /// When it started, ISO 8601 (for `<time datetime>` and the script).
        let startedISO: String
        /// When it started, in the person's time zone.
        let startedLabel: String
        /// h:mm it had run when the page was drawn.
        let elapsed: String
        let tasks: [Choice]
        let canStart: Bool
    }

    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let timer = try await timers.current(caller: caller)
        let catalog = try await week.loggableTasks(caller)
        let console = ConsoleRequest(request, caller: caller, session: session)
        let tasks = catalog.loggable.map { Page.Choice(value: "\($0.project.id).\($0.task.id)", label: "\($0.project.name) — \($0.task.name)") }
        let named = catalog.all.first { $0.task.id == timer?.taskID }
        let page = Page(
            running: timer != nil, what: named.map { "\($0.project.name) — \($0.task.name)" } ?? "", note: timer?.note ?? "",
            hasNote: !(timer?.note ?? "").isEmpty, startedISO: timer.map { Self.iso($0.startedAt) } ?? "",
            startedLabel: timer.map { Self.local($0.startedAt, timeZone: caller.user.timeZone) } ?? "",
            elapsed: timer.map { WeekPageView.clock($0.minutes(at: clock.now())) } ?? "", tasks: tasks, canStart: !tasks.isEmpty)
        var response = try console.render("console-timer", titleKey: "timer_title", section: "week", page: page)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        return response
    }

    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `2026-12-07 09:05`, in `timeZone`.
    static func local(_ date: Date, timeZone: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let two = { (value: Int?) in String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))"
    }

    /// `task` = `project.task` (as the week's new row), `note`.
    @Sendable func start(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        return try await ConsoleRequest.perform(success: "/app/timer", failure: "/app/timer") {
            let (project, task) = try WeekController.pickedTask(form["task"], language: language)
            _ = try await timers.start(TimerService.Start(projectID: project, taskID: task, note: form["note"] ?? ""), caller: caller)
            return Flash(.ok, ConsoleCatalog.text("timer_started", language))
        }
    }

    /// The entry is on my week: the week of the day the timer started.
    @Sendable func stop(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        _ = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        do {
            let entry = try await timers.stop(caller: caller)
            return ConsoleRequest.redirect(
                "/app/week?date=\(entry.workDate)",
                flash: Flash(.ok, ConsoleCatalog.format("timer_stopped", language, WeekPageView.clock(entry.minutes), entry.workDate.description)))
        } catch let error as DomainError {
            if case .notFound = error { return ConsoleRequest.redirect("/app/timer", flash: Flash(.error, ConsoleCatalog.text("timer_none", language))) }
            return try await ConsoleRequest.perform(success: "/app/timer", failure: "/app/timer") { throw error }
        }
    }

    @Sendable func discard(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        _ = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        do {
            try await timers.discard(caller: caller)
            return ConsoleRequest.redirect("/app/timer", flash: Flash(.ok, ConsoleCatalog.text("timer_discarded", language)))
        } catch DomainError.notFound {
            return ConsoleRequest.redirect("/app/timer", flash: Flash(.error, ConsoleCatalog.text("timer_none", language)))
        }
    }
}
