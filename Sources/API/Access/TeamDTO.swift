import Domain

/// A team on the wire, with the ids of its members and of its leads.
struct TeamDTO: Encodable, Sendable {
    let id: TeamID
    let name: String
    let memberIds: [UserID]
    let leadIds: [UserID]
    let version: Int

    init(_ team: Team) {
        id = team.id
        name = team.name
        memberIds = team.members.map(\.userID)
        leadIds = team.members.filter(\.isLead).map(\.userID)
        version = team.version
    }
}
