public import Foundation

/// A project member with the user facts a member list shows.
public struct ProjectMemberRecord: Sendable, Hashable {
    public let userID: UserID
    public let name: String
    public let email: String
    public let role: Role
    public let isActive: Bool
    public let addedAt: Date

    public init(
        userID: UserID, name: String, email: String, role: Role, isActive: Bool, addedAt: Date
    ) {
        self.userID = userID
        self.name = name
        self.email = email
        self.role = role
        self.isActive = isActive
        self.addedAt = addedAt
    }
}
