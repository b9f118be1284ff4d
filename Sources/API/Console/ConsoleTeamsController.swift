import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// The teams in the console (issue 19 item 4): the list with leads and member counts
/// (staff read it, as `GET /api/v1/teams`), and for the admin a team to create
/// (`POST /api/v1/teams`), rename at its version (`PATCH /api/v1/teams/{id}`), and
/// members to add, lead or remove (`POST`/`DELETE /api/v1/teams/{id}/members`).
struct ConsoleTeamsController {
    let teams: TeamService
    let users: UserService
    let session: ConsoleSession

    func register(on app: RouterGroup<AuthenticatedContext>) {
        app.get("/app/teams", use: list)
        app.post("/app/teams", use: create)
        app.get("/app/teams/{id}", use: show)
        app.post("/app/teams/{id}", use: rename)
        app.post("/app/teams/{id}/members", use: addMember)
        app.post("/app/teams/{id}/members/{user_id}", use: setLead)
        app.post("/app/teams/{id}/members/{user_id}/remove", use: removeMember)
    }

    struct Row: Sendable {
        let id: String
        let name: String
        let leads: String
        let memberCount: Int
        let openLabel: String
    }

    struct ListPage: Sendable {
        let teams: [Row]
        let hasTeams: Bool
        let canManage: Bool
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let found = try await teams.list(TeamQuery(limit: 200), caller: caller).prefix(200)
        var rows: [Row] = []
        for team in found {
            let members = try await teams.members(of: team.id, caller: caller)
            let leads = members.filter(\.isLead).map(\.name)
            rows.append(
                Row(
                    id: team.id.description, name: team.name, leads: leads.isEmpty ? "—" : leads.joined(separator: ", "),
                    memberCount: members.count, openLabel: ConsoleCatalog.format("teams_open_label", console.language, team.name)))
        }
        let page = ListPage(teams: rows, hasTeams: !rows.isEmpty, canManage: Policy.can(caller.actor, .manageTeams, .agency))
        return try console.render("console-teams", titleKey: "teams_title", section: "teams", page: page)
    }

    /// `name`: a new, empty team, then its page to add the members.
    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        var created: TeamID?
        let response = try await ConsoleRequest.perform(success: "/app/teams", failure: "/app/teams") {
            let team = try await teams.create(name: form["name"] ?? "", caller: caller)
            created = team.id
            return Flash(.ok, ConsoleCatalog.format("teams_created", language, team.name))
        }
        guard let created else { return response }
        return ConsoleRequest.redirect("/app/teams/\(created)", flash: Flash(.ok, ConsoleCatalog.text("teams_created_short", language)))
    }

    struct MemberRow: Sendable {
        let teamID: String
        let id: String
        let name: String
        let email: String
        let role: String
        let isLead: Bool
        /// Only managers and admins can lead (``Team/canLead(_:)``).
        let canLead: Bool
        let leadLabel: String
        let removeLabel: String
    }

    struct Choice: Sendable {
        let value: String
        let label: String
    }

    struct TeamPage: Sendable {
        let id: String
        let name: String
        let version: Int
        let members: [MemberRow]
        let hasMembers: Bool
        let canManage: Bool
        let candidates: [Choice]
        let hasCandidates: Bool
    }

    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let team = try await teams.get(try context.pathID(entity: "team"), caller: caller)
        let members = try await teams.members(of: team.id, caller: caller)
        let canManage = Policy.can(caller.actor, .manageTeams, .team(team.id))
        let rows = members.map { member in
            MemberRow(
                teamID: team.id.description, id: member.userID.description, name: member.name, email: member.email, role: console.text("role_\(member.role.rawValue)"),
                isLead: member.isLead, canLead: Team.canLead(member.role),
                leadLabel: ConsoleCatalog.format(member.isLead ? "team_unlead_label" : "team_lead_label", console.language, member.name),
                removeLabel: ConsoleCatalog.format("team_remove_label", console.language, member.name))
        }
        var candidates: [Choice] = []
        if canManage {
            let inTeam = Set(members.map(\.userID))
            candidates = try await users.list(UserQuery(active: true, limit: 200), caller: caller)
                .filter { $0.role.isStaff && $0.isActive && !inTeam.contains($0.id) }
                .prefix(200)
                .map { Choice(value: $0.id.description, label: "\($0.name) (\(console.text("role_\($0.role.rawValue)")))") }
        }
        let page = TeamPage(
            id: team.id.description, name: team.name, version: team.version, members: rows, hasMembers: !rows.isEmpty, canManage: canManage,
            candidates: candidates, hasCandidates: !candidates.isEmpty)
        return try console.render("console-team", titleKey: "team_title", section: "teams", page: page, extraTitle: team.name)
    }

    /// `name` at `version`.
    @Sendable func rename(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: TeamID = try context.pathID(entity: "team")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/teams/\(id)"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            guard let version = form["version"].flatMap(Int.init) else { throw DomainError.invalid(field: "version", message: "is required") }
            let team = try await teams.update(id, name: form["name"] ?? "", expectedVersion: version, caller: caller)
            return Flash(.ok, ConsoleCatalog.format("team_saved", language, team.name))
        }
    }

    /// `user_id`, and `lead` (a checkbox).
    @Sendable func addMember(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: TeamID = try context.pathID(entity: "team")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/teams/\(id)"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            guard let user = form["user_id"].flatMap(UserID.init(uuidString:)) else {
                throw DomainError.invalid(field: "user_id", message: "is required")
            }
            let (member, _) = try await teams.addMember(user, to: id, isLead: form["lead"] == "on", caller: caller)
            return Flash(.ok, ConsoleCatalog.format("team_member_added", language, member.name))
        }
    }

    /// `lead`: `on` makes the member a lead, anything else makes them a plain member.
    @Sendable func setLead(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: TeamID = try context.pathID(entity: "team")
        let user: UserID = try context.pathID("user_id", entity: "team member")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/teams/\(id)"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            // Only an existing member changes here; adding goes through the add form.
            _ = try await teams.member(user, of: id, caller: caller)
            let isLead = form["lead"] == "on"
            let (member, _) = try await teams.addMember(user, to: id, isLead: isLead, caller: caller)
            return Flash(.ok, ConsoleCatalog.format(isLead ? "team_lead_set" : "team_lead_unset", language, member.name))
        }
    }

    @Sendable func removeMember(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: TeamID = try context.pathID(entity: "team")
        let user: UserID = try context.pathID("user_id", entity: "team member")
        _ = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/teams/\(id)"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            try await teams.removeMember(user, from: id, caller: caller)
            return Flash(.ok, ConsoleCatalog.text("team_member_removed", language))
        }
    }
}
