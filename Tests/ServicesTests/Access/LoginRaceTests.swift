import Domain
import Foundation
import Postgres
import Services
import TestSupport
import Testing

/// Issue 11 items 3 and 4: the login throttle holds under concurrency, and one account
/// cannot pile up live sessions.
@Suite struct LoginRaceTests {
    @Test func thirtyConcurrentWrongPasswordsPassTheThrottleAtMostFiveTimes() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool(size: 8)
            let world = try await PeopleWorld.make(pool: pool)
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for attempt in 0..<30 {
                    group.addTask {
                        do {
                            _ = try await world.auth.login(
                                email: world.member.email, password: "wrong password \(attempt)",
                                origin: RequestOrigin(requestID: nil, clientAddress: "198.51.100.\(attempt)"), userAgent: nil)
                            return "created"
                        } catch DomainError.invalidCredentials {
                            return "401"
                        } catch DomainError.tooManyRequests {
                            return "429"
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "401" }.count == LoginThrottle().perAccount.maxFailures, "\(outcomes)")
            #expect(outcomes.filter { $0 == "429" }.count == 30 - LoginThrottle().perAccount.maxFailures)
        }
    }

    @Test func aNewLoginRevokesTheOldestSessionsBeyondFifty() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await PeopleWorld.make(pool: pool)
            var tokens: [String] = []
            for _ in 0..<(AuthService.maximumSessionsPerUser + 2) {
                tokens.append(try await world.auth.login(email: world.member.email, password: PeopleWorld.password, origin: .commandLine, userAgent: nil).token)
            }
            let live: Int = try await pool.queryOne(
                "SELECT count(*) AS n FROM sessions WHERE user_id = \(world.member.id) AND revoked_at IS NULL").decode("n")
            #expect(live == AuthService.maximumSessionsPerUser)
            #expect(try await world.auth.authenticate(token: tokens[0], origin: .commandLine) == nil)
            #expect(try await world.auth.authenticate(token: tokens.last!, origin: .commandLine) != nil)
        }
    }
}
