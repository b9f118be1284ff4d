import Domain
import Foundation
import Testing

@Suite("Draft lines")
struct DraftPlannerTests {
    let project = ProjectID.random()
    let client = ClientID.random()
    let design = TaskID.random()
    let build = TaskID.random()
    let ana = UserID.random()
    let bob = UserID.random()

    func entry(_ task: TaskID, _ user: UserID, minutes: Int, rate: String, day: Int) throws -> BillableItem {
        let hourly = try HourlyRate(parsing: rate, currency: .eur)
        return try BillableItem(
            reference: .timeEntry(.random()), clientID: client, projectID: project, projectName: "Site",
            date: LocalDate(year: 2026, month: 11, day: day)!, description: "time",
            quantity: .hours(fromMinutes: minutes), unitPrice: UnitPrice(hourly), vatRateBP: nil,
            time: BillableTime(
                taskID: task, taskName: task == design ? "Design" : "Build", userID: user, userName: user == ana ? "Ana" : "Bob",
                minutes: minutes, note: "", rate: hourly))
    }

    @Test func timeIsGroupedPerTaskAndRateWithMinutesSummedBeforeRounding() throws {
        let items = [
            try entry(design, ana, minutes: 20, rate: "90", day: 2), try entry(design, bob, minutes: 20, rate: "90", day: 3),
            try entry(design, bob, minutes: 20, rate: "90", day: 5), try entry(build, ana, minutes: 60, rate: "90", day: 4),
            try entry(build, bob, minutes: 30, rate: "120", day: 4),
        ]
        let lines = try DraftPlanner.lines(for: items, grouping: .task) { .standard($0 ?? 2100) }
        #expect(lines.count == 3)
        let designLine = try #require(lines.first { $0.description == "Site — Design" })
        // 3 × 20 min = 1.00 h (per entry it would be 3 × 0.33 = 0.99 h).
        #expect(designLine.quantity.decimalString == "1")
        #expect(designLine.items.count == 3)
        #expect(designLine.periodFrom == LocalDate(year: 2026, month: 11, day: 2))
        #expect(designLine.periodTo == LocalDate(year: 2026, month: 11, day: 5))
        #expect(lines.filter { $0.description == "Site — Build" }.map(\.unitPrice.decimalString).sorted() == ["120.00", "90.00"])
    }

    @Test(arguments: [(TimeGrouping.person, 3), (.entry, 5), (.project, 2), (.task, 3)] as [(TimeGrouping, Int)])
    func eachGroupingGivesItsLines(grouping: TimeGrouping, count: Int) throws {
        let items = [
            try entry(design, ana, minutes: 20, rate: "90", day: 2), try entry(design, bob, minutes: 20, rate: "90", day: 3),
            try entry(design, bob, minutes: 20, rate: "90", day: 5), try entry(build, ana, minutes: 60, rate: "90", day: 4),
            try entry(build, bob, minutes: 30, rate: "120", day: 4),
        ]
        let lines = try DraftPlanner.lines(for: items, grouping: grouping) { .standard($0 ?? 2100) }
        #expect(lines.count == count)
        #expect(lines.flatMap(\.items).count == 5)
    }

    @Test func depositsAreDeductedUpToWhatIsLeftAndNeverBelowTheProjectsNet() throws {
        let deposit = DepositOnAccount(
            invoiceID: .random(), number: "2026-0001", issueDate: LocalDate(year: 2026, month: 10, day: 1)!, projectID: project,
            net: Money(amountMinor: 300_000, currency: .eur), tax: .standard(2100), deducted: Money(amountMinor: 50_000, currency: .eur))
        let full = try DepositDeduction.lines(for: [deposit], projectNet: Money(amountMinor: 1_000_000, currency: .eur)) { "Less \($0.number)" }
        #expect(full.count == 1)
        #expect(try full[0].net() == Money(amountMinor: -250_000, currency: .eur))
        #expect(full[0].quantity == InvoiceQuantity.one.negated)
        #expect(full[0].tax == .standard(2100))
        let capped = try DepositDeduction.lines(for: [deposit], projectNet: Money(amountMinor: 100_000, currency: .eur)) { _ in "Less" }
        #expect(try capped[0].net() == Money(amountMinor: -100_000, currency: .eur))
        #expect(try DepositDeduction.lines(for: [deposit], projectNet: .zero(.eur)) { _ in "" }.isEmpty)
    }

    @Test(
        arguments: [
            (10_000, 0, 10_000, nil, InvoiceStatus.paid),
            (10_000, 0, 4_000, nil, .partiallyPaid),
            (10_000, 10_000, 0, nil, .credited),
            (10_000, 0, 0, LocalDate(year: 2026, month: 11, day: 30), .overdue),
            (10_000, 0, 4_000, LocalDate(year: 2026, month: 11, day: 30), .overdue),
            (10_000, 0, 0, LocalDate(year: 2026, month: 12, day: 7), .issued),
            (10_000, 4_000, 6_000, LocalDate(year: 2026, month: 11, day: 1), .paid),
        ] as [(Int64, Int64, Int64, LocalDate?, InvoiceStatus)]
    )
    func theStatusFollowsPaymentsCreditsAndTheDueDate(total: Int64, credited: Int64, paid: Int64, due: LocalDate?, status: InvoiceStatus) {
        let eur = { (minor: Int64) in Money(amountMinor: minor, currency: .eur) }
        #expect(
            InvoiceStatus.of(
                total: eur(total), credited: eur(credited), paid: eur(paid), dueDate: due, today: LocalDate(year: 2026, month: 12, day: 7)!)
                == status)
    }
}
