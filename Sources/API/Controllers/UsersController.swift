import Domain
import Foundation
import Hummingbird
import Services

/// `/api/v1/users`: accounts (admin manages; staff read).
struct UsersController {
    let users: UserService

    func register(on api: RouterGroup<SheafRequestContext>) {
        api.post("/users", use: create)
    }

    struct CreateRequest: Decodable {
        let email: String
        let name: String
        let role: Role
        let password: String
        let clientID: ClientID?
        let timeZone: String?
        enum CodingKeys: String, CodingKey {
            case email, name, role, password
            case clientID = "client_id"
            case timeZone = "time_zone"
        }
    }

    @Sendable func create(_ request: Request, context: SheafRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let body = try await JSONBody.decode(CreateRequest.self, from: request, context: context)
        let user = try await users.create(
            NewUser(email: body.email, name: body.name, role: body.role, password: body.password, clientID: body.clientID, timeZone: body.timeZone),
            caller: caller)
        return try JSONBody.created(UserDTO(user), location: "/api/v1/users/\(user.id)", version: user.version)
    }
}
