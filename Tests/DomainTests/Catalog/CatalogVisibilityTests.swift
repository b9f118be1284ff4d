import Domain
import Testing

@Suite struct CatalogVisibilityTests {
    static let projects = [PolicyWorld.projectAX, PolicyWorld.projectAY, PolicyWorld.projectBX, PolicyWorld.projectBY]
    static let inactive = Policy.Actor(userID: .random(), role: .manager, leadTeamIDs: [PolicyWorld.teamA], isActive: false)

    @Test(arguments: PolicyWorld.actors + [inactive])
    func listingShowsExactlyTheProjectsThePolicyLetsOneRead(actor: Policy.Actor) {
        let visibility = CatalogVisibility.of(actor)
        for project in Self.projects {
            #expect(visibility.includes(project) == Policy.can(actor, .read, .project(project)), "\(actor.role) \(project.id)")
        }
    }

    @Test(arguments: PolicyWorld.actors + [inactive])
    func listingShowsExactlyTheClientsThePolicyLetsOneRead(actor: Policy.Actor) {
        let visibility = CatalogVisibility.of(actor)
        for client in [PolicyWorld.clientX, PolicyWorld.clientY, PolicyWorld.clientZ] {
            #expect(visibility.includes(client: client) == Policy.can(actor, .read, .client(ClientScope(id: client))), "\(actor.role)")
        }
    }

    @Test func aManagerAlsoSeesTheProjectsOfTeamsTheyOnlyLead() {
        let lead = Policy.Actor(userID: .random(), role: .manager, leadTeamIDs: [PolicyWorld.teamB])
        #expect(CatalogVisibility.of(lead).includes(PolicyWorld.projectBY))
        #expect(Policy.can(lead, .read, .project(PolicyWorld.projectBY)))
        #expect(!CatalogVisibility.of(lead).includes(PolicyWorld.projectAY))
    }

    @Test func aClientUserWithoutAClientSeesNothing() {
        let orphan = Policy.Actor(userID: .random(), role: .client)
        #expect(CatalogVisibility.of(orphan) == .nothing)
    }
}
