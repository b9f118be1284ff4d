import Domain
import Foundation
import Postgres
import Services
import TestSupport
import Testing

/// `sheaf reset-password` (issue 10 item 22): the way back into a lost account.
@Suite struct PasswordResetTests {
    @Test func aResetSetsTheNewPasswordRevokesEverySessionAndIsAudited() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await PeopleWorld.make(pool: pool)
            let newPassword = "a brand new passphrase 42"

            let user = try await world.auth.resetPassword(email: "  " + world.admin.email.uppercased(), new: newPassword)

            #expect(user.id == world.admin.id)
            #expect(try await world.auth.authenticate(token: world.adminToken, origin: .commandLine) == nil)
            #expect(try await world.auth.authenticate(token: world.memberToken, origin: .commandLine) != nil)
            let session = try await world.auth.login(
                email: world.admin.email, password: newPassword, origin: .commandLine, userAgent: nil)
            #expect(session.user.id == world.admin.id)
            let audited: Int = try await pool.queryOne(
                "SELECT count(*) AS n FROM audit_events WHERE action = 'user.password_reset' AND subject_id = \(world.admin.id.description) AND actor_id IS NULL"
            ).decode("n")
            #expect(audited == 1)
        }
    }

    @Test func anUnknownEmailOrAWeakPasswordChangesNothing() async throws {
        try await TestDatabase.withFresh { database in
            let pool = await database.makePool()
            let world = try await PeopleWorld.make(pool: pool)
            await #expect(throws: DomainError.notFound(entity: "user")) {
                try await world.auth.resetPassword(email: "nobody@people.test", new: "a brand new passphrase 42")
            }
            await #expect {
                try await world.auth.resetPassword(email: world.admin.email, new: "short")
            } throws: { error in
                (error as? DomainError)?.fieldErrors.map(\.field) == ["password"]
            }
            #expect(try await world.auth.authenticate(token: world.adminToken, origin: .commandLine) != nil)
        }
    }
}
