import Domain

/// A small agency to check the policy against.
///
/// - Team A is led by `manager`; `manager` and `member` are in team A.
/// - `clientContact` is a contact of client X.
/// - Projects: A·X (member assigned), A·Y, B·X (manager assigned), B·Y.
/// - Clients: X and Y have projects in teams A and B; Z only in team B.
enum PolicyWorld {
    static let teamA = TeamID.random()
    static let teamB = TeamID.random()
    static let clientX = ClientID.random()
    static let clientY = ClientID.random()
    static let clientZ = ClientID.random()
    static let otherUser = UserID.random()

    static let admin = Policy.Actor(userID: .random(), role: .admin)
    static let manager = Policy.Actor(userID: .random(), role: .manager, leadTeamIDs: [teamA], memberTeamIDs: [teamA])
    static let member = Policy.Actor(userID: .random(), role: .member, memberTeamIDs: [teamA])
    static let clientContact = Policy.Actor(userID: .random(), role: .client, clientID: clientX)

    /// The four roles, in the column order of the expectation tables.
    static let actors = [admin, manager, member, clientContact]

    static let projectAX = ProjectScope(id: .random(), clientID: clientX, teamID: teamA, memberIDs: [member.userID])
    static let projectAY = ProjectScope(id: .random(), clientID: clientY, teamID: teamA)
    static let projectBX = ProjectScope(id: .random(), clientID: clientX, teamID: teamB, memberIDs: [manager.userID])
    static let projectBY = ProjectScope(id: .random(), clientID: clientY, teamID: teamB)

    static let draftInvoiceX = InvoiceScope(id: .random(), clientID: clientX, projectTeamIDs: [teamA], isIssued: false)
    static let issuedInvoiceX = InvoiceScope(id: .random(), clientID: clientX, projectTeamIDs: [teamA], isIssued: true)
    static let issuedInvoiceY = InvoiceScope(id: .random(), clientID: clientY, projectTeamIDs: [teamB], isIssued: true)
}

/// A subject described relative to the acting user, so one table row reads for every role.
enum Target: String, CaseIterable, Sendable, CustomStringConvertible {
    case agency, me, otherUser, teamA, teamB, clientX, clientY, clientZ
    case projectAX, projectAY, projectBX, projectBY
    case myEntryOnAX, myEntryOnBY, othersEntryOnAX, othersEntryOnBY
    case draftInvoiceX, issuedInvoiceX, issuedInvoiceY

    var description: String { rawValue }

    /// Whether the target lies entirely in client Y's data (foreign to the client contact).
    var isOtherClientsData: Bool {
        [.clientY, .projectAY, .projectBY, .myEntryOnBY, .othersEntryOnBY, .issuedInvoiceY].contains(self)
    }

    func subject(for actor: Policy.Actor) -> Policy.Subject {
        typealias W = PolicyWorld
        return switch self {
        case .agency: .agency
        case .me: .user(actor.userID)
        case .otherUser: .user(W.otherUser)
        case .teamA: .team(W.teamA)
        case .teamB: .team(W.teamB)
        case .clientX: .client(ClientScope(id: W.clientX, projectTeamIDs: [W.teamA, W.teamB]))
        case .clientY: .client(ClientScope(id: W.clientY, projectTeamIDs: [W.teamA, W.teamB]))
        case .clientZ: .client(ClientScope(id: W.clientZ, projectTeamIDs: [W.teamB]))
        case .projectAX: .project(W.projectAX)
        case .projectAY: .project(W.projectAY)
        case .projectBX: .project(W.projectBX)
        case .projectBY: .project(W.projectBY)
        case .myEntryOnAX: .ownResource(owner: actor.userID, project: W.projectAX)
        case .myEntryOnBY: .ownResource(owner: actor.userID, project: W.projectBY)
        case .othersEntryOnAX: .ownResource(owner: W.otherUser, project: W.projectAX)
        case .othersEntryOnBY: .ownResource(owner: W.otherUser, project: W.projectBY)
        case .draftInvoiceX: .invoice(W.draftInvoiceX)
        case .issuedInvoiceX: .invoice(W.issuedInvoiceX)
        case .issuedInvoiceY: .invoice(W.issuedInvoiceY)
        }
    }
}
