/// Which time entries an actor may list: the list-shaped form of
/// `Policy.can(actor, .read, .ownResource(owner:project:))`, so a store can filter in
/// SQL what the policy would allow one by one.
///
/// Client contacts see only work the agency has signed off (approved, validated or
/// invoiced) on their own client's projects: open and submitted entries are still
/// the agency's drafts.
public enum TimeEntryVisibility: Hashable, Sendable {
    /// The admin: every entry.
    case everything
    /// Staff: their own entries, and every entry of the projects of the teams they lead.
    case staff(userID: UserID, leadTeamIDs: Set<TeamID>)
    /// A client contact: the signed-off entries of that client's projects.
    case client(ClientID)
    /// Nothing (a deactivated account, or a client user without a client).
    case nothing

    /// The states a client contact sees.
    public static let clientStatuses: Set<TimeEntryStatus> = [.approved, .clientValidated, .invoiced]

    /// What `actor` may see.
    public static func of(_ actor: Policy.Actor) -> TimeEntryVisibility {
        guard actor.isActive else { return .nothing }
        switch actor.role {
        case .admin: return .everything
        case .manager: return .staff(userID: actor.userID, leadTeamIDs: actor.leadTeamIDs)
        case .member: return .staff(userID: actor.userID, leadTeamIDs: [])
        case .client: return actor.clientID.map { .client($0) } ?? .nothing
        }
    }

    /// Whether an entry of `owner` on `project`, in `status`, is visible.
    public func includes(owner: UserID, project: ProjectScope, status: TimeEntryStatus) -> Bool {
        switch self {
        case .everything: true
        case .staff(let user, let teams): owner == user || teams.contains(project.teamID)
        case .client(let client): project.clientID == client && Self.clientStatuses.contains(status)
        case .nothing: false
        }
    }
}

/// Whose submitted time an actor may approve or reject (SPEC §3 row 3): the admin
/// everything, a manager the projects of the teams they lead; nobody else.
public enum ApprovalScope: Hashable, Sendable {
    /// The admin.
    case everything
    /// A manager: the projects of these teams (possibly none).
    case teams(Set<TeamID>)

    /// The actor's scope; nil when the actor approves nothing at all (members, client
    /// contacts, deactivated accounts), which is a 403.
    public static func of(_ actor: Policy.Actor) -> ApprovalScope? {
        guard actor.isActive else { return nil }
        switch actor.role {
        case .admin: return .everything
        case .manager: return .teams(actor.leadTeamIDs)
        case .member, .client: return nil
        }
    }

    /// The sentence of the 403 for actors without a scope.
    public static let refusal = "Your role does not allow you to approve or reject time and expenses."
}
