import Domain
import Foundation
import Testing

@Suite("ValidationContent")
struct ValidationContentTests {
    typealias Entry = TimesheetValidationSubject.Entry

    static let design: TaskID = WorkFixture.id(11)
    static let meetings: TaskID = WorkFixture.id(12)
    static let ana: UserID = WorkFixture.id(21)
    static let ben: UserID = WorkFixture.id(22)

    static let entries: [Entry] = [
        Entry(
            id: WorkFixture.id(103),
            workDate: WorkFixture.date("2026-03-03"),
            taskID: design,
            taskName: "Design",
            userID: ben,
            personName: "Ben Okafor",
            minutes: 90
        ),
        Entry(
            id: WorkFixture.id(101),
            workDate: WorkFixture.date("2026-03-02"),
            taskID: design,
            taskName: "Design",
            userID: ana,
            personName: "Ana Lima",
            minutes: 480
        ),
        Entry(
            id: WorkFixture.id(102),
            workDate: WorkFixture.date("2026-03-02"),
            taskID: meetings,
            taskName: "Meetings",
            userID: ana,
            personName: "Ana Lima",
            minutes: 20
        ),
    ]

    static func subject(_ entries: [Entry] = entries) throws -> TimesheetValidationSubject {
        try TimesheetValidationSubject(
            agencyName: "Atelier \"Nord\"",
            projectName: "Website relaunch",
            projectCode: "ACME-7",
            periodFrom: WorkFixture.date("2026-03-02"),
            periodTo: WorkFixture.date("2026-03-08"),
            entries: entries
        )
    }

    static let expectedTimesheetJSON =
        #"{"agency":"Atelier \"Nord\"","entry_ids":["00000000-0000-0000-0000-000000000065","00000000-0000-0000-0000-000000000066","00000000-0000-0000-0000-000000000067"],"#
        + #""format":"sheaf.validation/1","kind":"timesheet","#
        + #""people":[{"hours":"8.33","id":"00000000-0000-0000-0000-000000000015","minutes":500,"name":"Ana Lima"},{"hours":"1.50","id":"00000000-0000-0000-0000-000000000016","minutes":90,"name":"Ben Okafor"}],"#
        + #""period":{"from":"2026-03-02","to":"2026-03-08"},"project":{"code":"ACME-7","name":"Website relaunch"},"#
        + #""tasks":[{"hours":"9.50","id":"00000000-0000-0000-0000-00000000000b","minutes":570,"name":"Design"},{"hours":"0.33","id":"00000000-0000-0000-0000-00000000000c","minutes":20,"name":"Meetings"}],"#
        + #""total":{"hours":"9.83","minutes":590}}"#

    @Test func aTimesheetRendersAgencyProjectPeriodHoursPerTaskAndPersonTotalAndEntryIds() throws {
        let content = ValidationContent(timesheet: try Self.subject())
        #expect(content.kind == .timesheet)
        #expect(content.canonicalJSON == Self.expectedTimesheetJSON)
        #expect(content.canonicalBytes == Array(Self.expectedTimesheetJSON.utf8))
        // Hashed independently with sha256sum.
        #expect(content.digestHex == "6ba697e5bfb45ea362aff66ad1bc17176d6877189f4df771471e0a05e721700f")
    }

    @Test func theSummaryShownOnThePageIsTheOneHashed() throws {
        let subject = try Self.subject()
        #expect(subject.taskLines.map(\.name) == ["Design", "Meetings"])
        #expect(subject.taskLines.map(\.hours) == ["9.50", "0.33"])
        #expect(subject.personLines.map(\.name) == ["Ana Lima", "Ben Okafor"])
        #expect(subject.personLines.map(\.minutes) == [500, 90])
        #expect(subject.totalMinutes == 590)
        #expect(subject.totalHours == "9.83")  // from 590 minutes, not 9.50 + 0.33
    }

