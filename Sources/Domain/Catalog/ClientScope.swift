/// The facts about a client that authorization needs, loaded by the service.
public struct ClientScope: Hashable, Sendable {
    /// The client.
    public let id: ClientID
    /// The teams that run at least one project for this client. A manager may
    /// manage a client only when they lead one of these teams.
    public let projectTeamIDs: Set<TeamID>

    /// Creates a client scope.
    public init(id: ClientID, projectTeamIDs: Set<TeamID> = []) {
        self.id = id
        self.projectTeamIDs = projectTeamIDs
    }
}
