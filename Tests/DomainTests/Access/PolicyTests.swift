import Domain
import Testing

/// One row of SPEC §3 made concrete: the decision for admin, manager, member and
/// client contact, written as four letters: A = allow, D = deny (403), H = hide (404).
struct PolicyRow: Sendable, CustomTestStringConvertible {
    let action: Policy.Action
    let target: Target
    let expected: String

    init(_ action: Policy.Action, _ target: Target, _ expected: String) {
        self.action = action
        self.target = target
        self.expected = expected
    }

    var testDescription: String { "\(action) on \(target) → \(expected)" }

    var decisions: [Policy.Decision] {
        expected.map { letter in
            switch letter {
            case "A": .allow
            case "D": .deny
            default: .hide
            }
        }
    }
}

//                 admin · manager · member · client
let policyTable: [PolicyRow] = [
    // Seeing things.
    PolicyRow(.read, .agency, "AAAD"),
    PolicyRow(.read, .me, "AAAA"),
    PolicyRow(.read, .otherUser, "AAAH"),
    PolicyRow(.read, .teamA, "AAAH"),
    PolicyRow(.read, .teamB, "AAAH"),
    PolicyRow(.read, .clientX, "AAAA"),
    PolicyRow(.read, .clientY, "AAAH"),
    PolicyRow(.read, .projectAX, "AAAA"),
    PolicyRow(.read, .projectAY, "AAAH"),
    PolicyRow(.read, .projectBX, "AAHA"),
    PolicyRow(.read, .projectBY, "AHHH"),
    PolicyRow(.read, .myEntryOnAX, "AAAA"),
    PolicyRow(.read, .myEntryOnBY, "AAAH"),
    PolicyRow(.read, .othersEntryOnAX, "AAHA"),
    PolicyRow(.read, .othersEntryOnBY, "AHHH"),
    PolicyRow(.read, .draftInvoiceX, "AAHH"),
    PolicyRow(.read, .issuedInvoiceX, "AAHA"),
    PolicyRow(.read, .issuedInvoiceY, "AHHH"),
    // One's own account.
    PolicyRow(.manageOwnAccount, .me, "AAAA"),
    PolicyRow(.manageOwnAccount, .otherUser, "DDDH"),
    // Row 1: log/edit own open time and expenses.
    PolicyRow(.logOwnTime, .projectAX, "AAAD"),
    PolicyRow(.logOwnTime, .projectAY, "AADH"),
    PolicyRow(.logOwnTime, .projectBX, "AAHD"),
    PolicyRow(.logOwnTime, .projectBY, "AHHH"),
    PolicyRow(.logOwnTime, .myEntryOnAX, "AAAD"),
    PolicyRow(.logOwnTime, .myEntryOnBY, "ADDH"),
    PolicyRow(.logOwnTime, .othersEntryOnAX, "DDHD"),
    // Row 2: submit own week.
    PolicyRow(.submitOwnWeek, .me, "AAAD"),
    PolicyRow(.submitOwnWeek, .otherUser, "DDDH"),
    // Row 3: approve/reject team time and expenses.
    PolicyRow(.approveTime, .projectAX, "AADD"),
    PolicyRow(.approveTime, .projectAY, "AADH"),
    PolicyRow(.approveTime, .projectBX, "ADHD"),
    PolicyRow(.approveTime, .projectBY, "AHHH"),
    PolicyRow(.approveTime, .myEntryOnAX, "AADD"),
    PolicyRow(.approveTime, .othersEntryOnAX, "AAHD"),
    PolicyRow(.approveTime, .othersEntryOnBY, "AHHH"),
    // Row 4: validate, accept, agree — the client only; the admin only on their behalf.
    PolicyRow(.validateForClient, .projectAX, "DDDA"),
    PolicyRow(.validateForClient, .projectBX, "DDHA"),
    PolicyRow(.validateForClient, .projectAY, "DDDH"),
    PolicyRow(.validateForClient, .projectBY, "DHHH"),
    PolicyRow(.validateOnBehalfOfClient, .projectAX, "ADDD"),
    PolicyRow(.validateOnBehalfOfClient, .projectBY, "AHHH"),
    PolicyRow(.requestClientValidation, .projectAX, "AADD"),
    PolicyRow(.requestClientValidation, .projectBX, "ADHD"),
    // Row 5: teams, collaborators, rates, tax, settings.
    PolicyRow(.manageUsers, .agency, "ADDD"),
    PolicyRow(.manageUsers, .otherUser, "ADDH"),
    PolicyRow(.manageUsers, .me, "ADDD"),
    PolicyRow(.manageTeams, .agency, "ADDD"),
    PolicyRow(.manageTeams, .teamA, "ADDH"),
    PolicyRow(.manageRates, .agency, "ADDD"),
    PolicyRow(.manageRates, .projectAX, "ADDD"),
    PolicyRow(.manageRates, .projectBY, "AHHH"),
    PolicyRow(.manageSettings, .agency, "ADDD"),
    PolicyRow(.readAuditTrail, .agency, "ADDD"),
    PolicyRow(.moveAgencyData, .agency, "ADDD"),
    // Row 6: clients, projects, tasks, milestones, change requests.
    PolicyRow(.manageClients, .agency, "AADD"),
    PolicyRow(.manageClients, .clientX, "AADD"),
    PolicyRow(.manageClients, .clientY, "AADH"),
    PolicyRow(.manageClients, .clientZ, "ADDH"),
    PolicyRow(.manageProject, .projectAX, "AADD"),
    PolicyRow(.manageProject, .projectAY, "AADH"),
    PolicyRow(.manageProject, .projectBX, "ADHD"),
    PolicyRow(.manageProject, .projectBY, "AHHH"),
    // Row 7: cost rates, margins, profitability.
    PolicyRow(.seeCostRates, .agency, "ADDD"),
    PolicyRow(.seeCostRates, .projectAX, "ADDD"),
    PolicyRow(.seeCostRates, .me, "ADDD"),
    // Row 8: budget progress (the detail is checked separately).
    PolicyRow(.readBudget, .projectAX, "AAAA"),
    PolicyRow(.readBudget, .projectAY, "AADH"),
    PolicyRow(.readBudget, .projectBX, "AAHA"),
    PolicyRow(.readBudget, .projectBY, "AHHH"),
    PolicyRow(.readTeamReports, .agency, "ADDD"),
    PolicyRow(.readTeamReports, .teamA, "AADH"),
    PolicyRow(.readTeamReports, .teamB, "ADDH"),
    // Row 9: create, issue, credit invoices; record payments — only the admin.
    PolicyRow(.createInvoice, .agency, "ADDD"),
    PolicyRow(.createInvoice, .projectAX, "ADDD"),
    PolicyRow(.createInvoice, .projectBY, "AHHH"),
    PolicyRow(.createInvoice, .clientY, "ADDH"),
    PolicyRow(.issueInvoice, .draftInvoiceX, "ADHH"),
    PolicyRow(.creditInvoice, .issuedInvoiceX, "ADHD"),
    PolicyRow(.recordPayment, .issuedInvoiceX, "ADHD"),
    PolicyRow(.recordPayment, .issuedInvoiceY, "AHHH"),
    PolicyRow(.closePeriod, .agency, "ADDD"),
    PolicyRow(.closePeriod, .clientX, "ADDD"),
    PolicyRow(.readUnbilledWork, .agency, "ADDD"),
    PolicyRow(.readFinancialReports, .agency, "ADDD"),
]

