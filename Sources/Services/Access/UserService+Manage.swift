public import Domain
import Foundation
import Postgres
import Storage

/// What an admin changes on an account; `nil` leaves a field as it is.
public struct UserChanges: Sendable {
    public var email: String?
    public var name: String?
    public var role: Role?
    public var isActive: Bool?
    public var timeZone: String?
    /// The weekly working-time target in minutes (utilization, issue 15).
    public var weeklyTargetMinutes: Int?
    /// `.some(nil)` removes the client (for a user leaving the client role); `nil` leaves it.
    public var clientID: ClientID??

    public init(
        email: String? = nil, name: String? = nil, role: Role? = nil, isActive: Bool? = nil, timeZone: String? = nil,
        clientID: ClientID?? = nil, weeklyTargetMinutes: Int? = nil
    ) {
        self.weeklyTargetMinutes = weeklyTargetMinutes
        self.email = email
        self.name = name
        self.role = role
        self.isActive = isActive
        self.timeZone = timeZone
        self.clientID = clientID
    }
}

extension UserService {
    /// The user directory (staff only), ordered by email; `limit + 1` rows are fetched
    /// so the caller can tell whether another page follows.
    public func list(_ query: UserQuery, caller: Caller) async throws -> [User] {
        try Policy.require(caller.actor, .read, .agency)
        return try await users.list(query, on: pool)
    }

    /// One user: staff see anyone; a client contact sees only themselves (anyone else
    /// is "not found").
    public func get(_ id: UserID, caller: Caller) async throws -> User {
        try Policy.require(caller.actor, .read, .user(id))
        guard let user = try await users.find(id, on: pool) else { throw DomainError.notFound(entity: "user") }
        return user
    }

    /// Changes an account (admin only), if it is still at `expectedVersion`.
    ///
    /// Deactivating revokes every session of the user in the same transaction. The last
    /// active admin can be neither demoted nor deactivated, a team lead must stay a
    /// manager or admin, and a client contact cannot be in a team (409).
    public func update(_ id: UserID, changes: UserChanges, expectedVersion: Int, caller: Caller) async throws -> User {
        try Policy.require(caller.actor, .manageUsers, .user(id))
        var validation = Validation()
        var email: Email?
        if let raw = changes.email { email = try validation.collect { () throws(DomainError) in try Email(raw) } }
        validation.add(contentsOf: User.problems(name: changes.name, timeZone: changes.timeZone))
        if let target = changes.weeklyTargetMinutes, !User.weeklyTargetRange.contains(target) {
            validation.add(field: "weekly_target_minutes", message: "must be between 0 and 10080 minutes (a week)")
        }
        try validation.throwIfInvalid()

        return try await pool.withTransaction { tx in
            // Admins first (in id order), then the user: the same order in every transaction.
            let touchesAdmins = changes.role != nil || changes.isActive != nil
            let activeAdmins = touchesAdmins ? try await users.lockActiveAdmins(on: tx) : []
            guard try await users.findForUpdate(id, on: tx) != nil else { throw DomainError.notFound(entity: "user") }
            // Read again now that the row is locked: a fresh snapshot sees team changes
            // committed while this transaction waited for the lock.
            guard let before = try await users.find(id, on: tx) else { throw DomainError.notFound(entity: "user") }
            guard before.version == expectedVersion else { throw DomainError.versionMismatch }

            var after = before
            if let email { after.email = email.address }
            if let name = changes.name { after.name = name.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let role = changes.role { after.role = role }
            if let isActive = changes.isActive { after.isActive = isActive }
            if let timeZone = changes.timeZone { after.timeZone = timeZone }
            if let clientID = changes.clientID { after.clientID = clientID }
            if let target = changes.weeklyTargetMinutes { after.weeklyTargetMinutes = target }
            guard after != before else { return before }

            try Self.checkRoleRules(before: before, after: after)
            let wasActiveAdmin = before.role == .admin && before.isActive
            let staysActiveAdmin = after.role == .admin && after.isActive
            if wasActiveAdmin, !staysActiveAdmin, activeAdmins.allSatisfy({ $0 == id }) {
                throw DomainError.conflict(
                    "This is the last active admin: make another user admin before demoting or deactivating this one.")
            }
            guard try await users.update(after, expectedVersion: expectedVersion, on: tx) else { throw DomainError.versionMismatch }
            let deactivated = before.isActive && !after.isActive
            if deactivated {
                try await sessions.revokeAll(userID: id, at: clock.now(), on: tx)
            }
            guard let updated = try await users.find(id, on: tx) else { throw DomainError.notFound(entity: "user") }
            try await audit.append(
                AuditEntry(
                    action: deactivated ? .userDeactivated : .userUpdated, subjectType: .user, subjectID: id.description,
                    before: try AuditJSON.user(before), after: try AuditJSON.user(updated)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return updated
        }
    }

    /// The role, client and team rules a changed account must still satisfy.
    static func checkRoleRules(before: User, after: User) throws(DomainError) {
        var validation = Validation()
        if after.role == .client, after.clientID == nil {
            validation.add(field: "client_id", message: "is required for a client contact")
        }
        if after.role != .client, after.clientID != nil {
            validation.add(field: "client_id", message: "is only for users with the client role (send null to remove it)")
        }
        try validation.throwIfInvalid()
        if after.role == .client, !before.teamIDs.isEmpty {
            throw .conflict("A client contact cannot be in a team: remove this user from their teams first.")
        }
        if !Team.canLead(after.role), !before.leadTeamIDs.isEmpty {
            throw .conflict("This user leads a team, and only managers and admins can lead: make them a plain member of their teams first.")
        }
    }
}
