public import Domain
import Foundation
import Postgres
import Storage

extension ProjectService {
    /// The collaborators assigned to a project, by name (whoever may see the project).
    public func members(of projectID: ProjectID, caller: Caller) async throws -> [ProjectMemberRecord] {
        try await requireScope(projectID, .read, caller: caller)
        return try await members.members(of: projectID, on: pool)
    }

    public func member(_ userID: UserID, of projectID: ProjectID, caller: Caller) async throws -> ProjectMemberRecord {
        try await requireScope(projectID, .read, caller: caller)
        guard let member = try await members.member(userID, of: projectID, on: pool) else {
            throw DomainError.notFound(entity: "project member")
        }
        return member
    }

    /// Assigns an active staff user to a project; a second time is a 409.
    public func addMember(_ userID: UserID, to projectID: ProjectID, caller: Caller) async throws -> ProjectMemberRecord {
        try await requireScope(projectID, .manageProject, caller: caller)
        return try await pool.withTransaction { tx in
            // Locking the project and the user keeps a concurrent change from slipping between the checks and the write.
            guard try await projects.findForUpdate(projectID, on: tx) != nil else { throw DomainError.notFound(entity: "project") }
            guard let user = try await users.findForUpdate(userID, on: tx) else {
                throw DomainError.invalid(field: "user_id", message: "is not the id of an existing user")
            }
            var validation = Validation()
            validation.require(user.role.isStaff, field: "user_id", message: "is a client contact; only staff can be project members")
            validation.require(user.isActive, field: "user_id", message: "is a deactivated user")
            try validation.throwIfInvalid()
            try await members.add(userID, to: projectID, at: clock.now(), on: tx)
            try await audit.append(
                AuditEntry(
                    action: .projectMemberAdded, subjectType: .project, subjectID: projectID.description,
                    after: try AuditJSON.projectMembership(project: projectID, user: userID)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            guard let member = try await members.member(userID, of: projectID, on: tx) else {
                throw DomainError.notFound(entity: "project member")
            }
            return member
        }
    }

    /// Unassigns a user from a project; their time entries stay.
    public func removeMember(_ userID: UserID, from projectID: ProjectID, caller: Caller) async throws {
        try await requireScope(projectID, .manageProject, caller: caller)
        try await pool.withTransaction { tx in
            // Locked like every membership or member-rate change of the project, so they serialize.
            guard try await projects.findForUpdate(projectID, on: tx) != nil else { throw DomainError.notFound(entity: "project") }
            guard try await members.remove(userID, from: projectID, on: tx) else { throw DomainError.notFound(entity: "project member") }
            try await audit.append(
                AuditEntry(
                    action: .projectMemberRemoved, subjectType: .project, subjectID: projectID.description,
                    before: try AuditJSON.projectMembership(project: projectID, user: userID)),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
    }
}
