import Domain
import Foundation

/// A member of a project on the wire, with the user facts a member list shows.
struct ProjectMemberDTO: Encodable, Sendable {
    let projectID: ProjectID
    let userID: UserID
    let name: String
    let email: String
    let role: Role
    let active: Bool
    let addedAt: Date

    enum CodingKeys: String, CodingKey {
        case name, email, role, active
        case projectID = "project_id"
        case userID = "user_id"
        case addedAt = "added_at"
    }

    init(_ member: ProjectMemberRecord, projectID: ProjectID) {
        self.projectID = projectID
        userID = member.userID
        name = member.name
        email = member.email
        role = member.role
        active = member.isActive
        addedAt = member.addedAt
    }
}

/// A project, member or task rate on the wire: `rate` is the decimal text ("87.50"),
/// `rate_scaled` the exact integer (major units × 10 000); `user_id` is set for a
/// member rate, `task_id` for a task rate.
struct ProjectRateDTO: Encodable, Sendable {
    let rate: ProjectRate

    enum CodingKeys: String, CodingKey {
        case id, level, rate, currency
        case projectID = "project_id"
        case userID = "user_id"
        case taskID = "task_id"
        case effectiveFrom = "effective_from"
        case rateScaled = "rate_scaled"
    }

    init(_ rate: ProjectRate) {
        self.rate = rate
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var user: UserID?
        var task: TaskID?
        switch rate.target {
        case .project: break
        case .member(let id): user = id
        case .task(let id): task = id
        }
        try container.encode(rate.id, forKey: .id)
        try container.encode(rate.projectID, forKey: .projectID)
        try container.encode(rate.level, forKey: .level)
        try container.encode(user, forKey: .userID)
        try container.encode(task, forKey: .taskID)
        try container.encode(rate.effectiveFrom, forKey: .effectiveFrom)
        try container.encode(rate.rate.decimalString, forKey: .rate)
        try container.encode(rate.rate.scaled, forKey: .rateScaled)
        try container.encode(rate.rate.currency.code, forKey: .currency)
    }
}
