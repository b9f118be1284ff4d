import Domain
import Foundation
import Services

/// A member of a project on the wire, with the user facts a member list shows.
struct ProjectMemberDTO: Encodable, Sendable {
    let projectId: ProjectID
    let userId: UserID
    let name: String
    let email: String
    let role: Role
    let active: Bool
    let addedAt: Date

    init(_ member: ProjectMemberRecord, projectID: ProjectID) {
        projectId = projectID
        userId = member.userID
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
    let id: ID<ProjectRate>
    let projectId: ProjectID
    let level: RateLevel
    @Nullable var userId: UserID?
    @Nullable var taskId: TaskID?
    let effectiveFrom: LocalDate
    let rate: String
    let rateScaled: Int64
    let currency: String

    init(_ rate: ProjectRate) {
        id = rate.id
        projectId = rate.projectID
        level = rate.level
        switch rate.target {
        case .project: (userId, taskId) = (nil, nil)
        case .member(let id): (userId, taskId) = (id, nil)
        case .task(let id): (userId, taskId) = (nil, id)
        }
        effectiveFrom = rate.effectiveFrom
        self.rate = rate.rate.decimalString
        rateScaled = rate.rate.scaled
        currency = rate.rate.currency.code
    }
}
