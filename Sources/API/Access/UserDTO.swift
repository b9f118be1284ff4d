import Domain
import Foundation

/// A user on the wire (SPEC §6: `{"id","email","name","role","active","team_ids",…}`).
struct UserDTO: Codable, Sendable {
    let id: UserID
    let email: String
    let name: String
    let role: Role
    let active: Bool
    let teamIds: [TeamID]
    let leadTeamIds: [TeamID]
    let clientId: ClientID?
    let timeZone: String
    let weeklyTargetMinutes: Int
    let version: Int
    let createdAt: Date

    init(_ user: User) {
        id = user.id
        email = user.email
        name = user.name
        role = user.role
        active = user.isActive
        teamIds = user.teamIDs
        leadTeamIds = user.leadTeamIDs
        clientId = user.clientID
        timeZone = user.timeZone
        weeklyTargetMinutes = user.weeklyTargetMinutes
        version = user.version
        createdAt = user.createdAt
    }
}
