import Domain
import Foundation
import Testing

@Suite("LoggingTarget and TimeEntryVisibility")
struct LoggingTargetTests {
    static let member: UserID = WorkFixture.id(1)
    static let outsider: UserID = WorkFixture.id(2)
    static let project = ProjectScope(id: WorkFixture.id(10), clientID: WorkFixture.id(30), teamID: WorkFixture.id(40), memberIDs: [member])

    static func target(status: ProjectStatus = .active, billable: Bool = true, archived: Bool = false, taskProject: ProjectID? = nil) -> LoggingTarget {
        LoggingTarget(
            project: project, projectName: "Web", projectStatus: status, currency: .eur,
            task: LoggingTarget.Task(
                id: WorkFixture.id(20), projectID: taskProject ?? project.id, name: "Design", billable: billable, archived: archived))
    }

    @Test func billableDefaultsToTheTasksFlag() throws {
        #expect(try Self.target().check(author: Self.member, requestedBillable: nil))
        #expect(try !Self.target(billable: false).check(author: Self.member, requestedBillable: nil))
        #expect(try !Self.target().check(author: Self.member, requestedBillable: false))
    }

    @Test(
        arguments: [
            (target(status: .onHold), member, nil, "project_id"),
            (target(status: .closed), member, nil, "project_id"),
            (target(taskProject: WorkFixture.id(11)), member, nil, "task_id"),
            (target(archived: true), member, nil, "task_id"),
            (target(billable: false), member, true, "billable"),
        ] as [(LoggingTarget, UserID, Bool?, String)]
    )
    func aTargetTimeCannotGoOnIsRefusedNamingTheField(target: LoggingTarget, author: UserID, billable: Bool?, field: String) {
        #expect {
            try target.check(author: author, requestedBillable: billable)
        } throws: { error in
            (error as? DomainError)?.fieldErrors.map(\.field) == [field]
        }
    }

    @Test func onlyMembersOfTheProjectLogOnIt() {
        #expect(throws: DomainError.forbidden("Only members of the project Web can log time on it; ask its manager to add you.")) {
            try Self.target().check(author: Self.outsider, requestedBillable: nil)
        }
    }

    @Test func eachRoleSeesTheEntriesThePolicyLetsItRead() {
        let lead = Policy.Actor(userID: WorkFixture.id(3), role: .manager, leadTeamIDs: [Self.project.teamID])
        let otherLead = Policy.Actor(userID: WorkFixture.id(4), role: .manager, leadTeamIDs: [WorkFixture.id(41)])
        let member = Policy.Actor(userID: Self.member, role: .member)
        let contact = Policy.Actor(userID: WorkFixture.id(5), role: .client, clientID: Self.project.clientID)
        let otherContact = Policy.Actor(userID: WorkFixture.id(6), role: .client, clientID: WorkFixture.id(31))
        let admin = Policy.Actor(userID: WorkFixture.id(7), role: .admin)
        let inactive = Policy.Actor(userID: WorkFixture.id(8), role: .admin, isActive: false)
        func sees(_ actor: Policy.Actor, _ status: TimeEntryStatus, owner: UserID = Self.member) -> Bool {
            TimeEntryVisibility.of(actor).includes(owner: owner, project: Self.project, status: status)
        }
        #expect(sees(admin, .open) && sees(lead, .open) && sees(member, .open))
        #expect(!sees(otherLead, .open) && !sees(inactive, .approved))
        #expect(!sees(member, .open, owner: Self.outsider))
        #expect(!sees(contact, .open) && !sees(contact, .submitted))
        #expect(sees(contact, .approved) && sees(contact, .clientValidated) && sees(contact, .invoiced))
        #expect(!sees(otherContact, .approved))
        #expect(ApprovalScope.of(admin) == .everything)
        #expect(ApprovalScope.of(lead) == .teams([Self.project.teamID]))
        #expect(ApprovalScope.of(member) == nil && ApprovalScope.of(contact) == nil && ApprovalScope.of(inactive) == nil)
    }
}
