import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/me/timer` (issue 19 item 2): the caller's running timer. `GET` reads it,
/// `POST` starts it on a project's task with a note, `POST /me/timer/stop` turns it into
/// a time entry (`TimerService.stop`, the rules of `POST /time-entries`), `DELETE`
/// throws it away. The console's timer page calls the same service.
struct TimerController {
    let timers: TimerService
    let clock: any WallClock

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/me/timer", use: get)
        api.post("/me/timer", use: start)
        api.post("/me/timer/stop", use: stop)
        api.delete("/me/timer", use: discard)
    }

    /// `running` false and nothing else when no timer runs.
    struct TimerDTO: Encodable, Sendable {
        let running: Bool
        let projectId: ProjectID?
        let taskId: TaskID?
        let note: String?
        let startedAt: Date?
        /// The whole minutes it has run so far (what stopping it now would log).
        let minutes: Int?

        init(_ timer: RunningTimer?, now: Date) {
            running = timer != nil
            projectId = timer?.projectID
            taskId = timer?.taskID
            note = timer?.note
            startedAt = timer?.startedAt
            minutes = timer?.minutes(at: now)
        }
    }

    enum FieldKey: String, CodingKey {
        case projectId, taskId, note
    }

    struct StartRequest: Decodable {
        let start: TimerService.Start

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: FieldKey.self)
            start = TimerService.Start(
                projectID: try container.decode(ProjectID.self, forKey: .projectId),
                taskID: try container.decode(TaskID.self, forKey: .taskId),
                note: try container.decodeIfPresent(String.self, forKey: .note) ?? "")
        }
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try JSONBody.response(TimerDTO(try await timers.current(caller: context.caller), now: clock.now()))
    }

    @Sendable func start(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let body = try await JSONBody.decode(StartRequest.self, from: request, context: context)
        let timer = try await timers.start(body.start, caller: context.caller)
        return try JSONBody.created(TimerDTO(timer, now: clock.now()), location: "/api/v1/me/timer")
    }

    @Sendable func stop(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let entry = try await timers.stop(caller: caller)
        return try JSONBody.created(
            TimeEntryDTO(entry, showsCost: caller.showsCostRates), location: "/api/v1/time-entries/\(entry.id)", version: entry.version)
    }

    @Sendable func discard(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try await timers.discard(caller: context.caller)
        return Response(status: .noContent)
    }
}