    @Test func theOrderOfTheEntriesNeverChangesTheBytes() throws {
        let expected = ValidationContent(timesheet: try Self.subject())
        let e = Self.entries
        for order in [
            [e[0], e[1], e[2]], [e[0], e[2], e[1]], [e[1], e[0], e[2]], [e[1], e[2], e[0]], [e[2], e[0], e[1]],
            [e[2], e[1], e[0]],
        ] {
            #expect(ValidationContent(timesheet: try Self.subject(order)) == expected)
        }
    }

    @Test func fetchingTheStoredContentAgainReHashesToTheSameDigest() throws {
        let content = ValidationContent(timesheet: try Self.subject())
        // As read back from the database.
        let stored = String(decoding: Data(content.canonicalJSON.utf8), as: UTF8.self)
        #expect(ValidationContent.matches(storedJSON: stored, digestHex: content.digestHex))
        #expect(ValidationContent.matches(storedJSON: stored, digestHex: content.digestHex.uppercased()))
        #expect(
            !ValidationContent.matches(
                storedJSON: stored.replacingOccurrences(of: "9.83", with: "9.84"),
                digestHex: content.digestHex
            )
        )
    }

    @Test func changingAnyMinuteChangesTheDigest() throws {
        var changed = Self.entries
        let first = changed[0]
        changed[0] = Entry(
            id: first.id,
            workDate: first.workDate,
            taskID: first.taskID,
            taskName: first.taskName,
            userID: first.userID,
            personName: first.personName,
            minutes: 91
        )
        #expect(
            ValidationContent(timesheet: try Self.subject(changed)).digest
                != ValidationContent(timesheet: try Self.subject()).digest
        )
    }

    @Test func twoPeopleWithTheSameNameStaySeparateAndSortByIdAfterName() throws {
        let twin: UserID = WorkFixture.id(20)
        let entries =
            Self.entries + [
                Entry(
                    id: WorkFixture.id(104),
                    workDate: WorkFixture.date("2026-03-04"),
                    taskID: Self.design,
                    taskName: "Design",
                    userID: twin,
                    personName: "Ana Lima",
                    minutes: 60
                )
            ]
        let subject = try Self.subject(entries)
        #expect(subject.personLines.map(\.id) == [twin, Self.ana, Self.ben])
        #expect(subject.personLines.map(\.minutes) == [60, 500, 90])
    }

    @Test(
        arguments: [
            (
                WorkFixture.date("2026-03-09"), 60,
                "The entry 00000000-0000-0000-0000-000000000001 of 2026-03-09 is outside 2026-03-02…2026-03-08."
            ),
            (WorkFixture.date("2026-03-04"), 0, "The entry 00000000-0000-0000-0000-000000000001 has 0 minutes."),
        ]
    )
    func anEntryOutsideThePeriodOrWithoutMinutesIsRefused(date: LocalDate, minutes: Int, message: String) {
        let entry = Entry(
            id: WorkFixture.id(1),
            workDate: date,
            taskID: Self.design,
            taskName: "Design",
            userID: Self.ana,
            personName: "Ana Lima",
            minutes: minutes
        )
        #expect(throws: DomainError.invalid(field: "entries", message: message)) { try Self.subject([entry]) }
    }

    @Test func aDuplicateEntryOrAnEmptyPeriodIsRefused() {
        #expect(
            throws: DomainError.invalid(
                field: "entries",
                message: "The entry 00000000-0000-0000-0000-000000000065 appears twice."
            )
        ) {
            try Self.subject(Self.entries + [Self.entries[1]])
        }
        #expect(
            throws: DomainError.conflict("There are no approved entries or expenses from 2026-03-02 to 2026-03-08 to validate.")
        ) {
            try Self.subject([])
        }
        #expect(throws: DomainError.invalid(field: "to", message: "The period must end on or after its first day.")) {
            try TimesheetValidationSubject(
                agencyName: "A",
                projectName: "P",
                projectCode: "C",
                periodFrom: WorkFixture.date("2026-03-08"),
                periodTo: WorkFixture.date("2026-03-02"),
                entries: Self.entries
            )
        }
    }

    static func milestone(basisPoints: Int?, dueDate: LocalDate?) -> MilestoneValidationSubject {
        MilestoneValidationSubject(
            agencyName: "Atelier Nord",
            projectName: "Shop build",
            projectCode: "ACME-8",
            milestoneID: WorkFixture.id(201),
            name: "Design sign-off",
            amount: WorkFixture.eur("3000"),
            basisPoints: basisPoints,
            dueDate: dueDate,
            criteria: "Mock-ups of 5 pages\napproved."
        )
    }

    @Test func aMilestoneRendersNameAmountPercentageDueDateAndCriteria() {
        let content = ValidationContent(
            milestone: Self.milestone(basisPoints: 3000, dueDate: WorkFixture.date("2026-04-30"))
        )
        #expect(content.kind == .milestone)
        #expect(
            content.canonicalJSON
                == #"{"agency":"Atelier Nord","format":"sheaf.validation/1","kind":"milestone","milestone":{"amount":{"currency":"EUR","value":"3000.00"},"#
                + #""criteria":"Mock-ups of 5 pages\napproved.","due_date":"2026-04-30","id":"00000000-0000-0000-0000-0000000000c9","#
                + #""name":"Design sign-off","percentage":"30.00"},"project":{"code":"ACME-8","name":"Shop build"}}"#
        )
        #expect(content.digestHex == SHA256Digest(hashing: content.canonicalJSON).hexString)
    }

    @Test func aFixedAmountMilestoneWithoutDueDateWritesNulls() {
        let content = ValidationContent(milestone: Self.milestone(basisPoints: nil, dueDate: nil))
        #expect(content.canonicalJSON.contains(#""due_date":null"#))
        #expect(content.canonicalJSON.contains(#""percentage":null"#))
        #expect(content != ValidationContent(milestone: Self.milestone(basisPoints: 3000, dueDate: nil)))
    }

    @Test func aChangeRequestRendersItsEstimateAndQuote() {
        func content(_ quote: ChangeRequestValidationSubject.Quote, minutes: Int?) -> String {
            ValidationContent(
                changeRequest: ChangeRequestValidationSubject(
                    agencyName: "Atelier Nord",
                    projectName: "Shop build",
                    projectCode: "ACME-8",
                    changeRequestID: WorkFixture.id(301),
                    description: "Add a gift-card page.",
                    estimatedMinutes: minutes,
                    quote: quote
                )
            ).canonicalJSON
        }
        #expect(
            content(.fixed(WorkFixture.eur("1200")), minutes: 720)
                == #"{"agency":"Atelier Nord","change_request":{"description":"Add a gift-card page.","estimate":{"hours":"12.00","minutes":720},"#
                + #""id":"00000000-0000-0000-0000-00000000012d","quote":{"amount":{"currency":"EUR","value":"1200.00"},"kind":"fixed"}},"#
                + #""format":"sheaf.validation/1","kind":"change_request","project":{"code":"ACME-8","name":"Shop build"}}"#
        )
        let hourly = content(.hourly(WorkFixture.rate("87.5")), minutes: nil)
        #expect(hourly.contains(#""estimate":null"#))
        #expect(hourly.contains(#""quote":{"hourly_rate":{"currency":"EUR","value":"87.50"},"kind":"hourly"}"#))
    }

    @Test func everyDocumentIsValidJSON() throws {
        let contents = [
            ValidationContent(timesheet: try Self.subject()),
            ValidationContent(milestone: Self.milestone(basisPoints: nil, dueDate: nil)),
        ]
        for content in contents {
            let parsed = try JSONSerialization.jsonObject(with: Data(content.canonicalBytes)) as? [String: Any]
            #expect(parsed?["format"] as? String == ValidationContent.format)
            #expect(parsed?["kind"] as? String == content.kind.rawValue)
        }
    }
}
