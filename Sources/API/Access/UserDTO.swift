import Domain
import Foundation

/// A user on the wire (SPEC §6: `{"id","email","name","role","active","team_ids",…}`).
struct UserDTO: Codable, Sendable {
    let id: UserID
    let email: String
    let name: String
    let role: Role
    let active: Bool
    let teamIDs: [TeamID]
    let leadTeamIDs: [TeamID]
    let clientID: ClientID?
    let timeZone: String
    let version: Int
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, email, name, role, active, version
        case teamIDs = "team_ids"
        case leadTeamIDs = "lead_team_ids"
        case clientID = "client_id"
        case timeZone = "time_zone"
        case createdAt = "created_at"
    }

    init(_ user: User) {
        id = user.id
        email = user.email
        name = user.name
        role = user.role
        active = user.isActive
        teamIDs = user.teamIDs
        leadTeamIDs = user.leadTeamIDs
        clientID = user.clientID
        timeZone = user.timeZone
        version = user.version
        createdAt = user.createdAt
    }
}
