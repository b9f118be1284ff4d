import Domain

/// A team on the wire, with the ids of its members and of its leads.
struct TeamDTO: Encodable, Sendable {
    let id: TeamID
    let name: String
    let memberIDs: [UserID]
    let leadIDs: [UserID]
    let version: Int

    enum CodingKeys: String, CodingKey {
        case id, name, version
        case memberIDs = "member_ids"
        case leadIDs = "lead_ids"
    }

    init(_ team: Team) {
        id = team.id
        name = team.name
        memberIDs = team.members.map(\.userID)
        leadIDs = team.members.filter(\.isLead).map(\.userID)
        version = team.version
    }
}
