/// A named group of collaborators with one or more leads (SPEC §2).
public struct Team: Hashable, Sendable {
    public let id: TeamID
    public var name: String
    public var version: Int
    public var members: [Member]

    public struct Member: Hashable, Sendable {
        public let userID: UserID
        public var isLead: Bool
        public init(userID: UserID, isLead: Bool) {
            self.userID = userID
            self.isLead = isLead
        }
    }

    public init(id: TeamID, name: String, version: Int, members: [Member] = []) {
        self.id = id
        self.name = name
        self.version = version
        self.members = members
    }

    /// A team lead must be able to approve and manage projects: only managers and admins lead.
    public static func canLead(_ role: Role) -> Bool { role == .manager || role == .admin }
}
