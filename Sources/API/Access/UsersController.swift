import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/users`: accounts (admin manages; staff read; a client contact reads only themselves).
struct UsersController {
    let users: UserService

    func register(on api: RouterGroup<AuthenticatedContext>) {
        api.get("/users", use: list)
        api.post("/users", use: create)
        api.get("/users/{id}", use: get)
        api.patch("/users/{id}", use: update)
    }

    struct CreateRequest: Decodable {
        let email: String
        let name: String
        let role: Role
        let password: String
        let clientId: ClientID?
        let timeZone: String?

        enum CodingKeys: String, CodingKey { case email, name, role, password, clientId, timeZone }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            email = try container.decode(String.self, forKey: .email)
            name = try container.decode(String.self, forKey: .name)
            role = try container.decodeChoice(Role.self, forKey: .role)
            password = try container.decode(String.self, forKey: .password)
            clientId = try container.decodeIfPresent(ClientID.self, forKey: .clientId)
            timeZone = try container.decodeIfPresent(String.self, forKey: .timeZone)
        }
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let body = try await JSONBody.decode(CreateRequest.self, from: request, context: context)
        let user = try await users.create(
            NewUser(email: body.email, name: body.name, role: body.role, password: body.password, clientID: body.clientId, timeZone: body.timeZone),
            caller: caller)
        return try JSONBody.created(UserDTO(user), location: "/api/v1/users/\(user.id)", version: user.version)
    }

    /// `GET /users?role=&active=&team_id=&client_id=&limit=&cursor=`, ordered by email.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var query = QueryReader(request)
        var filter = UserQuery()
        filter.role = query.choice("role")
        filter.active = query.bool("active")
        filter.teamID = query.id("team_id")
        filter.clientID = query.id("client_id")
        let page = query.page()
        filter.limit = page.limit
        if let key = page.after {
            if key.count == 2, let id = UserID(uuidString: key[1]) { filter.after = (key[0], id) } else { query.badCursor() }
        }
        try query.throwIfInvalid()
        let fetched = try await users.list(filter, caller: caller)
        return try JSONBody.response(
            Page(fetched: fetched.map(UserDTO.init), limit: page.limit) { [Email.normalize($0.email), $0.id.description] })
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let user = try await users.get(try context.pathID(entity: "user"), caller: caller)
        var response = try JSONBody.response(UserDTO(user))
        response.setVersion(user.version)
        return response
    }

    struct UpdateRequest: Decodable {
        let changes: UserChanges

        enum CodingKeys: String, CodingKey {
            case email, name, role, active, timeZone, clientId, weeklyTargetMinutes
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            changes = UserChanges(
                email: try container.decodeChange(String.self, forKey: .email),
                name: try container.decodeChange(String.self, forKey: .name),
                role: try container.decodeChoiceChange(Role.self, forKey: .role),
                isActive: try container.decodeChange(Bool.self, forKey: .active),
                timeZone: try container.decodeChange(String.self, forKey: .timeZone),
                clientID: try container.decodeNullableChange(ClientID.self, forKey: .clientId),
                weeklyTargetMinutes: try container.decodeChange(Int.self, forKey: .weeklyTargetMinutes))
        }
    }

    /// `PATCH /users/{id}` with `If-Match`; `"active": false` deactivates and revokes every session.
    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let id: UserID = try context.pathID(entity: "user")
        let version = try Versioning.requiredVersion(request)
        let body = try await JSONBody.decode(UpdateRequest.self, from: request, context: context)
        let user = try await users.update(id, changes: body.changes, expectedVersion: version, caller: caller)
        var response = try JSONBody.response(UserDTO(user))
        response.setVersion(user.version)
        return response
    }
}
