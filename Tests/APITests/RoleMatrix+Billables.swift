import Domain
import Foundation
import HTTPTypes
import Postgres
import Services
import Storage
import TestSupport

extension MatrixFixture {
    var admin: Caller { Caller(user: world.admin, sessionID: nil, origin: .commandLine) }

    /// A fresh fixed-price project (contract 10 000.00 EUR) of the world's client and
    /// team, the member assigned.
    func newFixedPriceProject() async throws -> ProjectID {
        let id = ProjectID.random()
        try await pool.execute(
            """
            INSERT INTO projects (id, client_id, team_id, name, code, billing_model, currency, contract_amount_minor, budget_minutes)
            VALUES (\(id), \(world.clientID), \(world.teamID), 'Fixed', \("FIX-\(unique())"), 'fixed_price', 'EUR', 1000000, 6000)
            """)
        try await pool.execute("INSERT INTO project_members (project_id, user_id) VALUES (\(id), \(world.member.id))")
        return id
    }

    /// A fresh milestone (30 %), delivered when asked.
    func newMilestone(delivered: Bool = false) async throws -> MilestoneID {
        let service = MilestoneService(pool: pool, clock: SystemClock(), linkSecret: Self.linkSecret)
        let view = try await service.create(
            NewMilestone(name: "Design", share: .percentage("30")), in: try await newFixedPriceProject(), caller: admin)
        if delivered { _ = try await service.deliver(view.milestone.id, expiresInHours: 24, caller: admin) }
        return view.milestone.id
    }

    /// A fresh fixed change request (1 200.00 EUR), quoted when asked.
    func newChangeRequest(quoted: Bool = false) async throws -> ChangeRequestID {
        let service = ChangeRequestService(pool: pool, clock: SystemClock(), linkSecret: Self.linkSecret)
        let view = try await service.create(
            NewChangeRequest(title: "Newsletter", pricing: .fixed, amount: AmountInput(amountMinor: 120_000, currency: nil)),
            in: try await newFixedPriceProject(), caller: admin)
        if quoted { _ = try await service.quote(view.change.id, expiresInHours: 24, caller: admin) }
        return view.change.id
    }
}

/// Who may plan, deliver and decide milestones and change requests, and read budgets
/// (SPEC §3 rows 4, 6, 8; issue 5 items 2, 3). Each attempt acts on fresh objects.
private func managers(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
    [.admin: status, .manager: status, .member: .forbidden, .client: .forbidden, .anonymous: .unauthorized]
}

private func clientDecides(_ status: HTTPResponse.Status) -> [Who: HTTPResponse.Status] {
    [.admin: status, .manager: .forbidden, .member: .forbidden, .client: status, .anonymous: .unauthorized]
}

extension RoleMatrixTests {
    static let billables: [MatrixCase] = [
        MatrixCase(method: .get, route: "/api/v1/projects/{id}/milestones", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/projects/\(try await fixture.newFixedPriceProject())/milestones")
        },
        MatrixCase(method: .post, route: "/api/v1/projects/{id}/milestones", expected: managers(.created)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/projects/\(try await fixture.newFixedPriceProject())/milestones", json: #"{"name":"Design","percentage":"30"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/milestones/{id}", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/milestones/\(try await fixture.newMilestone())")
        },
        MatrixCase(method: .patch, route: "/api/v1/milestones/{id}", expected: managers(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/milestones/\(try await fixture.newMilestone())", json: #"{"name":"Design v2"}"#, headers: [.ifMatch: "\"1\""])
        },
        MatrixCase(method: .delete, route: "/api/v1/milestones/{id}", expected: managers(.noContent)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/milestones/\(try await fixture.newMilestone())", headers: [.ifMatch: "\"1\""])
        },
        MatrixCase(method: .post, route: "/api/v1/milestones/{id}/deliver", expected: managers(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/milestones/\(try await fixture.newMilestone())/deliver")
        },
        MatrixCase(method: .post, route: "/api/v1/milestones/{id}/accept", expected: clientDecides(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/milestones/\(try await fixture.newMilestone(delivered: true))/accept", json: #"{"comment":"Confirmed by phone"}"#)
        },
        MatrixCase(method: .post, route: "/api/v1/milestones/{id}/reject", expected: clientDecides(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/milestones/\(try await fixture.newMilestone(delivered: true))/reject", json: #"{"comment":"Not finished"}"#)
        },
        MatrixCase(method: .get, route: "/api/v1/projects/{id}/change-requests", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/projects/\(try await fixture.newFixedPriceProject())/change-requests")
        },
        MatrixCase(method: .post, route: "/api/v1/projects/{id}/change-requests", expected: managers(.created)) { fixture, _ in
            MatrixRequest(
                uri: "/api/v1/projects/\(try await fixture.newFixedPriceProject())/change-requests",
                json: #"{"title":"Blog","pricing":"hourly","hourly_rate":"100"}"#)
        },
        // A quoted one, which the client's contacts see too.
        MatrixCase(method: .get, route: "/api/v1/change-requests/{id}", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/change-requests/\(try await fixture.newChangeRequest(quoted: true))")
        },
        // Drafts are hidden from the client's contacts.
        MatrixCase(
            method: .patch, route: "/api/v1/change-requests/{id}",
            expected: [.admin: .ok, .manager: .ok, .member: .forbidden, .client: .notFound, .anonymous: .unauthorized]
        ) { fixture, _ in
            MatrixRequest(uri: "/api/v1/change-requests/\(try await fixture.newChangeRequest())", json: #"{"title":"Newsletter v2"}"#, headers: [.ifMatch: "\"1\""])
        },
        MatrixCase(
            method: .delete, route: "/api/v1/change-requests/{id}",
            expected: [.admin: .noContent, .manager: .noContent, .member: .forbidden, .client: .notFound, .anonymous: .unauthorized]
        ) { fixture, _ in
            MatrixRequest(uri: "/api/v1/change-requests/\(try await fixture.newChangeRequest())", headers: [.ifMatch: "\"1\""])
        },
        MatrixCase(
            method: .post, route: "/api/v1/change-requests/{id}/quote",
            expected: [.admin: .ok, .manager: .ok, .member: .forbidden, .client: .notFound, .anonymous: .unauthorized]
        ) { fixture, _ in
            MatrixRequest(uri: "/api/v1/change-requests/\(try await fixture.newChangeRequest())/quote")
        },
        MatrixCase(method: .post, route: "/api/v1/change-requests/{id}/accept", expected: clientDecides(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/change-requests/\(try await fixture.newChangeRequest(quoted: true))/accept", json: #"{"comment":"Accepted by e-mail"}"#)
        },
        MatrixCase(method: .post, route: "/api/v1/change-requests/{id}/reject", expected: clientDecides(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/change-requests/\(try await fixture.newChangeRequest(quoted: true))/reject", json: #"{"comment":"Too expensive"}"#)
        },
        // Members of the project see hours, the client's contacts hours and money.
        MatrixCase(method: .get, route: "/api/v1/projects/{id}/budget", expected: MatrixCase.signedIn(.ok)) { fixture, _ in
            MatrixRequest(uri: "/api/v1/projects/\(try await fixture.newFixedPriceProject())/budget")
        },
    ]
}
