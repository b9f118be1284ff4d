import Domain
import Testing

@Suite("Policy.require and budget detail")
struct PolicyRequireTests {
    @Test func anAllowedActionReturns() throws {
        try Policy.require(PolicyWorld.manager, .approveTime, .project(PolicyWorld.projectAX))
    }

    @Test func aDeniedActionThrowsForbiddenWithAReason() {
        #expect(
            throws: DomainError.forbidden("Your role does not allow you to approve or reject time and expenses here.")
        ) {
            try Policy.require(PolicyWorld.member, .approveTime, .project(PolicyWorld.projectAX))
        }
    }

    @Test func aHiddenSubjectThrowsTheSameNotFoundAsAMissingOne() {
        #expect(throws: DomainError.notFound(entity: "invoice")) {
            try Policy.require(PolicyWorld.clientContact, .read, .invoice(PolicyWorld.issuedInvoiceY))
        }
    }

    @Test func theNotFoundNounCanBeNamedByTheCaller() {
        let entry = Policy.Subject.ownResource(owner: PolicyWorld.otherUser, project: PolicyWorld.projectBY)
        #expect(throws: DomainError.notFound(entity: "expense")) {
            try Policy.require(PolicyWorld.member, .read, entry, entity: "expense")
        }
    }

    @Test func anInactiveActorIsToldTheAccountIsDeactivated() {
        let inactive = Policy.Actor(userID: .random(), role: .admin, isActive: false)
        #expect(throws: DomainError.forbidden("This account is deactivated.")) {
            try Policy.require(inactive, .read, .agency)
        }
    }

    @Test(arguments: [
        (PolicyWorld.projectAX, [Policy.BudgetDetail.full, .full, .hoursOnly, .hoursAndMoneyBilled]),
        (PolicyWorld.projectAY, [.full, .full, nil, nil]),
        (PolicyWorld.projectBX, [.full, .hoursOnly, nil, .hoursAndMoneyBilled]),
        (PolicyWorld.projectBY, [.full, nil, nil, nil]),
    ])
    func budgetDetailFollowsTheRole(project: ProjectScope, expected: [Policy.BudgetDetail?]) {
        for (actor, detail) in zip(PolicyWorld.actors, expected) {
            #expect(Policy.budgetDetail(actor, project) == detail, "\(actor.role)")
        }
    }

    @Test func budgetDetailsAreOrderedByHowMuchTheyShow() {
        #expect(Policy.BudgetDetail.hoursOnly < .hoursAndMoneyBilled)
        #expect(Policy.BudgetDetail.hoursAndMoneyBilled < .full)
    }

    @Test func inactiveActorsSeeNoBudget() {
        let inactive = Policy.Actor(userID: .random(), role: .admin, isActive: false)
        #expect(Policy.budgetDetail(inactive, PolicyWorld.projectAX) == nil)
    }

    @Test func actionNamesAreStableSnakeCase() {
        #expect(Policy.Action.approveTime.rawValue == "approve_time")
        #expect(Policy.Action.validateOnBehalfOfClient.rawValue == "validate_on_behalf_of_client")
        for action in Policy.Action.allCases {
            #expect(action.rawValue.allSatisfy { $0.isLowercase || $0 == "_" })
        }
    }
}
