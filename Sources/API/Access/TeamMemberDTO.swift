import Domain
import Foundation

/// A member of a team on the wire, with the user facts a member list shows.
struct TeamMemberDTO: Encodable, Sendable {
    let teamId: TeamID
    let userId: UserID
    let name: String
    let email: String
    let role: Role
    let active: Bool
    let lead: Bool
    let addedAt: Date

    init(_ member: TeamMemberRecord, teamID: TeamID) {
        teamId = teamID
        userId = member.userID
        name = member.name
        email = member.email
        role = member.role
        active = member.isActive
        lead = member.isLead
        addedAt = member.addedAt
    }
}
