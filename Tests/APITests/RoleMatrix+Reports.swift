import Domain
import Foundation
import HTTPTypes
import Postgres
import TestSupport

/// Who may read the reports of issue 15 (SPEC §3): the budget report as the budget
/// (everyone who sees the project's budget, each with their detail); profitability,
/// receivables, revenue and unbilled work the admin's; utilization staff (a manager
/// their teams, a member themselves).
extension RoleMatrixTests {
    static let reports: [MatrixCase] = [
        MatrixCase(method: .get, route: "/api/v1/reports/budget", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/reports/budget?project_id=\(try await fixture.newFixedPriceProject())&as_of=2026-11-30")
        },
        MatrixCase(method: .get, route: "/api/v1/reports/profitability", expected: MatrixCase.adminOnly(.ok)) { _, _ in
            MatrixRequest(uri: "/api/v1/reports/profitability?from=2026-01-01&to=2026-12-31&group_by=client")
        },
        MatrixCase(method: .get, route: "/api/v1/reports/utilization", expected: MatrixCase.staff(.ok)) { _, _ in
            MatrixRequest(uri: "/api/v1/reports/utilization?from=2026-11-02&to=2026-11-29")
        },
        MatrixCase(method: .get, route: "/api/v1/reports/receivables", expected: MatrixCase.adminOnly(.ok)) { _, _ in
            MatrixRequest(uri: "/api/v1/reports/receivables?as_of=2026-11-30")
        },
        MatrixCase(method: .get, route: "/api/v1/reports/unbilled", expected: MatrixCase.adminOnly(.ok)) { _, _ in
            MatrixRequest(uri: "/api/v1/reports/unbilled?as_of=2026-11-30")
        },
        MatrixCase(method: .get, route: "/api/v1/reports/revenue", expected: MatrixCase.adminOnly(.ok)) { _, _ in
            MatrixRequest(uri: "/api/v1/reports/revenue?from=2026-01-01&to=2026-12-31&interval=month")
        },
    ]
}
