public import Foundation

/// A team member with the user facts a member list shows.
public struct TeamMemberRecord: Sendable, Hashable {
    public let userID: UserID
    public let name: String
    public let email: String
    public let role: Role
    public let isActive: Bool
    public let isLead: Bool
    public let addedAt: Date

    public init(
        userID: UserID, name: String, email: String, role: Role, isActive: Bool, isLead: Bool, addedAt: Date
    ) {
        self.userID = userID
        self.name = name
        self.email = email
        self.role = role
        self.isActive = isActive
        self.isLead = isLead
        self.addedAt = addedAt
    }
}
