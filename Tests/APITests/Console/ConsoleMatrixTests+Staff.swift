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

    /// A project's validation requests (issue 19 item 3), as `/api/v1/projects/{id}/validations`
    /// and `/api/v1/validations/{id}/link`: everyone who may see the project reads them;
    /// the admin and the team's lead ask and send new links.
    static let validations: [ConsoleCase] = [
        ConsoleCase(method: .get, route: "/app/projects/{id}/validations", expected: ConsoleCase.signedIn(.ok)) { fixture, _ in
            ConsoleRequestPlan(uri: "/app/projects/\(try await fixture.newValidation().record.projectID)/validations")
        },
        ConsoleCase(method: .post, route: "/app/projects/{id}/validations", expected: ConsoleCase.approvers(.seeOther)) { fixture, _ in
            ConsoleRequestPlan(
                uri: "/app/projects/\(try await fixture.newValidationProject())/validations", form: [("from", "2026-05-18"), ("to", "2026-05-24")])
        },
        // A member does not know of a timesheet request that shows money (404, as GET
        // /api/v1/validations/{id}); the contact knows of it and may not send links (403).
        ConsoleCase(
            method: .post, route: "/app/projects/{id}/validations/{validation}/link",
            expected: [.admin: .seeOther, .manager: .seeOther, .member: .notFound, .client: .forbidden, .anonymous: .seeOther]
        ) { fixture, _ in
            let record = try await fixture.newValidation().record
            return ConsoleRequestPlan(uri: "/app/projects/\(record.projectID)/validations/\(record.id)/link", form: [])
        },
    ]
}
