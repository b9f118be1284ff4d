public import Foundation

/// A collaborator or client contact with an account (SPEC §2).
public struct User: Hashable, Sendable {
    public let id: UserID
    public var email: String
    public var name: String
    public var role: Role
    public var isActive: Bool
    /// The client a `client` user belongs to; nil for staff.
    public var clientID: ClientID?
    public var timeZone: String
    /// The working time expected of a collaborator in a week, in minutes (the target of
    /// the utilization report; 40 h unless set).
    public var weeklyTargetMinutes: Int
    /// Optimistic-concurrency version; becomes the ETag.
    public var version: Int
    public let createdAt: Date
    /// Teams the user belongs to, and which of them the user leads.
    public var teamIDs: [TeamID]
    public var leadTeamIDs: [TeamID]

    public init(
        id: UserID, email: String, name: String, role: Role, isActive: Bool, clientID: ClientID?, timeZone: String,
        version: Int, createdAt: Date, teamIDs: [TeamID] = [], leadTeamIDs: [TeamID] = [], weeklyTargetMinutes: Int = User.defaultWeeklyTargetMinutes
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.isActive = isActive
        self.clientID = clientID
        self.timeZone = timeZone
        self.weeklyTargetMinutes = weeklyTargetMinutes
        self.version = version
        self.createdAt = createdAt
        self.teamIDs = teamIDs
        self.leadTeamIDs = leadTeamIDs
    }

    /// 40 hours.
    public static let defaultWeeklyTargetMinutes = 2400
    /// A week's 168 hours.
    public static let weeklyTargetRange = 0...10_080

    /// The policy's view of this user.
    public var actor: Policy.Actor {
        Policy.Actor(
            userID: id, role: role, leadTeamIDs: Set(leadTeamIDs), memberTeamIDs: Set(teamIDs), clientID: clientID, isActive: isActive)
    }

    /// Checks a display name and time zone given by a caller.
    public static func problems(name: String?, timeZone: String?) -> [FieldError] {
        var problems: [FieldError] = []
        if let name {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.count > 200 {
                problems.append(FieldError(field: "name", message: "must be 1 to 200 characters"))
            }
        }
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            problems.append(FieldError(field: "time_zone", message: "must be an IANA time zone such as Europe/Paris"))
        }
        return problems
    }
}
