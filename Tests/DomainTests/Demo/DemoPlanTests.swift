import Domain
import Testing

/// The shape of `sheaf demo --scale N` (issue 18 item 1).
@Suite struct DemoPlanTests {
    static let friday = LocalDate(year: 2026, month: 3, day: 13)!

    @Test(arguments: [
        (1, 1, 12, 4, 1),
        (5, 5, 60, 12, 3),
        (100, 100, 1_200, 221, 56),
    ])
    func countsFollowTheScale(scale: Int, teams: Int, staff: Int, projects: Int, clients: Int) throws {
        let plan = try DemoPlan(scale: scale, seed: 42, lastDay: Self.friday)
        #expect(plan.teams == teams)
        #expect(plan.staff == staff)
        #expect(plan.projects == projects)
        #expect(plan.clients == clients)
    }

    @Test func theHistoryIsTheFiftyTwoWeeksEndingOnTheLastDay() throws {
        let plan = try DemoPlan(scale: 1, seed: 1, lastDay: Self.friday)
        #expect(plan.firstDay == LocalDate(year: 2025, month: 3, day: 15)!)
        #expect(plan.firstDay.days(until: plan.lastDay) == 363)
        #expect(plan.openFrom == LocalDate(year: 2026, month: 2, day: 28)!)
        #expect(plan.submittedFrom == LocalDate(year: 2026, month: 2, day: 14)!)
        // The first whole months: April and May 2025.
        #expect(plan.invoicedMonths == [LocalDate(year: 2025, month: 4, day: 1)!, LocalDate(year: 2025, month: 5, day: 1)!])
    }

    @Test func everyModelComesUpFromScaleOne() {
        #expect((1...4).map(DemoPlan.billingModel(ofProject:)) == [.timeAndMaterials, .fixedPrice, .timeAndMaterials, .retainer])
    }

    @Test(arguments: [0, -1, DemoPlan.maximumScale + 1])
    func aScaleOutsideTheRangeIsRefused(scale: Int) {
        #expect(throws: DomainError.self) { try DemoPlan(scale: scale, seed: 1, lastDay: Self.friday) }
    }
}
