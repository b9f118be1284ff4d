import Domain
import Foundation
import HTTPTypes
import Postgres
import Services
import TestSupport

extension ConsoleMatrixTests {
    /// The running timer (issue 19 item 2): one's own, as one's week and as
    /// `/api/v1/me/timer` — staff start, stop and discard theirs; a client contact has none.
    static let timer: [ConsoleCase] = [
        ConsoleCase(
            method: .get, route: "/app/assets/console-timer.js",
            expected: [.admin: .ok, .manager: .ok, .member: .ok, .client: .ok, .anonymous: .ok]),
        ConsoleCase(method: .get, route: "/app/timer", expected: ConsoleCase.staff(.ok)),
        ConsoleCase(method: .post, route: "/app/timer", expected: ConsoleCase.staff(.seeOther)) { fixture, who in
            let target = try await fixture.timerTarget(for: who, running: false)
            return ConsoleRequestPlan(form: [("task", "\(target.project).\(target.task)"), ("note", "Matrix")])
        },
        ConsoleCase(method: .post, route: "/app/timer/stop", expected: ConsoleCase.staff(.seeOther)) { fixture, who in
            _ = try await fixture.timerTarget(for: who, running: true)
            return ConsoleRequestPlan(form: [])
        },
        ConsoleCase(method: .post, route: "/app/timer/discard", expected: ConsoleCase.staff(.seeOther)) { fixture, who in
            _ = try await fixture.timerTarget(for: who, running: true)
            return ConsoleRequestPlan(form: [])
        },
    ]
}
