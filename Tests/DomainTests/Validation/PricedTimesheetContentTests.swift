import Domain
import Foundation
import Testing

/// What a client validates now shows money (issue 11 items 12–14): billable and
/// non-billable time apart, each entry with its amount, the billable total.
@Suite("Priced timesheet validation")
struct PricedTimesheetContentTests {
    typealias Entry = TimesheetValidationSubject.Entry

    static let rate = try! HourlyRate(parsing: "87.50", currency: .eur)
    static let design: TaskID = WorkFixture.id(11)
    static let meetings: TaskID = WorkFixture.id(12)
    static let ana: UserID = WorkFixture.id(21)
    static let ben: UserID = WorkFixture.id(22)

    static let entries: [Entry] = [
        Entry(
            id: WorkFixture.id(103), workDate: WorkFixture.date("2026-03-03"), taskID: design, taskName: "Design", userID: ben,
            personName: "Ben Okafor", minutes: 90, note: "Wireframes <v2>", billable: true, billableRate: rate),
        Entry(
            id: WorkFixture.id(101), workDate: WorkFixture.date("2026-03-02"), taskID: design, taskName: "Design", userID: ana,
            personName: "Ana Lima", minutes: 20, note: "", billable: true, billableRate: rate),
        Entry(
            id: WorkFixture.id(102), workDate: WorkFixture.date("2026-03-02"), taskID: meetings, taskName: "Internal meetings",
            userID: ana, personName: "Ana Lima", minutes: 60, note: "Weekly", billable: false, billableRate: rate),
    ]

    static func subject(_ entries: [Entry] = entries) throws -> TimesheetValidationSubject {
        try TimesheetValidationSubject(
            agencyName: "Atelier", projectName: "Website relaunch", projectCode: "ACME-7", periodFrom: WorkFixture.date("2026-03-02"),
            periodTo: WorkFixture.date("2026-03-08"), entries: entries)
    }

    @Test(arguments: [
        (150, "87.50", "131.25"),  // 1.50 h
        (33, "87.50", "28.88"),  // 0.33 h × 87.50 = 28.875 → half up
        (800, "95.00", "760.00"),
        (17, "333.3333", "56.67"),  // 56.666661 → 56.67
        (0, "87.50", "0.00"),
    ])
    func hoursAreBilledAtTheRateRoundedHalfUpOnce(hundredths: Int64, rate: String, expected: String) throws {
        let rate = try HourlyRate(parsing: rate, currency: .eur)
        #expect(try rate.amount(forHundredthsOfHour: hundredths) == WorkFixture.eur(expected))
    }

    @Test func anEntryIsBilledOnItsHoursWithTwoDecimalsNotOnItsMinutes() throws {
        // 20 minutes are 0.33 h on the invoice: 28.88, not 20/60 × 87.50 = 29.17.
        let entry = Self.entries[1]
        #expect(try entry.amount() == WorkFixture.eur("28.88"))
        #expect(try Self.entries[2].amount() == nil)  // not billable
    }

    @Test func billableAndNonBillableTimeAreApartWithTheBillableTotal() throws {
        let subject = try Self.subject()
        #expect(subject.billableMinutes == 110)
        #expect(subject.nonBillableMinutes == 60)
        #expect(subject.billableHours == "1.83")
        #expect(subject.nonBillableHours == "1.00")
        #expect(subject.billableAmount == WorkFixture.eur("160.13"))  // 131.25 + 28.88
        #expect(subject.taskLines.map(\.name) == ["Design", "Internal meetings"])
        #expect(subject.taskLines.map(\.billable) == [true, false])
        #expect(subject.taskLines.map(\.amount) == [WorkFixture.eur("160.13"), nil])
    }

    @Test func aTaskWithBillableAndNonBillableEntriesHasTwoLines() throws {
        var entries = Self.entries
        entries.append(
            Entry(
                id: WorkFixture.id(104), workDate: WorkFixture.date("2026-03-04"), taskID: Self.design, taskName: "Design",
                userID: Self.ana, personName: "Ana Lima", minutes: 30, billable: false, billableRate: Self.rate))
        let lines = try Self.subject(entries).taskLines
        #expect(lines.map(\.name) == ["Design", "Design", "Internal meetings"])
        #expect(lines.map(\.billable) == [true, false, false])
        #expect(lines.map(\.minutes) == [110, 30, 60])
    }

