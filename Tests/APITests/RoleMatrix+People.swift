import Domain
import Foundation
import HTTPTypes
import Postgres
import Services
import Storage
import TestSupport

extension MatrixFixture {
    /// A new staff user to act on, so one role's attempt never changes another's target.
    func newStaffUser() async throws -> User {
        try await UserService(pool: pool, clock: SystemClock(), hasher: TestApp.hasher).create(
            NewUser(email: "staff-\(unique())@agency.test", name: "Target", role: .member, password: "long enough password"),
            caller: Caller(user: world.admin, sessionID: nil, origin: .commandLine))
    }

    func settingsVersion() async throws -> Int {
        try await pool.queryOne("SELECT version FROM agency_settings").decode("version")
    }
}

/// Who may do what on people, teams, rates, settings and the audit trail.
/// Client contacts get 404 for objects they may not know exist, 403 on agency-wide lists.
private let staffReadsClientHidden: [Who: HTTPResponse.Status] = [
    .admin: .ok, .manager: .ok, .member: .ok, .client: .notFound, .anonymous: .unauthorized,
]

private func adminOnlyClientHidden(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
    [.admin: status, .manager: .forbidden, .member: .forbidden, .client: .notFound, .anonymous: .unauthorized]
}

extension RoleMatrixTests {
    static let people: [MatrixCase] = [
        MatrixCase(method: .post, route: "/api/v1/users", expected: MatrixCase.adminOnly(.created)) { fixture, _ in
            MatrixRequest(json: #"{"email":"u-\#(fixture.unique())@agency.test","name":"New","role":"member","password":"long enough password"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/users", expected: MatrixCase.staff(.ok)),
        MatrixCase(method: .get, route: "/api/v1/users/{id}", expected: staffReadsClientHidden) { fixture, _ in
            MatrixRequest(uri: "/api/v1/users/\(fixture.world.member.id)")
        },
        MatrixCase(method: .patch, route: "/api/v1/users/{id}", expected: adminOnlyClientHidden(.ok)) { fixture, _ in
            let target = try await fixture.newStaffUser()
            return MatrixRequest(uri: "/api/v1/users/\(target.id)", json: #"{"name":"Renamed"}"#, headers: [.ifMatch: "\"\(target.version)\""])
        },
        MatrixCase(method: .get, route: "/api/v1/users/{id}/rates", expected: adminOnlyClientHidden(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/users/\(try await fixture.newStaffUser().id)/rates")
        },
        MatrixCase(method: .post, route: "/api/v1/users/{id}/rates", expected: adminOnlyClientHidden(.created)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/users/\(try await fixture.newStaffUser().id)/rates",
                json: #"{"kind":"billable","effective_from":"2026-01-01","rate":"87.50","currency":"EUR"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/users/{id}/rates/{rate_id}", expected: adminOnlyClientHidden(.ok)) { fixture, _ in
            let user = try await fixture.newStaffUser()
            let rateID = UUID()
            try await fixture.pool.execute(
                """
                INSERT INTO user_rates (id, user_id, kind, effective_from, rate_scaled, currency)
                VALUES (\(rateID), \(user.id), 'cost', '2026-01-01', 500000, 'EUR')
                """)
            return MatrixRequest(uri: "/api/v1/users/\(user.id)/rates/\(rateID)")
        },
        MatrixCase(method: .get, route: "/api/v1/teams", expected: MatrixCase.staff(.ok)),
        MatrixCase(method: .post, route: "/api/v1/teams", expected: MatrixCase.adminOnly(.created)) { fixture, _ in
            MatrixRequest(json: #"{"name":"Team \#(fixture.unique())"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/teams/{id}", expected: staffReadsClientHidden) { fixture, _ in
            MatrixRequest(uri: "/api/v1/teams/\(fixture.world.teamID)")
        },
        MatrixCase(method: .patch, route: "/api/v1/teams/{id}", expected: adminOnlyClientHidden(.ok)) { fixture, _ in
            let team = try await fixture.newTeam()
            return MatrixRequest(uri: "/api/v1/teams/\(team)", json: #"{"name":"Renamed \#(fixture.unique())"}"#, headers: [.ifMatch: "\"1\""])
        },
        MatrixCase(method: .delete, route: "/api/v1/teams/{id}", expected: adminOnlyClientHidden(.noContent)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/teams/\(try await fixture.newTeam())")
        },
        MatrixCase(method: .get, route: "/api/v1/teams/{id}/members", expected: staffReadsClientHidden) { fixture, _ in
            MatrixRequest(uri: "/api/v1/teams/\(fixture.world.teamID)/members")
        },
        MatrixCase(method: .post, route: "/api/v1/teams/{id}/members", expected: adminOnlyClientHidden(.created)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/teams/\(try await fixture.newTeam())/members", json: #"{"user_id":"\#(fixture.world.member.id)","lead":false}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/teams/{id}/members/{user_id}", expected: staffReadsClientHidden) { fixture, _ in
            MatrixRequest(uri: "/api/v1/teams/\(fixture.world.teamID)/members/\(fixture.world.member.id)")
        },
        MatrixCase(method: .delete, route: "/api/v1/teams/{id}/members/{user_id}", expected: adminOnlyClientHidden(.noContent)) { fixture, _ in
            let team = try await fixture.newTeam()
            try await fixture.pool.execute("INSERT INTO team_members (team_id, user_id) VALUES (\(team), \(fixture.world.member.id))")
            return MatrixRequest(uri: "/api/v1/teams/\(team)/members/\(fixture.world.member.id)")
        },
        MatrixCase(method: .get, route: "/api/v1/settings", expected: MatrixCase.staff(.ok)),
        MatrixCase(method: .patch, route: "/api/v1/settings", expected: MatrixCase.adminOnly(.ok)) { fixture, _ in
            MatrixRequest(json: #"{"legal_name":"Agency \#(fixture.unique())"}"#, headers: [.ifMatch: "\"\(try await fixture.settingsVersion())\""])
        },
        MatrixCase(method: .get, route: "/api/v1/audit-events", expected: MatrixCase.adminOnly(.ok)),
    ]
}
