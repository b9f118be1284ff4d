import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// The people of the agency in the console (issue 19 item 4): the directory (staff
/// read it, as `GET /api/v1/users`), and for the admin an account to create
/// (`POST /api/v1/users`) or change at its version (`PATCH /api/v1/users/{id}`).
struct ConsoleUsersController {
    let users: UserService
    let clients: ClientService
    let rates: RateService
    let session: ConsoleSession

    func register(on app: RouterGroup<AuthenticatedContext>) {
        app.get("/app/users", use: list)
        app.post("/app/users", use: create)
        app.get("/app/users/{id}", use: show)
        app.post("/app/users/{id}", use: update)
        app.post("/app/users/{id}/rates", use: addRate)
    }

    struct Choice: Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Row: Sendable {
        let id: String
        let name: String
        let email: String
        let role: String
        let active: Bool
        let openLabel: String
    }

    struct ListPage: Sendable {
        let users: [Row]
        let canManage: Bool
        let roles: [Choice]
        let clients: [Choice]
    }

    func roles(_ console: ConsoleRequest, selected: Role?) -> [Choice] {
        Role.allCases.map { Choice(value: $0.rawValue, label: console.text("role_\($0.rawValue)"), selected: $0 == selected) }
    }

    /// The clients a contact may belong to (only asked when the caller may create accounts).
    func clientChoices(_ caller: Caller, selected: ClientID?) async throws -> [Choice] {
        try await clients.list(ClientQuery(limit: 200), caller: caller).map {
            Choice(value: $0.id.description, label: $0.name, selected: $0.id == selected)
        }
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let found = try await users.list(UserQuery(limit: 200), caller: caller)
        let canManage = Policy.can(caller.actor, .manageUsers, .agency)
        let rows = found.prefix(200).map { user in
            Row(
                id: user.id.description, name: user.name, email: user.email, role: console.text("role_\(user.role.rawValue)"), active: user.isActive,
                openLabel: ConsoleCatalog.format("users_open_label", console.language, user.name))
        }
        let page = ListPage(
            users: Array(rows), canManage: canManage, roles: roles(console, selected: .member),
            clients: canManage ? try await clientChoices(caller, selected: nil) : [])
        return try console.render("console-users", titleKey: "users_title", section: "users", page: page)
    }

    /// `email`, `name`, `role`, `password`, and `client_id` for a client contact.
    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        return try await ConsoleRequest.perform(success: "/app/users", failure: "/app/users") {
            guard let role = form["role"].flatMap(Role.init(rawValue:)) else { throw DomainError.invalid(field: "role", message: "is required") }
            let client = role == .client ? form["client_id"].flatMap(ClientID.init(uuidString:)) : nil
            let user = try await users.create(
                NewUser(email: form["email"] ?? "", name: form["name"] ?? "", role: role, password: form["password"] ?? "", clientID: client),
                caller: caller)
            return Flash(.ok, ConsoleCatalog.format("users_created", language, user.name))
        }
    }

    struct UserPage: Sendable {
        let id: String
        let name: String
        let email: String
        let role: String
        let version: Int
        let active: Bool
        let canManage: Bool
        let roles: [Choice]
        /// Billable and cost rates, effective-dated: the admin's only.
        let canRate: Bool
        let rates: [RateRow]
        let hasRates: Bool
        let kinds: [Choice]
    }

    struct RateRow: Sendable {
        let kind: String
        let from: String
        let rate: String
    }

    @Sendable func show(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let console = ConsoleRequest(request, caller: caller, session: session)
        let user = try await users.get(try context.pathID(entity: "user"), caller: caller)
        let canRate = Policy.can(caller.actor, .manageRates, .agency)
        let history = canRate ? try await rates.list(userID: user.id, caller: caller) : []
        let rows = history.sorted { ($0.effectiveFrom, $0.kind.rawValue) > ($1.effectiveFrom, $1.kind.rawValue) }.map {
            RateRow(
                kind: console.text("rate_kind_\($0.kind.rawValue)"), from: $0.effectiveFrom.description,
                rate: console.language.money($0.rate.decimalString, currency: $0.rate.currency.code))
        }
        let page = UserPage(
            id: user.id.description, name: user.name, email: user.email, role: console.text("role_\(user.role.rawValue)"), version: user.version,
            active: user.isActive, canManage: Policy.can(caller.actor, .manageUsers, .user(user.id)), roles: roles(console, selected: user.role),
            canRate: canRate, rates: rows, hasRates: !rows.isEmpty,
            kinds: UserRate.Kind.allCases.map { Choice(value: $0.rawValue, label: console.text("rate_kind_\($0.rawValue)"), selected: $0 == .billable) })
        return try console.render("console-user", titleKey: "user_title", section: "users", page: page, extraTitle: user.name)
    }

    /// `kind` (billable or cost), `effective_from`, `rate` (per hour, as the person's
    /// language writes it), in the agency's currency.
    @Sendable func addRate(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: UserID = try context.pathID(entity: "user")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/users/\(id)"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            guard let kind = form["kind"].flatMap(UserRate.Kind.init(rawValue:)) else {
                throw DomainError.invalid(field: "kind", message: "must be billable or cost")
            }
            let from = try LocalDate.parse(try form.required("effective_from"), field: "effective_from")
            let rate = ConsoleExpensesController.decimal(try form.required("rate"), language: language)
            let created = try await rates.create(NewUserRate(kind: kind, effectiveFrom: from, rate: rate), userID: id, caller: caller)
            return Flash(.ok, ConsoleCatalog.format("rate_added", language, language.money(created.rate.decimalString, currency: created.rate.currency.code), from.description))
        }
    }

    /// `name`, `email`, `role`, `active` (a checkbox) at `version`.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: UserID = try context.pathID(entity: "user")
        let form = try await session.postedForm(request, context: context)
        let language = ConsoleSession.language(request)
        let back = "/app/users/\(id)"
        return try await ConsoleRequest.perform(success: back, failure: back) {
            guard let version = form["version"].flatMap(Int.init) else { throw DomainError.invalid(field: "version", message: "is required") }
            guard let role = form["role"].flatMap(Role.init(rawValue:)) else { throw DomainError.invalid(field: "role", message: "is required") }
            let changes = UserChanges(email: form["email"], name: form["name"], role: role, isActive: form["active"] == "on")
            let user = try await users.update(id, changes: changes, expectedVersion: version, caller: caller)
            return Flash(.ok, ConsoleCatalog.format("user_saved", language, user.name))
        }
    }
}
