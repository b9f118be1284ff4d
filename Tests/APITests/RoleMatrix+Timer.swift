import Domain
import Foundation
import HTTPTypes
import Postgres
import Services
import TestSupport

extension MatrixFixture {
    /// A fresh project everyone on staff may log time on, and its task; `who`'s timer is
    /// removed, then (`running`) started on it half an hour ago.
    func timerTarget(for who: Who, running: Bool) async throws -> (project: ProjectID, task: UUID) {
        let project = try await newTimeEntry(for: who).project
        let task = try await self.task(of: project)
        guard let user = world.user(who)?.id else { return (project, task) }
        try await pool.execute("DELETE FROM running_timers WHERE user_id = \(user)")
        if running {
            try await pool.execute(
                """
                INSERT INTO running_timers (user_id, project_id, task_id, note, started_at)
                VALUES (\(user), \(project), \(task), 'Matrix', now() - interval '30 minutes')
                """)
        }
        return (project, task)
    }
}

/// The running timer (issue 19 item 2): one's own, as one's week — staff start, read,
/// stop and discard theirs; a client contact has none (403).
extension RoleMatrixTests {
    static let timer: [MatrixCase] = [
        MatrixCase(method: .get, route: "/api/v1/me/timer", expected: MatrixCase.staff(.ok)),
        MatrixCase(method: .post, route: "/api/v1/me/timer", expected: MatrixCase.staff(.created)) { fixture, who in
            let target = try await fixture.timerTarget(for: who, running: false)
            return MatrixRequest(json: #"{"project_id":"\#(target.project)","task_id":"\#(target.task)","note":"Matrix"}"#)
        },
        MatrixCase(method: .post, route: "/api/v1/me/timer/stop", expected: MatrixCase.staff(.created)) { fixture, who in
            _ = try await fixture.timerTarget(for: who, running: true)
            return MatrixRequest()
        },
        MatrixCase(method: .delete, route: "/api/v1/me/timer", expected: MatrixCase.staff(.noContent)) { fixture, who in
            _ = try await fixture.timerTarget(for: who, running: true)
            return MatrixRequest()
        },
    ]
}
