public import Domain
import Foundation
public import Postgres
import Storage

/// Teams: named groups of collaborators with leads (SPEC §2). Staff read them; the
/// admin manages them (SPEC §3 "manage teams"). Members live in `TeamService+Members.swift`.
public struct TeamService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let teams = TeamStore()
    let users = UserStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock) {
        self.pool = pool
        self.clock = clock
    }

    /// Teams by name (staff only); `limit + 1` rows are fetched so the caller can tell
    /// whether another page follows.
    public func list(_ query: TeamQuery, caller: Caller) async throws -> [Team] {
        try Policy.require(caller.actor, .read, .agency)
        return try await teams.list(query, on: pool)
    }

    public func get(_ id: TeamID, caller: Caller) async throws -> Team {
        try Policy.require(caller.actor, .read, .team(id))
        guard let team = try await teams.find(id, on: pool) else { throw DomainError.notFound(entity: "team") }
        return team
    }

    /// Creates an empty team; names are unique case-insensitively (409).
    public func create(name: String, caller: Caller) async throws -> Team {
        try Policy.require(caller.actor, .manageTeams, .agency)
        let team = Team(id: .random(), name: try Self.validName(name), version: 1)
        try await pool.withTransaction { tx in
            try await teams.insert(team, on: tx)
            try await audit.append(
                AuditEntry(action: .teamCreated, subjectType: .team, subjectID: team.id.description, after: try AuditJSON.team(team)),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
        return team
    }

    /// Renames a team if it is still at `expectedVersion` (`nil` changes nothing, but
    /// still checks the caller and the version).
    public func update(_ id: TeamID, name: String?, expectedVersion: Int, caller: Caller) async throws -> Team {
        try Policy.require(caller.actor, .manageTeams, .team(id))
        let name = try name.map { raw throws(DomainError) in try Self.validName(raw) }
        return try await pool.withTransaction { tx in
            let before = try await lockedTeam(id, expectedVersion: expectedVersion, on: tx)
            guard let name, before.name != name else { return before }
            guard try await teams.rename(id, to: name, expectedVersion: expectedVersion, on: tx) else { throw DomainError.versionMismatch }
            guard let after = try await teams.find(id, on: tx) else { throw DomainError.notFound(entity: "team") }
            try await audit.append(
                AuditEntry(
                    action: .teamUpdated, subjectType: .team, subjectID: id.description, before: try AuditJSON.team(before),
                    after: try AuditJSON.team(after)),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return after
        }
    }

    /// Deletes a team and its memberships (never the users). With `expectedVersion`,
    /// only if the team is still at that version.
    public func delete(_ id: TeamID, expectedVersion: Int?, caller: Caller) async throws {
        try Policy.require(caller.actor, .manageTeams, .team(id))
        try await pool.withTransaction { tx in
            let before = try await lockedTeam(id, expectedVersion: expectedVersion, on: tx)
            let projects = try await teams.projectCodes(of: id, on: tx)
            if !projects.isEmpty {
                let listed = projects.prefix(10).joined(separator: ", ") + (projects.count > 10 ? ", …" : "")
                throw DomainError.conflict(
                    "The team \(before.name) still runs \(projects.count) project\(projects.count == 1 ? "" : "s") (\(listed)): "
                        + "move \(projects.count == 1 ? "it" : "them") to another team first.")
            }
            guard try await teams.delete(id, on: tx) else { throw DomainError.notFound(entity: "team") }
            try await audit.append(
                AuditEntry(action: .teamDeleted, subjectType: .team, subjectID: id.description, before: try AuditJSON.team(before)),
                actor: caller.user.id, origin: caller.origin, on: tx)
        }
    }

    /// The team, locked for this transaction; 404 when missing, 412 when not at `expectedVersion`.
    func lockedTeam(_ id: TeamID, expectedVersion: Int?, on tx: PostgresTransaction) async throws -> Team {
        guard let team = try await teams.findForUpdate(id, on: tx) else { throw DomainError.notFound(entity: "team") }
        if let expectedVersion, team.version != expectedVersion { throw DomainError.versionMismatch }
        return team
    }

    static func validName(_ raw: String) throws(DomainError) -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(name.unicodeScalars.count) else { throw .invalid(field: "name", message: "must be 1 to 200 characters") }
        return name
    }
}