    @Test func pricedContentListsEveryEntryDayByDayWithAmountsExcludingVAT() throws {
        let content = ValidationContent(timesheet: try Self.subject())
        let json = content.canonicalJSON
        #expect(json.contains(#""format":"sheaf.validation/2""#))
        #expect(json.contains(#""amounts_include_vat":false"#))
        #expect(
            json.contains(
                #""billable":{"amount":{"currency":"EUR","value":"160.13"},"hours":"1.83","minutes":110},"#))
        #expect(json.contains(#""non_billable":{"hours":"1.00","minutes":60}"#))
        #expect(
            json.contains(
                #"{"amount":{"currency":"EUR","value":"131.25"},"billable":true,"date":"2026-03-03","hours":"1.50","id":"00000000-0000-0000-0000-000000000067","minutes":90,"note":"Wireframes <v2>","person":"Ben Okafor","task":"Design","task_id":"00000000-0000-0000-0000-00000000000b"}"#
            ))
        #expect(json.contains(#""amount":null,"billable":false,"date":"2026-03-02""#))
        // Day by day: the two entries of 03-02 come before the one of 03-03.
        let first = try #require(json.range(of: #""date":"2026-03-02""#)).lowerBound
        let later = try #require(json.range(of: #""date":"2026-03-03""#)).lowerBound
        #expect(first < later)
        #expect(ValidationContent.matches(storedJSON: json, digestHex: content.digestHex))
    }

    @Test func contentWithoutRatesKeepsTheFirstLayoutAndItsDigest() throws {
        // Subjects of records made before amounts were shown: same bytes as always.
        let content = ValidationContent(timesheet: try ValidationContentTests.subject())
        #expect(content.canonicalJSON == ValidationContentTests.expectedTimesheetJSON)
    }

    @Test func aPricedTimesheetShowsMoneySoOnlyThoseWhoSeeMoneyReadIt() throws {
        let content = ValidationContent(timesheet: try Self.subject())
        let record = ValidationRecord(
            id: WorkFixture.id(900), kind: .timesheet, projectID: WorkFixture.id(1), periodFrom: nil, periodTo: nil,
            content: content.canonicalJSON, contentDigest: content.digestHex, status: .pending, requestedBy: Self.ana,
            requestedAt: .init(timeIntervalSince1970: 0), linkExpiresAt: nil, entryIDs: [])
        #expect(record.showsMoney)
        let legacy = ValidationContent(timesheet: try ValidationContentTests.subject())
        let old = ValidationRecord(
            id: WorkFixture.id(901), kind: .timesheet, projectID: WorkFixture.id(1), periodFrom: nil, periodTo: nil,
            content: legacy.canonicalJSON, contentDigest: legacy.digestHex, status: .pending, requestedBy: Self.ana,
            requestedAt: .init(timeIntervalSince1970: 0), linkExpiresAt: nil, entryIDs: [])
        #expect(!old.showsMoney)
    }
}

/// A rejection names the disputed entries it is about (issue 11 item 13).
@Suite("Disputed entries")
struct DisputedEntriesTests {
    static let covered: [TimeEntryID] = [WorkFixture.id(101), WorkFixture.id(102), WorkFixture.id(103)]

    static func record(kind: ValidationContent.Kind = .timesheet) -> ValidationRecord {
        ValidationRecord(
            id: WorkFixture.id(900), kind: kind, projectID: WorkFixture.id(1), periodFrom: nil, periodTo: nil, content: "{}",
            contentDigest: String(repeating: "0", count: 64), status: .pending, requestedBy: WorkFixture.id(21),
            requestedAt: .init(timeIntervalSince1970: 0), linkExpiresAt: nil, entryIDs: kind == .timesheet ? covered : [])
    }

    @Test func aRejectionNamesDisputedEntriesOfItsRequestSortedOnce() throws {
        let named = try Self.record().checkDisputedEntries([Self.covered[2], Self.covered[0], Self.covered[2]], decision: .reject)
        #expect(named == [Self.covered[0], Self.covered[2]])
        #expect(try Self.record().checkDisputedEntries([], decision: .accept) == [])
    }

    @Test func anEntryOfAnotherRequestCannotBeNamed() {
        #expect(throws: DomainError.self) { try Self.record().checkDisputedEntries([WorkFixture.id(555)], decision: .reject) }
        do {
            _ = try Self.record().checkDisputedEntries([WorkFixture.id(555)], decision: .reject)
        } catch {
            #expect(error.fieldErrors.map(\.field) == ["entry_ids"])
        }
    }

    @Test func onlyATimesheetRejectionNamesDisputedEntries() {
        #expect(throws: DomainError.self) { try Self.record().checkDisputedEntries([Self.covered[0]], decision: .accept) }
        #expect(throws: DomainError.self) {
            try Self.record(kind: .milestone).checkDisputedEntries([Self.covered[0]], decision: .reject)
        }
    }
}
