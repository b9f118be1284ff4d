import Domain
import Foundation
import Testing

@Suite("SessionLifetime")
struct SessionLifetimeTests {
    let lifetime = SessionLifetime(idleTimeout: .seconds(30 * 60), absoluteLifetime: .seconds(12 * 3600))

    @Test(
        arguments: [
            // created, last seen, expected expiry (minutes)
            (0, 0, 30),
            (0, 10, 40),  // idle timeout from the last use
            (0, 700, 720),  // 11 h 40 last use: idle end 12 h 10 is capped at 12 h
            (0, 710, 720),
            (0, -5, 30),  // last seen before creation counts as creation
        ] as [(Int64, Int64, Int64)]
    )
    func aSessionExpiresAtTheEarlierOfIdleAndAbsoluteEnd(created: Int64, lastSeen: Int64, expiry: Int64) {
        #expect(
            lifetime.expiresAt(createdAt: at(minutes: created), lastSeenAt: at(minutes: lastSeen))
                == at(minutes: expiry)
        )
    }

    @Test(
        arguments: [
            (0, 10, 39, false),
            (0, 10, 40, true),  // the expiry instant itself is expired
            (0, 10, 41, true),
            (0, 700, 719, false),
            (0, 700, 720, true),
            (0, 0, -1, false),  // a clock slightly behind another instance's
        ] as [(Int64, Int64, Int64, Bool)]
    )
    func aSessionIsExpiredFromItsExpiryInstantOn(created: Int64, lastSeen: Int64, now: Int64, expired: Bool) {
        let result = lifetime.isExpired(
            createdAt: at(minutes: created),
            lastSeenAt: at(minutes: lastSeen),
            now: at(minutes: now)
        )
        #expect(result == expired)
    }

    @Test func aNonPositiveTimeoutExpiresSessionsImmediately() {
        let broken = SessionLifetime(idleTimeout: .zero, absoluteLifetime: .seconds(-1))
        #expect(broken.isExpired(createdAt: at(minutes: 0), lastSeenAt: at(minutes: 0), now: at(minutes: 0)))
    }

    @Test func extremeDatesDoNotTrap() {
        #expect(lifetime.isExpired(createdAt: .distantPast, lastSeenAt: .distantPast, now: .distantFuture))
        let absurd = Date(timeIntervalSince1970: .greatestFiniteMagnitude)
        #expect(lifetime.isExpired(createdAt: .distantPast, lastSeenAt: .distantPast, now: absurd))
    }

    @Test func anEnormousLifetimeDoesNotOverflow() {
        let forever = SessionLifetime(idleTimeout: .seconds(Int64.max), absoluteLifetime: .seconds(Int64.max))
        #expect(!forever.isExpired(createdAt: at(minutes: 0), lastSeenAt: at(minutes: 0), now: at(minutes: 10_000_000)))
    }
}
