import Domain
import Foundation
import Postgres
import Services
import Storage
import TestSupport
import Testing

/// A work world with a controllable clock and the service under test.
private struct ValidationFixture {
    let world: WorkWorld
    let pool: PostgresPool
    let clock: TestClock
    let service: ClientValidationService

    static func make(pool: PostgresPool) async throws -> ValidationFixture {
        let clock = TestClock()
        let world = try await WorkWorld.make(roles: try await RoleWorld.make(pool: pool, clock: clock), pool: pool)
        let service = ClientValidationService(pool: pool, clock: clock, linkSecret: Array(repeating: 42, count: 32))
        return ValidationFixture(world: world, pool: pool, clock: clock, service: service)
    }

    func caller(_ user: User) -> Caller {
        Caller(user: user, sessionID: nil, origin: RequestOrigin(requestID: "test", clientAddress: "192.0.2.10"))
    }

    var manager: Caller { caller(world.roles.manager) }
    var client: Caller { caller(world.roles.client) }

    func requestWeek(expiresInHours: Int = 168) async throws -> IssuedValidation {
        try await service.request(
            project: world.projectID, from: LocalDate(iso: "2026-05-18")!, to: LocalDate(iso: "2026-05-24")!,
            expiresInHours: expiresInHours, caller: manager)
    }

    func count(_ sql: SQL) async throws -> Int {
        try await pool.queryOne(sql).decode("n")
    }
}

private func withFixture(_ body: (ValidationFixture) async throws -> Void) async throws {
    try await TestDatabase.withFresh { database in
        try await body(try await ValidationFixture.make(pool: await database.makePool(size: 6)))
    }
}

@Suite struct ClientValidationServiceTests {
    @Test func aRequestCoversTheApprovedEntriesOfThePeriodAndNothingElse() async throws {
        try await withFixture { fixture in
            let world = fixture.world
            let monday = try await world.insertApprovedTime(on: "2026-05-18", minutes: 480)
            let tuesday = try await world.insertApprovedTime(on: "2026-05-19", minutes: 90, task: world.internalTaskID)
            let before = try await world.insertApprovedTime(on: "2026-05-17", minutes: 60)
            let elsewhere = try await world.insertApprovedTime(on: "2026-05-18", minutes: 60, task: world.otherTaskID, project: world.otherProjectID)
            let submitted = TimeEntryID.random()
            try await fixture.pool.execute(
                """
                INSERT INTO time_entries (id, user_id, project_id, task_id, work_date, minutes, billable, status)
                VALUES (\(submitted), \(world.roles.member.id), \(world.projectID), \(world.billableTaskID), '2026-05-20', 60, true, 'submitted')
                """)

            let issued = try await fixture.requestWeek()
            let record = issued.record
            #expect(Set(record.entryIDs) == [monday, tuesday])
            #expect(record.status == .pending)
            #expect(record.contentMatchesDigest)
            #expect(record.content.contains(#""total":{"hours":"9.50","minutes":570}"#))
            #expect(record.linkExpiresAt == fixture.clock.now().addingTimeInterval(168 * 3600))
            #expect(try await world.entryState(monday).validationID == record.id.uuid)
            for untouched in [before, elsewhere, submitted] {
                #expect(try await world.entryState(untouched).validationID == nil)
            }
            let stored = try #require(try await ValidationStore().find(record.id, on: fixture.pool))
            #expect(stored == record)
            #expect(try await fixture.count("SELECT count(*) AS n FROM audit_events WHERE action = 'validation.requested'") == 1)
            // The link is never stored; only the digest of its nonce.
            #expect(try await fixture.count("SELECT count(*) AS n FROM validations WHERE length(link_nonce_hash) = 32") == 1)
        }
    }

