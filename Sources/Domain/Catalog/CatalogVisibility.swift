/// Which projects and clients an actor may list: the list-shaped form of
/// ``Policy/canRead(_:_:)``, so a store can filter in SQL what the policy would allow
/// one by one. ``includes(_:)`` agrees with `Policy.can(actor, .read, .project(…))`.
public enum CatalogVisibility: Hashable, Sendable {
    /// The admin: everything.
    case everything
    /// Staff: the projects of these teams, and the projects the user is assigned to; every client.
    case staff(userID: UserID, teamIDs: Set<TeamID>)
    /// A client contact: that client and its projects only.
    case client(ClientID)
    /// Nothing (a deactivated account, or a client user without a client).
    case nothing

    /// What `actor` may see.
    public static func of(_ actor: Policy.Actor) -> CatalogVisibility {
        guard actor.isActive else { return .nothing }
        switch actor.role {
        case .admin:
            return .everything
        case .manager:
            return .staff(userID: actor.userID, teamIDs: actor.memberTeamIDs.union(actor.leadTeamIDs))
        case .member:
            return .staff(userID: actor.userID, teamIDs: actor.memberTeamIDs)
        case .client:
            return actor.clientID.map { .client($0) } ?? .nothing
        }
    }

    /// Whether the project is visible.
    public func includes(_ project: ProjectScope) -> Bool {
        switch self {
        case .everything: true
        case .staff(let user, let teams): teams.contains(project.teamID) || project.memberIDs.contains(user)
        case .client(let client): project.clientID == client
        case .nothing: false
        }
    }

    /// Whether the client is visible.
    public func includes(client: ClientID) -> Bool {
        switch self {
        case .everything, .staff: true
        case .client(let own): own == client
        case .nothing: false
        }
    }
}
