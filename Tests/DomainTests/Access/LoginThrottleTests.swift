import Domain
import Foundation
import Testing

@Suite("LoginThrottle")
struct LoginThrottleTests {
    let throttle = LoginThrottle()
    let now = at(minutes: 60)

    private func failures(
        _ count: Int,
        oldestMinutesAgo minutes: Int64,
        seconds: Int64 = 0,
        milliseconds: Int64 = 0
    )
        -> LoginThrottle.Failures
    {
        LoginThrottle.Failures(
            count: count,
            oldestAt: at(minutes: 60 - minutes, seconds: -seconds, milliseconds: -milliseconds)
        )
    }

    @Test func theDefaultsAreFivePerAccountAndTwentyPerAddressInFifteenMinutes() {
        #expect(throttle.perAccount == LoginThrottle.Limit(maxFailures: 5, window: .seconds(900)))
        #expect(throttle.perAddress == LoginThrottle.Limit(maxFailures: 20, window: .seconds(900)))
        #expect(throttle.windowStart(of: throttle.perAccount, now: now) == at(minutes: 45))
    }

    @Test(
        arguments: [
            // account count, oldest (min ago), address count, oldest (min ago), retry after
            (0, 0, 0, 0, nil),
            (4, 10, 19, 10, nil),  // below both limits
            (5, 10, 0, 0, 300),  // the oldest account failure leaves the window in 5 min
            (5, 1, 0, 0, 840),
            (9, 10, 0, 0, 300),
            (0, 0, 20, 5, 600),  // per-address limit
            (5, 10, 20, 5, 600),  // both reached: wait for the later one
            (5, 14, 20, 2, 780),
            (5, 15, 0, 0, 1),  // at the window's edge: at least one second
        ] as [(Int, Int64, Int, Int64, Int?)]
    )
    func aLoginIsRefusedUntilTheOldestFailureLeavesTheWindow(
        accountCount: Int,
        accountAgo: Int64,
        addressCount: Int,
        addressAgo: Int64,
        retryAfter: Int?
    ) {
        let result = throttle.retryAfterSeconds(
            account: failures(accountCount, oldestMinutesAgo: accountAgo),
            address: failures(addressCount, oldestMinutesAgo: addressAgo),
            now: now
        )
        #expect(result == retryAfter)
    }

    @Test func aPartSecondIsRoundedUp() {
        let almostGone = failures(5, oldestMinutesAgo: 14, seconds: 59, milliseconds: 500)
        #expect(throttle.retryAfterSeconds(account: almostGone, address: .none, now: now) == 1)
        let justOver = failures(5, oldestMinutesAgo: 10, milliseconds: 1)
        #expect(throttle.retryAfterSeconds(account: justOver, address: .none, now: now) == 300)
        let justUnder = failures(5, oldestMinutesAgo: 9, seconds: 59, milliseconds: 999)
        #expect(throttle.retryAfterSeconds(account: justUnder, address: .none, now: now) == 301)
    }

    @Test func aReachedLimitWithoutATimestampWaitsTheWholeWindow() {
        let unknown = LoginThrottle.Failures(count: 5, oldestAt: nil)
        #expect(throttle.retryAfterSeconds(account: unknown, address: .none, now: now) == 900)
    }

    @Test func checkThrowsTooManyRequestsWithTheWait() throws {
        #expect(throws: DomainError.tooManyRequests(retryAfterSeconds: 300)) {
            try throttle.check(account: failures(5, oldestMinutesAgo: 10), address: .none, now: now)
        }
        try throttle.check(account: failures(4, oldestMinutesAgo: 10), address: .none, now: now)
    }

    @Test func customLimitsApply() {
        let strict = LoginThrottle(
            perAccount: .init(maxFailures: 3, window: .seconds(60)),
            perAddress: .init(maxFailures: 10, window: .seconds(3600))
        )
        #expect(
            strict.retryAfterSeconds(
                account: failures(3, oldestMinutesAgo: 0, seconds: 20),
                address: .none,
                now: now
            ) == 40
        )
        #expect(
            strict.retryAfterSeconds(
                account: .none,
                address: failures(10, oldestMinutesAgo: 30),
                now: now
            ) == 1800
        )
    }
}