@Suite("Policy (SPEC §3)")
struct PolicyTests {
    @Test(arguments: policyTable)
    func eachRoleGetsTheDecisionOfTheRolesTable(row: PolicyRow) {
        #expect(row.expected.count == 4)
        for (actor, expected) in zip(PolicyWorld.actors, row.decisions) {
            let subject = row.target.subject(for: actor)
            #expect(
                Policy.decide(actor, row.action, subject) == expected,
                "\(actor.role) \(row.action) on \(row.target)"
            )
            #expect(Policy.can(actor, row.action, subject) == (expected == .allow))
        }
    }

    @Test func theTableCoversEveryAction() {
        let covered = Set(policyTable.map(\.action))
        #expect(covered == Set(Policy.Action.allCases))
    }

    @Test(arguments: Policy.Action.allCases)
    func inactiveActorsAreDeniedEverything(action: Policy.Action) {
        for actor in PolicyWorld.actors {
            let inactive = Policy.Actor(
                userID: actor.userID,
                role: actor.role,
                leadTeamIDs: actor.leadTeamIDs,
                memberTeamIDs: actor.memberTeamIDs,
                clientID: actor.clientID,
                isActive: false
            )
            for target in Target.allCases {
                #expect(Policy.decide(inactive, action, target.subject(for: inactive)) == .deny)
            }
        }
    }

    @Test(arguments: Policy.Action.allCases)
    func aClientContactNeverLearnsOfAnotherClientsData(action: Policy.Action) {
        let contact = PolicyWorld.clientContact
        for target in Target.allCases where target.isOtherClientsData {
            #expect(Policy.decide(contact, action, target.subject(for: contact)) == .hide, "\(target)")
        }
    }

    @Test func theAdminCannotValidateAsTheClientButCanRecordOnTheirBehalf() {
        let project = Policy.Subject.project(PolicyWorld.projectAX)
        #expect(!Policy.can(PolicyWorld.admin, .validateForClient, project))
        #expect(Policy.can(PolicyWorld.admin, .validateOnBehalfOfClient, project))
    }

    @Test func leadershipCountsOnlyForManagers() {
        let member = Policy.Actor(userID: .random(), role: .member, leadTeamIDs: [PolicyWorld.teamA])
        #expect(!Policy.can(member, .approveTime, .project(PolicyWorld.projectAY)))
        #expect(!Policy.can(member, .manageProject, .project(PolicyWorld.projectAY)))
    }

    @Test func aClientUserWithoutAClientSeesNoClientData() {
        let orphan = Policy.Actor(userID: .random(), role: .client)
        #expect(Policy.decide(orphan, .read, .project(PolicyWorld.projectAX)) == .hide)
        #expect(Policy.decide(orphan, .read, .invoice(PolicyWorld.issuedInvoiceX)) == .hide)
    }

    @Test func clientIDIsIgnoredForStaffRoles() {
        let member = Policy.Actor(userID: .random(), role: .member, clientID: PolicyWorld.clientX)
        #expect(!Policy.can(member, .validateForClient, .project(PolicyWorld.projectBX)))
        #expect(Policy.decide(member, .read, .invoice(PolicyWorld.issuedInvoiceX)) == .hide)
    }

    @Test func actionsOnTheWrongKindOfSubjectAreRefused() {
        #expect(!Policy.can(PolicyWorld.admin, .manageProject, .agency))
        #expect(!Policy.can(PolicyWorld.admin, .validateOnBehalfOfClient, .team(PolicyWorld.teamA)))
        #expect(!Policy.can(PolicyWorld.manager, .approveTime, .team(PolicyWorld.teamA)))
    }
}
