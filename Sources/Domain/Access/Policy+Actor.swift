extension Policy {
    /// The authenticated user acting on a request, with the facts the policy needs.
    ///
    /// Named `Policy.Actor` (not a top-level `Actor`) so it never shadows Swift's
    /// `Actor` protocol in modules that import `Domain`.
    public struct Actor: Hashable, Sendable {
        /// The acting user.
        public let userID: UserID
        /// The user's role.
        public let role: Role
        /// Teams the user leads (meaningful for managers).
        public let leadTeamIDs: Set<TeamID>
        /// Teams the user is a member of.
        public let memberTeamIDs: Set<TeamID>
        /// The client a `client` user belongs to; ignored for other roles.
        public let clientID: ClientID?
        /// Whether the account is active; inactive actors are denied everything.
        public let isActive: Bool

        /// Creates an actor.
        public init(
            userID: UserID,
            role: Role,
            leadTeamIDs: Set<TeamID> = [],
            memberTeamIDs: Set<TeamID> = [],
            clientID: ClientID? = nil,
            isActive: Bool = true
        ) {
            self.userID = userID
            self.role = role
            self.leadTeamIDs = leadTeamIDs
            self.memberTeamIDs = memberTeamIDs
            self.clientID = clientID
            self.isActive = isActive
        }

        /// A manager leading the team that runs `project`.
        func leads(_ project: ProjectScope) -> Bool {
            leads(team: project.teamID)
        }

        /// A manager leading `team`.
        func leads(team: TeamID) -> Bool {
            role == .manager && leadTeamIDs.contains(team)
        }

        /// A manager leading at least one of `teams`.
        func leadsAny(of teams: Set<TeamID>) -> Bool {
            role == .manager && !leadTeamIDs.isDisjoint(with: teams)
        }

        /// Staff assigned to `project`.
        func belongs(to project: ProjectScope) -> Bool {
            role.isStaff && project.memberIDs.contains(userID)
        }

        /// Staff in the team that runs `project`.
        func isInTeam(of project: ProjectScope) -> Bool {
            role.isStaff && memberTeamIDs.contains(project.teamID)
        }

        /// A contact of `client`.
        func isContact(of client: ClientID) -> Bool {
            role == .client && clientID == client
        }
    }
}
