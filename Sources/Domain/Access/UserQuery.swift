/// Filters of the user listing.
public struct UserQuery: Sendable {
    public var role: Role?
    public var active: Bool?
    public var teamID: TeamID?
    public var clientID: ClientID?
    /// Users whose (lowercased email, id) sorts after this key.
    public var after: (email: String, id: UserID)?
    public var limit: Int

    public init(role: Role? = nil, active: Bool? = nil, teamID: TeamID? = nil, clientID: ClientID? = nil,
                after: (email: String, id: UserID)? = nil, limit: Int = 50) {
        self.role = role
        self.active = active
        self.teamID = teamID
        self.clientID = clientID
        self.after = after
        self.limit = limit
    }
}
