import Domain
import Foundation
import Postgres
import Services
import Storage
import TestSupport
import Testing

@Suite struct UserManagementTests {
    @Test func twoAdminsDemotingEachOtherAtOnceLeaveExactlyOneAdmin() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 6)
            let world = try await PeopleWorld.make(pool: pool)
            let users = UserService(pool: pool, clock: world.clock, hasher: TestApp.hasher)
            let second = try await users.create(
                NewUser(email: "second-admin@people.test", name: "Second", role: .admin, password: PeopleWorld.password),
                caller: world.adminCaller)
            let store = UserStore()
            for _ in 0..<5 {
                let first = try #require(try await store.find(world.admin.id, on: pool))
                let other = try #require(try await store.find(second.id, on: pool))
                async let demoteOther = try? users.update(
                    other.id, changes: UserChanges(role: .manager), expectedVersion: other.version, caller: world.caller(first))
                async let demoteFirst = try? users.update(
                    first.id, changes: UserChanges(role: .manager), expectedVersion: first.version, caller: world.caller(other))
                let outcomes = await [demoteOther, demoteFirst]
                #expect(outcomes.compactMap { $0 }.count == 1)
                #expect(try await store.countAdmins(on: pool) == 1)
                // Promote the demoted one again for the next round.
                let demoted = try #require(outcomes.compactMap { $0 }.first)
                let remaining = demoted.id == first.id ? other : first
                _ = try await users.update(
                    demoted.id, changes: UserChanges(role: .admin), expectedVersion: demoted.version,
                    caller: world.caller(try #require(try await store.find(remaining.id, on: pool))))
            }
        }
    }

    @Test func aRefusedDeactivationRevokesNoSession() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await PeopleWorld.make(pool: pool)
            let users = UserService(pool: pool, clock: world.clock, hasher: TestApp.hasher)
            let lastAdmin = DomainError.conflict(
                "This is the last active admin: make another user admin before demoting or deactivating this one.")
            await #expect(throws: lastAdmin) {
                try await users.update(world.admin.id, changes: UserChanges(isActive: false), expectedVersion: 1, caller: world.adminCaller)
            }
            let live: Int = try await pool.queryOne(
                "SELECT count(*) AS n FROM sessions WHERE user_id = \(world.admin.id) AND revoked_at IS NULL"
            ).decode("n")
            #expect(live == 1)
            #expect(try await world.auth.authenticate(token: world.adminToken, origin: .commandLine) != nil)
        }
    }

    /// Issue 10 item 11: a duplicate email used to pay for a bcrypt hash (~0.4 s) before
    /// the unique constraint refused it. With a hasher that cannot hash at all, the
    /// duplicate is still refused as a conflict: nothing was hashed.
    @Test func aTakenEmailIsRefusedBeforeThePasswordIsHashed() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await PeopleWorld.make(pool: pool)
            let stopped = PasswordHasher(cost: 4, threads: 1)
            await stopped.shutdown()
            let users = UserService(pool: pool, clock: world.clock, hasher: stopped)
            await #expect(throws: DomainError.emailTaken) {
                try await users.create(
                    NewUser(email: world.member.email.uppercased(), name: "Again", role: .member, password: PeopleWorld.password),
                    caller: world.adminCaller)
            }
        }
    }

    @Test func aNoOpChangeWritesNothing() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await PeopleWorld.make(pool: pool)
            let users = UserService(pool: pool, clock: world.clock, hasher: TestApp.hasher)
            let audited = try await world.count("audit_events")
            let same = try await users.update(
                world.member.id, changes: UserChanges(name: "Mia Member", role: .member), expectedVersion: 1, caller: world.adminCaller)
            #expect(same.version == 1)
            #expect(try await world.count("audit_events") == audited)
        }
    }

    @Test func storedRatesResolveTheRateInForceOnADate() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await PeopleWorld.make(pool: pool)
            let rates = RateService(pool: pool, clock: world.clock)
            for (date, rate) in [("2026-01-01", "80"), ("2026-07-01", "90.125")] {
                _ = try await rates.create(
                    NewUserRate(kind: .cost, effectiveFrom: LocalDate(iso: date)!, rate: rate, currency: "EUR"), userID: world.member.id,
                    caller: world.adminCaller)
            }
            let stored = try await rates.list(userID: world.member.id, caller: world.adminCaller)
            #expect(UserRate.inForce(stored, kind: .cost, on: LocalDate(iso: "2026-06-30")!)?.rate.scaled == 800_000)
            #expect(UserRate.inForce(stored, kind: .cost, on: LocalDate(iso: "2026-07-01")!)?.rate.scaled == 901_250)
            #expect(UserRate.inForce(stored, kind: .cost, on: LocalDate(iso: "2025-12-31")!) == nil)
            await #expect(throws: DomainError.forbidden("Your role does not allow you to see cost rates, margins or profitability.")) {
                try await rates.list(userID: world.member.id, caller: world.caller(world.member))
            }
        }
    }
}