    @Test func nothingLeftToValidateIsAConflictUntilNewTimeIsApproved() async throws {
        try await withFixture { fixture in
            try await fixture.world.insertApprovedTime(on: "2026-05-18", minutes: 480)
            _ = try await fixture.requestWeek()
            await #expect(throws: DomainError.conflict("There are no approved entries or expenses from 2026-05-18 to 2026-05-24 to validate.")) {
                try await fixture.requestWeek()
            }
            let late = try await fixture.world.insertApprovedTime(on: "2026-05-22", minutes: 60)
            let second = try await fixture.requestWeek()
            #expect(second.record.entryIDs == [late])
        }
    }

    @Test func acceptingMakesEveryEntryClientValidated() async throws {
        try await withFixture { fixture in
            let entries = [
                try await fixture.world.insertApprovedTime(on: "2026-05-18", minutes: 480),
                try await fixture.world.insertApprovedTime(on: "2026-05-19", minutes: 240),
            ]
            let issued = try await fixture.requestWeek()
            let decided = try await fixture.service.decide(issued.record.id, decision: .accept, comment: nil, caller: fixture.client)
            #expect(decided.status == .accepted)
            #expect(decided.decidedVia == .account)
            #expect(decided.decidedBy == fixture.world.roles.client.id)
            #expect(decided.clientAddress == "192.0.2.10")
            for entry in entries {
                #expect(try await fixture.world.entryState(entry).status == "client_validated")
            }
            // The captured rates stay; the decision is audited with the entries.
            #expect(try await fixture.count("SELECT count(*) AS n FROM time_entries WHERE billable_rate_scaled = 950000") == 2)
            #expect(try await fixture.count("SELECT count(*) AS n FROM audit_events WHERE action = 'validation.accepted'") == 1)
            await #expect(throws: DomainError.conflict("This validation request was already accepted.")) {
                try await fixture.service.decide(issued.record.id, decision: .reject, comment: "No", caller: fixture.client)
            }
        }
    }

    @Test func aRejectionSendsTheEntriesBackToTheApproverAndFreesThemForANewRequest() async throws {
        try await withFixture { fixture in
            let entry = try await fixture.world.insertApprovedTime(on: "2026-05-18", minutes: 480)
            let issued = try await fixture.requestWeek()
            let decided = try await fixture.service.decideByLink(
                issued.token, decision: .reject, comment: "Monday was a holiday", name: "Cleo",
                origin: RequestOrigin(requestID: nil, clientAddress: "198.51.100.4"))
            #expect(decided.status == .rejected)
            #expect(decided.decidedVia == .link)
            #expect(decided.decidedByName == "Cleo")
            #expect(decided.linkUsedAt != nil)
            let state = try await fixture.world.entryState(entry)
            #expect(state.status == "submitted")
            #expect(state.validationID == nil)
            #expect(state.clientRejectionComment == "Monday was a holiday")
            // Approved again (as the approver's code would), it can be validated anew.
            try await fixture.pool.execute(
                """
                UPDATE time_entries SET status = 'approved', billable_rate_scaled = 950000, cost_rate_scaled = 500000
                WHERE id = \(entry)
                """)
            let again = try await fixture.requestWeek()
            #expect(again.record.entryIDs == [entry])
        }
    }

    @Test func anExpiredUndecidedRequestIsSupersededByTheNextOne() async throws {
        try await withFixture { fixture in
            let entry = try await fixture.world.insertApprovedTime(on: "2026-05-18", minutes: 480)
            let first = try await fixture.requestWeek(expiresInHours: 1)
            fixture.clock.advance(by: .seconds(3600))
            let second = try await fixture.requestWeek()
            #expect(second.record.entryIDs == [entry])
            #expect(try await ValidationStore().find(first.record.id, on: fixture.pool)?.status == .superseded)
            await #expect(throws: ValidationLinkGone(refusal: .decided(.superseded))) {
                try await fixture.service.openLink(first.token)
            }
            #expect(try await fixture.service.openLink(second.token).id == second.record.id)
        }
    }

    @Test func aDecisionIsRefusedWholeWhenAnEntryIsNoLongerApproved() async throws {
        try await withFixture { fixture in
            let kept = try await fixture.world.insertApprovedTime(on: "2026-05-18", minutes: 480)
            let changed = try await fixture.world.insertApprovedTime(on: "2026-05-19", minutes: 480)
            let issued = try await fixture.requestWeek()
            try await fixture.pool.execute(
                "UPDATE time_entries SET status = 'submitted', billable_rate_scaled = NULL, cost_rate_scaled = NULL WHERE id = \(changed)")
            await #expect(throws: DomainError.conflict("Only an approved entry can be validated by the client; this one is submitted.")) {
                try await fixture.service.decide(issued.record.id, decision: .accept, comment: nil, caller: fixture.client)
            }
            #expect(try await fixture.world.entryState(kept).status == "approved")
            #expect(try await ValidationStore().find(issued.record.id, on: fixture.pool)?.status == .pending)
        }
    }

    @Test func aProjectThatNeedsNoValidationRefusesARequest() async throws {
        try await withFixture { fixture in
            try await fixture.world.insertApprovedTime(on: "2026-05-18", minutes: 480)
            try await fixture.pool.execute("UPDATE projects SET requires_client_validation = false WHERE id = \(fixture.world.projectID)")
            let notRequired = DomainError.conflict(
                "This project does not require client validation; its approved time can be invoiced as it is.")
            await #expect(throws: notRequired) { try await fixture.requestWeek() }
            #expect(try await fixture.count("SELECT count(*) AS n FROM validations") == 0)
        }
    }

    @Test func twoConcurrentLinkDecisionsRecordExactlyOne() async throws {
        try await withFixture { fixture in
            try await fixture.world.insertApprovedTime(on: "2026-05-18", minutes: 480)
            let issued = try await fixture.requestWeek()
            let origin = RequestOrigin(requestID: nil, clientAddress: "198.51.100.4")
            async let accept = try? fixture.service.decideByLink(issued.token, decision: .accept, comment: nil, name: "A", origin: origin)
            async let reject = try? fixture.service.decideByLink(issued.token, decision: .reject, comment: "x", name: "B", origin: origin)
            let outcomes = await [accept, reject].compactMap { $0 }
            #expect(outcomes.count == 1)
            #expect(try await fixture.count("SELECT count(*) AS n FROM audit_events WHERE action LIKE 'validation.%ed' AND action <> 'validation.requested'") == 1)
        }
    }
}
