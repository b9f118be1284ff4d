public import Domain
import Foundation
import Postgres
import Storage

extension TeamService {
    /// The members of a team, leads first (staff only).
    public func members(of teamID: TeamID, caller: Caller) async throws -> [TeamMemberRecord] {
        try Policy.require(caller.actor, .read, .team(teamID))
        guard try await teams.find(teamID, on: pool) != nil else { throw DomainError.notFound(entity: "team") }
        return try await teams.members(of: teamID, on: pool)
    }

    /// One member of a team (staff only).
    public func member(_ userID: UserID, of teamID: TeamID, caller: Caller) async throws -> TeamMemberRecord {
        try Policy.require(caller.actor, .read, .team(teamID))
        guard try await teams.find(teamID, on: pool) != nil else { throw DomainError.notFound(entity: "team") }
        guard let member = try await teams.member(userID, of: teamID, on: pool) else { throw DomainError.notFound(entity: "team member") }
        return member
    }

    /// Adds an active staff user to a team, or sets the lead flag of a member
    /// (`isLead` nil: false for a new member, unchanged for an existing one).
    /// Only managers and admins can lead (``Team/canLead(_:)``). Returns whether the
    /// membership is new.
    public func addMember(
        _ userID: UserID, to teamID: TeamID, isLead requestedLead: Bool?, caller: Caller
    ) async throws -> (member: TeamMemberRecord, created: Bool) {
        try Policy.require(caller.actor, .manageTeams, .team(teamID))
        return try await pool.withTransaction { tx in
            let team = try await lockedTeam(teamID, expectedVersion: nil, on: tx)
            // Locking the user keeps a concurrent role change from slipping between the check and the write.
            guard let user = try await users.findForUpdate(userID, on: tx) else {
                throw DomainError.invalid(field: "user_id", message: "is not the id of an existing user")
            }
            let existing = team.members.first { $0.userID == userID }
            let isLead = requestedLead ?? existing?.isLead ?? false
            var validation = Validation()
            validation.require(user.role.isStaff, field: "user_id", message: "is a client contact; only staff can be team members")
            validation.require(user.isActive, field: "user_id", message: "is a deactivated user")
            if user.role.isStaff {
                validation.require(!isLead || Team.canLead(user.role), field: "lead", message: "only managers and admins can lead a team")
            }
            try validation.throwIfInvalid()

            if existing?.isLead != isLead {
                try await teams.upsertMember(userID, of: teamID, isLead: isLead, at: clock.now(), on: tx)
                try await teams.bumpVersion(teamID, on: tx)
                try await audit.append(
                    AuditEntry(
                        action: existing == nil ? .teamMemberAdded : .teamMemberUpdated, subjectType: .team,
                        subjectID: teamID.description,
                        before: try existing.map { try AuditJSON.membership(team: teamID, user: userID, isLead: $0.isLead) },
                        after: try AuditJSON.membership(team: teamID, user: userID, isLead: isLead)),
                    actor: caller.user.id, origin: caller.origin, on: tx)
            }
            guard let member = try await teams.member(userID, of: teamID, on: tx) else { throw DomainError.notFound(entity: "team member") }
            return (member, existing == nil)
        }
    }

    /// Removes a user from a team (the user stays).
    public func removeMember(_ userID: UserID, from teamID: TeamID, caller: Caller) async throws {
        try Policy.require(caller.actor, .manageTeams, .team(teamID))
        try await pool.withTransaction { tx in
            let team = try await lockedTeam(teamID, expectedVersion: nil, on: tx)
            guard let existing = team.members.first(where: { $0.userID == userID }),
                try await teams.removeMember(userID, of: teamID, on: tx)
            else { throw DomainError.notFound(entity: "team member") }
            try await teams.bumpVersion(teamID, on: tx)
            try await audit.append(
                AuditEntry(
                    action: .teamMemberRemoved, subjectType: .team, subjectID: teamID.description,
                    before: try AuditJSON.membership(team: teamID, user: userID, isLead: existing.isLead)),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
    }
}
