import Domain
import Foundation
import Testing

@Suite("TimeEntry")
struct TimeEntryTests {
    static let member: UserID = WorkFixture.id(1)
    static let approver: UserID = WorkFixture.id(2)
    static let project: ProjectID = WorkFixture.id(10)
    static let task: TaskID = WorkFixture.id(20)

    static func entry(_ date: String, status: TimeEntryStatus = .submitted, billable: Bool = true) -> TimeEntry {
        TimeEntry(
            id: WorkFixture.id(99), userID: member, projectID: project, taskID: task, workDate: WorkFixture.date(date), minutes: 480,
            note: "", billable: billable, status: status, createdAt: Date(timeIntervalSince1970: 0))
    }

    @Test(arguments: [("1.5", 90), ("1,5", 90), ("0.25", 15), ("0.3333", 20), ("24", 1440), ("0.0084", 1)] as [(String, Int)])
    func hoursBecomeMinutesRoundedHalfUp(hours: String, minutes: Int) throws {
        #expect(try TimeEntry.minutes(fromHours: hours) == minutes)
    }

    @Test(arguments: ["0", "-1", "24.01", "1.23456", "lots", "", "0.0083"])
    func hoursOutsideADayOrMalformedAreRefusedOnTheHoursField(hours: String) {
        #expect {
            try TimeEntry.minutes(fromHours: hours)
        } throws: { error in
            (error as? DomainError)?.fieldErrors.map(\.field) == ["hours"]
        }
    }

    @Test func aNoteIsTrimmedAndLimitedTo2000Characters() throws {
        #expect(try TimeEntry.validNote("  Kick-off \n") == "Kick-off")
        #expect(try TimeEntry.validNote(String(repeating: "é", count: 2000)).count == 2000)
        #expect(throws: DomainError.invalid(field: "note", message: "must be at most 2000 characters")) {
            try TimeEntry.validNote(String(repeating: "x", count: 2001))
        }
    }

    @Test func onlyAnOpenEntryIsEditableByItsAuthor() throws {
        try Self.entry("2026-03-02", status: .open).requireEditableByAuthor()
        for status in [TimeEntryStatus.submitted, .approved, .clientValidated, .invoiced] {
            expectDomainError(.conflict, "\(status)") { try Self.entry("2026-03-02", status: status).requireEditableByAuthor() }
        }
        #expect(throws: DomainError.conflict("An invoiced entry is read-only for everyone.")) {
            try Self.entry("2026-03-02", status: .invoiced).requireEditableByAuthor()
        }
    }

    /// Project 90 from 2025, member 95 from 2026-01-01, task 120 from Wednesday
    /// 2026-03-04; cost 50, then 55 from Thursday 2026-03-05.
    static var rates: RateResolver {
        var resolver = RateResolver()
        resolver.add(WorkFixture.rate("90"), from: WorkFixture.date("2025-01-01"), to: .project(project))
        resolver.add(WorkFixture.rate("95"), from: WorkFixture.date("2026-01-01"), to: .projectMember(project, member))
        resolver.add(WorkFixture.rate("120"), from: WorkFixture.date("2026-03-04"), to: .task(task))
        resolver.add(WorkFixture.rate("50"), from: WorkFixture.date("2025-01-01"), to: .collaboratorCost(member))
        resolver.add(WorkFixture.rate("55"), from: WorkFixture.date("2026-03-05"), to: .collaboratorCost(member))
        return resolver
    }

    @Test(
        arguments: [
            ("2025-12-31", "90.00", "50.00"), ("2026-01-01", "95.00", "50.00"), ("2026-03-03", "95.00", "50.00"),
            ("2026-03-04", "120.00", "50.00"), ("2026-03-05", "120.00", "55.00"),
        ]
    )
    func approvingCapturesTheRatesInForceOnTheWorkDate(date: String, billable: String, cost: String) throws {
        var entry = Self.entry(date)
        let now = Date(timeIntervalSince1970: 1_000)
        try entry.approve(by: Self.approver, at: now, rates: Self.rates, currency: .eur, label: "x", field: "ids[0]")
        #expect(entry.status == .approved)
        #expect(entry.billableRate == WorkFixture.rate(billable))
        #expect(entry.costRate == WorkFixture.rate(cost))
        #expect(entry.approvedBy == Self.approver)
        #expect(entry.approvedAt == now)
    }

    @Test func aBillableEntryWithoutARateIsRefusedNamingIt() {
        var entry = Self.entry("2026-03-02")
        #expect {
            try entry.approve(by: Self.approver, at: Date(), rates: RateResolver(), currency: .eur, label: "Mia on Web", field: "ids[3]")
        } throws: { error in
            guard let field = (error as? DomainError)?.fieldErrors.first else { return false }
            return field.field == "ids[3]" && field.message.contains(entry.id.description) && field.message.contains("Mia on Web")
        }
        #expect(entry.status == .submitted)
        #expect(entry.billableRate == nil)
    }

    /// A non-billable entry bills nothing (0), but a missing cost rate is not a cost of
    /// zero: it stays unknown (issue 10 item 1).
    @Test func aNonBillableEntryWithoutAnyRateBillsZeroAndKeepsItsCostUnknown() throws {
        var entry = Self.entry("2026-03-02", billable: false)
        try entry.approve(by: Self.approver, at: Date(), rates: RateResolver(), currency: .eur, label: "x", field: "ids[0]")
        #expect(entry.billableRate?.scaled == 0)
        #expect(entry.costRate == nil)
    }

    @Test func aRateInAnotherCurrencyIsRefused() {
        var resolver = RateResolver()
        resolver.add(WorkFixture.rate("80", try! Currency("USD")), from: WorkFixture.date("2025-01-01"), to: .collaboratorDefault(Self.member))
        var entry = Self.entry("2026-03-02")
        expectDomainError(.invalid(fields: ["ids[0]"])) {
            try entry.approve(by: Self.approver, at: Date(), rates: resolver, currency: .eur, label: "x", field: "ids[0]")
        }
        #expect(entry.status == .submitted)
    }

    @Test func rejectingReopensWithTheReasonAndClearsCapturedRates() throws {
        var entry = Self.entry("2026-03-02")
        entry.billableRate = WorkFixture.rate("95")
        entry.approvedBy = Self.approver
        try entry.reject(reason: "  Wrong task ")
        #expect(entry.status == .open)
        #expect(entry.rejectionReason == "Wrong task")
        #expect(entry.billableRate == nil && entry.approvedBy == nil)
        var open = Self.entry("2026-03-02", status: .open)
        #expect(throws: DomainError.conflict("Only a submitted entry can be rejected; this one is open.")) { try open.reject(reason: "No") }
    }
}
