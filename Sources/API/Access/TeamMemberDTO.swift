import Domain
import Foundation

/// A member of a team on the wire, with the user facts a member list shows.
struct TeamMemberDTO: Encodable, Sendable {
    let teamID: TeamID
    let userID: UserID
    let name: String
    let email: String
    let role: Role
    let active: Bool
    let lead: Bool
    let addedAt: Date

    enum CodingKeys: String, CodingKey {
        case name, email, role, active, lead
        case teamID = "team_id"
        case userID = "user_id"
        case addedAt = "added_at"
    }

    init(_ member: TeamMemberRecord, teamID: TeamID) {
        self.teamID = teamID
        userID = member.userID
        name = member.name
        email = member.email
        role = member.role
        active = member.isActive
        lead = member.isLead
        addedAt = member.addedAt
    }
}
