import Domain
import Postgres
import Storage

extension StaffSelection {
    /// Whose time a team report (missing time, utilization) covers for `caller`: the
    /// admin everyone (or one team); a manager the teams they lead (and themselves); a
    /// member only themselves. Naming a team needs the right to read its reports.
    /// - Throws: 403 for a client contact or a team the caller does not lead, 404 for an unknown team.
    static func visible(to caller: Caller, teamID: TeamID?, on db: some PostgresQueryable) async throws -> StaffSelection {
        let actor = caller.actor
        try Policy.require(actor, .read, .agency)
        if let teamID {
            try Policy.require(actor, .readTeamReports, .team(teamID))
            guard try await TeamStore().find(teamID, on: db) != nil else { throw DomainError.notFound(entity: "team") }
            return .teams([teamID], plus: nil)
        } else if Policy.can(actor, .readTeamReports, .agency) {
            return .everyone
        } else if actor.role == .manager, !actor.leadTeamIDs.isEmpty {
            return .teams(actor.leadTeamIDs.sorted { $0.description < $1.description }, plus: actor.userID)
        } else {
            return .user(actor.userID)
        }
    }
}
