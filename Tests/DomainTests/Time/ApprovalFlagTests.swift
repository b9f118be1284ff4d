import Domain
import Testing

/// SPEC §4.4: time on the task of a change request the client has not accepted is flagged.
@Suite struct ApprovalFlagTests {
    static func ref(_ status: ChangeRequestStatus, number: Int = 3) -> ApprovalFlag.ChangeRequestRef {
        ApprovalFlag.ChangeRequestRef(id: WorkFixture.id(number), reference: "CR-\(number)", status: status)
    }

    @Test func timeOnAnOrdinaryTaskOrAnAcceptedChangeIsNotFlagged() {
        #expect(ApprovalFlag.flags(forTimeOn: nil) == [])
        #expect(ApprovalFlag.flags(forTimeOn: Self.ref(.accepted)) == [])
    }

    @Test(arguments: [
        (ChangeRequestStatus.draft, "Logged on the task of CR-3, which is still a draft: it has not been quoted to the client; this time has no agreed price yet."),
        (.quoted, "Logged on the task of CR-3, which is quoted but not yet accepted by the client; this time has no agreed price yet."),
        (.rejected, "Logged on the task of CR-3, which is rejected by the client; this time has no agreed price yet."),
    ])
    func eachUnacceptedStatusHasOneFlagSayingWhy(status: ChangeRequestStatus, message: String) {
        let flags = ApprovalFlag.flags(forTimeOn: Self.ref(status))
        #expect(flags.map(\.code) == ["unaccepted_change_request"])
        #expect(flags.map(\.message) == [message])
    }

    @Test func theMessageNamesTheChangeRequestsOwnReference() {
        let flags = ApprovalFlag.flags(forTimeOn: Self.ref(.quoted, number: 12))
        #expect(flags.map(\.code) == ["unaccepted_change_request"])
        #expect(flags.first?.message.hasPrefix("Logged on the task of CR-12,") == true)
    }

    @Test func everyStatusButApprovedIsFlagged() {
        for status in ChangeRequestStatus.allCases {
            #expect(ApprovalFlag.flags(forTimeOn: Self.ref(status)).isEmpty == (status == .accepted), "\(status)")
        }
    }
}
