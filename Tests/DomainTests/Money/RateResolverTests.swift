import Domain
import Foundation
import Testing

@Suite("RateResolver")
struct RateResolverTests {
    // Projects 1–3, tasks 11–12, users 21–23.
    static let website: ProjectID = WorkFixture.id(1)
    static let audit: ProjectID = WorkFixture.id(2)
    static let empty: ProjectID = WorkFixture.id(3)
    static let design: TaskID = WorkFixture.id(11)
    static let meetings: TaskID = WorkFixture.id(12)
    static let ana: UserID = WorkFixture.id(21)
    static let ben: UserID = WorkFixture.id(22)
    static let cleo: UserID = WorkFixture.id(23)

    /// The rate tables every test resolves against.
    static let resolver: RateResolver = {
        var resolver = RateResolver()
        let date = WorkFixture.date
        let rate = { (text: String) in WorkFixture.rate(text) }
        resolver.add(rate("120"), from: date("2026-01-01"), to: .task(design))
        // Ana's rate on the website changes on Wednesday 2026-03-04.
        resolver.add(rate("100"), from: date("2026-01-01"), to: .projectMember(website, ana))
        resolver.add(rate("110"), from: date("2026-03-04"), to: .projectMember(website, ana))
        resolver.add(rate("90"), from: date("2026-01-01"), to: .project(website))
        // The audit project only has a rate from June on.
        resolver.add(rate("150"), from: date("2026-06-01"), to: .project(audit))
        resolver.add(rate("80"), from: date("2025-01-01"), to: .collaboratorDefault(ana))
        resolver.add(rate("70"), from: date("2025-01-01"), to: .collaboratorDefault(ben))
        resolver.add(rate("40"), from: date("2025-01-01"), to: .collaboratorCost(ana))
        resolver.add(rate("45"), from: date("2026-03-04"), to: .collaboratorCost(ana))
        return resolver
    }()

