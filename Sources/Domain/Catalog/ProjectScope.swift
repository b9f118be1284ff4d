/// The facts about a project that authorization needs, loaded by the service
/// (so that ``Policy`` needs no database).
public struct ProjectScope: Hashable, Sendable {
    /// The project.
    public let id: ProjectID
    /// The client the project is for.
    public let clientID: ClientID
    /// The team that runs the project.
    public let teamID: TeamID
    /// The collaborators assigned to the project ("the project's members").
    public let memberIDs: Set<UserID>

    /// Creates a project scope. For creating a project, pass the scope it will have.
    public init(id: ProjectID, clientID: ClientID, teamID: TeamID, memberIDs: Set<UserID> = []) {
        self.id = id
        self.clientID = clientID
        self.teamID = teamID
        self.memberIDs = memberIDs
    }
}
