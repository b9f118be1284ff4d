import Domain
import Foundation
import Testing

@Suite("ValidationRecord")
struct ValidationRecordTests {
    static let requestedAt = Date(timeIntervalSince1970: 1_780_000_000)

    static func record(
        status: ValidationRecord.Status = .pending, expiresIn hours: Double = 24, usedAt: Date? = nil
    ) -> ValidationRecord {
        ValidationRecord(
            id: .random(), kind: .timesheet, projectID: .random(), periodFrom: WorkFixture.date("2026-03-02"),
            periodTo: WorkFixture.date("2026-03-08"), content: #"{"format":"sheaf.validation/1"}"#,
            contentDigest: SHA256Digest(hashing: #"{"format":"sheaf.validation/1"}"#).hexString, status: status,
            requestedBy: .random(), requestedAt: requestedAt, linkExpiresAt: requestedAt.addingTimeInterval(hours * 3600),
            linkUsedAt: usedAt, entryIDs: [])
    }

    @Test func aFreshLinkWorksUntilTheSecondItExpires() {
        let record = Self.record(expiresIn: 1)
        #expect(record.linkRefusal(now: Self.requestedAt) == nil)
        #expect(record.linkRefusal(now: Self.requestedAt.addingTimeInterval(3599)) == nil)
        #expect(record.linkRefusal(now: Self.requestedAt.addingTimeInterval(3600)) == .expired)
    }

    @Test func aUsedLinkSaysSoEvenAfterItsTimeRanOut() {
        let record = Self.record(status: .accepted, usedAt: Self.requestedAt)
        #expect(record.linkRefusal(now: Self.requestedAt.addingTimeInterval(1)) == .used)
        #expect(record.linkRefusal(now: Self.requestedAt.addingTimeInterval(86_400 * 30)) == .used)
    }

    @Test(arguments: [ValidationRecord.Status.accepted, .rejected, .superseded])
    func aLinkOfARequestDecidedElsewhereIsRefused(status: ValidationRecord.Status) throws {
        let record = Self.record(status: status)
        #expect(record.linkRefusal(now: Self.requestedAt) == .decided(status))
        expectDomainError(.conflict) { try record.requirePending() }
    }

    @Test func theStoredContentMatchesItsDigest() {
        var record = Self.record()
        #expect(record.contentMatchesDigest)
        record = ValidationRecord(
            id: record.id, kind: .timesheet, projectID: record.projectID, periodFrom: nil, periodTo: nil, content: record.content + " ",
            contentDigest: record.contentDigest, status: .pending, requestedBy: record.requestedBy, requestedAt: record.requestedAt,
            linkExpiresAt: nil, entryIDs: [])
        #expect(!record.contentMatchesDigest)
    }

    @Test func aRejectionNeedsAComment() throws {
        #expect(throws: DomainError.invalid(field: "comment", message: "Say why the client rejects the timesheet.")) {
            try ValidationRecord.checkDecision(.reject, comment: "  \n ", channel: .account, name: nil)
        }
        let checked = try ValidationRecord.checkDecision(.reject, comment: "  Tuesday is wrong \n", channel: .account, name: nil)
        #expect(checked.comment == "Tuesday is wrong")
        #expect(checked.name == nil)
    }

    @Test func anAcceptanceOnTheClientsBehalfNeedsANoteButTheClientsOwnDoesNot() throws {
        expectDomainError(.invalid(fields: ["comment"])) { try ValidationRecord.checkDecision(.accept, comment: nil, channel: .onBehalf, name: nil) }
        #expect(try ValidationRecord.checkDecision(.accept, comment: "", channel: .account, name: nil).comment == nil)
        #expect(try ValidationRecord.checkDecision(.accept, comment: "By phone", channel: .onBehalf, name: nil).comment == "By phone")
    }

    @Test func aDecisionThroughTheLinkNeedsAName() throws {
        #expect(throws: DomainError.invalid(field: "name", message: "Enter your name (1 to 200 characters).")) {
            try ValidationRecord.checkDecision(.accept, comment: nil, channel: .link, name: "   ")
        }
        expectDomainError(.invalid(fields: ["name"])) {
            try ValidationRecord.checkDecision(.accept, comment: nil, channel: .link, name: String(repeating: "n", count: 201))
        }
        #expect(try ValidationRecord.checkDecision(.accept, comment: nil, channel: .link, name: " Cleo ").name == "Cleo")
    }

    @Test func everyProblemOfADecisionIsReportedAtOnce() {
        do throws(DomainError) {
            _ = try ValidationRecord.checkDecision(.reject, comment: nil, channel: .link, name: nil)
            Issue.record("expected an error")
        } catch {
            #expect(error.fieldErrors.map(\.field) == ["comment", "name"])
        }
        expectDomainError(.invalid(fields: ["comment"])) {
            try ValidationRecord.checkDecision(
                .reject, comment: String(repeating: "c", count: ValidationRecord.maxCommentLength + 1), channel: .account, name: nil)
        }
    }

    @Test func decisionsMoveEntriesThroughTheWorkflow() throws {
        #expect(try TimeEntryStatus.approved.transition(ValidationRecord.Decision.accept.entryEvent(comment: nil)) == .clientValidated)
        #expect(try TimeEntryStatus.approved.transition(ValidationRecord.Decision.reject.entryEvent(comment: "No")) == .submitted)
        expectDomainError(.conflict) { try TimeEntryStatus.invoiced.transition(ValidationRecord.Decision.accept.entryEvent(comment: nil)) }
        #expect(ValidationRecord.Decision.accept.resultingStatus == .accepted)
        #expect(ValidationRecord.Decision.reject.resultingStatus == .rejected)
    }

    /// One vocabulary (issue 10 item 16): a client decision is accept/reject, for a
    /// timesheet, a milestone and a change request alike; these are wire and database names.
    @Test func aClientDecisionIsAcceptOrRejectEverywhere() {
        #expect(ValidationRecord.Decision.allCases.map(\.rawValue) == ["accept", "reject"])
        #expect(ValidationRecord.Status.allCases.map(\.rawValue) == ["pending", "accepted", "rejected", "superseded"])
        #expect(ChangeRequestStatus.allCases.map(\.rawValue) == ["draft", "quoted", "accepted", "rejected"])
        #expect(MilestoneStatus.allCases.map(\.rawValue) == ["planned", "delivered", "accepted", "rejected", "invoiced"])
    }

    @Test func aRequestCoversAtMostAYearAndItsLinkLivesOneHourToThirtyDays() throws {
        try ValidationRecord.checkRequest(from: WorkFixture.date("2026-01-01"), to: WorkFixture.date("2027-01-01"), linkHours: 720)
        try ValidationRecord.checkRequest(from: WorkFixture.date("2026-03-02"), to: WorkFixture.date("2026-03-02"), linkHours: 1)
        #expect(throws: DomainError.invalid(field: "to", message: "The period may cover at most 366 days.")) {
            try ValidationRecord.checkRequest(from: WorkFixture.date("2026-01-01"), to: WorkFixture.date("2027-01-02"), linkHours: 1)
        }
        #expect(throws: DomainError.invalid(field: "to", message: "must be on or after from")) {
            try ValidationRecord.checkRequest(from: WorkFixture.date("2026-03-02"), to: WorkFixture.date("2026-03-01"), linkHours: 1)
        }
        for hours in [0, 721] {
            expectDomainError(.invalid(fields: ["expires_in_hours"]), "\(hours) hours") {
                try ValidationRecord.checkRequest(from: WorkFixture.date("2026-03-02"), to: WorkFixture.date("2026-03-02"), linkHours: hours)
            }
        }
    }
}