    @Test(
        arguments: [
            // A rate change in the middle of a week: Mon–Tue at the old rate, Wed–Fri at the new one.
            ("2026-03-02", "100", "2026-01-01"),
            ("2026-03-03", "100", "2026-01-01"),
            ("2026-03-04", "110", "2026-03-04"),
            ("2026-03-05", "110", "2026-03-04"),
            ("2026-03-06", "110", "2026-03-04"),
        ]
    )
    func aRateChangeMidWeekAppliesFromItsDayOn(day: String, rate: String, from: String) {
        let resolved = Self.resolver.resolveBillable(
            on: WorkFixture.date(day),
            task: Self.meetings,
            project: Self.website,
            user: Self.ana
        )
        #expect(
            resolved
                == ResolvedRate(
                    rate: WorkFixture.rate(rate),
                    effectiveFrom: WorkFixture.date(from),
                    level: .projectMember
                )
        )
    }

    @Test(
        arguments: [
            // day, task, project, user → rate, level, effective from
            ("2026-03-02", design, website, ana, "120", RateLevel.task, "2026-01-01"),  // task beats member
            ("2026-03-02", nil, website, ana, "100", .projectMember, "2026-01-01"),  // no task
            ("2026-03-02", meetings, website, ben, "90", .project, "2026-01-01"),  // no member rate for Ben
            // The audit project has a rate only from June on.
            ("2026-03-02", meetings, audit, ben, "70", .collaboratorDefault, "2025-01-01"),
            ("2026-06-01", meetings, audit, ben, "150", .project, "2026-06-01"),
            // Before 2026 the task, member and project rates are all in the future.
            ("2025-12-31", design, website, ana, "80", .collaboratorDefault, "2025-01-01"),
            ("2026-03-02", meetings, empty, ana, "80", .collaboratorDefault, "2025-01-01"),
        ] as [(String, TaskID?, ProjectID, UserID, String, RateLevel, String)]
    )
    func theMostSpecificLevelWithARateInForceWins(
        day: String,
        task: TaskID?,
        project: ProjectID,
        user: UserID,
        rate: String,
        level: RateLevel,
        from: String
    ) {
        let resolved = Self.resolver.resolveBillable(
            on: WorkFixture.date(day),
            task: task,
            project: project,
            user: user
        )
        #expect(
            resolved == ResolvedRate(rate: WorkFixture.rate(rate), effectiveFrom: WorkFixture.date(from), level: level)
        )
    }

    @Test(
        arguments: [
            ("2026-03-02", Self.empty, Self.cleo),  // nobody has any rate
            ("2024-12-31", Self.audit, Self.ben),  // before every rate of every level
        ]
    )
    func noRateInForceAtAnyLevelResolvesToNothing(day: String, project: ProjectID, user: UserID) {
        #expect(
            Self.resolver.resolveBillable(on: WorkFixture.date(day), task: nil, project: project, user: user) == nil
        )
    }

    @Test(arguments: [("2026-03-03", "40"), ("2026-03-04", "45"), ("2026-12-31", "45")])
    func theCostRateIsTheCollaboratorsRateInForceThatDay(day: String, rate: String) {
        #expect(Self.resolver.resolveCost(on: WorkFixture.date(day), user: Self.ana)?.rate == WorkFixture.rate(rate))
    }

    @Test func withoutACostRateInForceTheCostIsUnknown() {
        #expect(Self.resolver.resolveCost(on: WorkFixture.date("2024-12-31"), user: Self.ana) == nil)
        #expect(Self.resolver.resolveCost(on: WorkFixture.date("2026-03-04"), user: Self.ben) == nil)
    }

    @Test func aDayRateDividedByEightKeepsFourDecimalsAndLosesNoMoney() throws {
        // 999.99 a day / 8 = 124.99875 → 124.9988 an hour; 8 hours bill 999.99 again.
        let hourly = try HourlyRate(dayRate: WorkFixture.eur("999.99"), hoursPerDay: 8)
        var resolver = RateResolver()
        resolver.add(hourly, from: WorkFixture.date("2026-01-01"), to: .projectMember(Self.website, Self.cleo))
        let resolved = try #require(
            resolver.resolveBillable(
                on: WorkFixture.date("2026-03-04"),
                task: nil,
                project: Self.website,
                user: Self.cleo
            )
        )
        #expect(resolved.rate.scaled == 1_249_988)
        #expect(resolved.rate.decimalString == "124.9988")
        #expect(try resolved.rate.amount(forMinutes: 480) == WorkFixture.eur("999.99"))
        #expect(try HourlyRate(dayRate: WorkFixture.eur("650"), hoursPerDay: 8).decimalString == "81.25")
    }

    @Test func storedUserRatesFillTheDefaultAndCostTables() {
        var resolver = RateResolver()
        let from = WorkFixture.date("2026-01-01")
        resolver.add(
            UserRate(
                id: .random(),
                userID: Self.ben,
                kind: .billable,
                effectiveFrom: from,
                rate: WorkFixture.rate("75")
            )
        )
        resolver.add(
            UserRate(id: .random(), userID: Self.ben, kind: .cost, effectiveFrom: from, rate: WorkFixture.rate("35"))
        )
        let day = WorkFixture.date("2026-02-02")
        #expect(
            resolver.resolveBillable(on: day, task: nil, project: Self.website, user: Self.ben)?.rate
                == WorkFixture.rate("75")
        )
        #expect(resolver.resolveCost(on: day, user: Self.ben)?.rate == WorkFixture.rate("35"))
    }

    @Test func aScheduleIsOrderedByDateWhateverTheInputOrderAndTheLastRateForADateWins() {
        let date = WorkFixture.date
        let schedule = RateSchedule([
            EffectiveRate(effectiveFrom: date("2026-03-01"), rate: WorkFixture.rate("30")),
            EffectiveRate(effectiveFrom: date("2026-01-01"), rate: WorkFixture.rate("10")),
            EffectiveRate(effectiveFrom: date("2026-02-01"), rate: WorkFixture.rate("20")),
            EffectiveRate(effectiveFrom: date("2026-02-01"), rate: WorkFixture.rate("25")),
        ])
        #expect(schedule.rates.map(\.effectiveFrom) == [date("2026-01-01"), date("2026-02-01"), date("2026-03-01")])
        #expect(schedule.inForce(on: date("2025-12-31")) == nil)
        #expect(schedule.inForce(on: date("2026-02-01"))?.rate == WorkFixture.rate("25"))
        #expect(schedule.inForce(on: date("2026-02-28"))?.rate == WorkFixture.rate("25"))
        #expect(schedule.inForce(on: date("2030-01-01"))?.rate == WorkFixture.rate("30"))
        #expect(RateSchedule().isEmpty)
    }

    @Test func levelsHaveStableStoredNames() {
        #expect(RateLevel.allCases.map(\.rawValue) == ["task", "project_member", "project", "collaborator_default"])
    }
}
