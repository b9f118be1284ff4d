import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Services

/// `/api/v1/sessions` and `/api/v1/me`: login, logout, own sessions, own password.
struct SessionsController {
    let auth: AuthService

    func register(open: RouterGroup<SheafRequestContext>, authenticated api: RouterGroup<AuthenticatedContext>) {
        open.post("/sessions", use: login)
        api.get("/sessions", use: list)
        api.delete("/sessions/current", use: logout)
        api.delete("/sessions/{id}", use: revoke)
        api.get("/me", use: me)
        api.put("/me/password", use: changePassword)
    }

    struct LoginRequest: Decodable {
        let email: String
        let password: String
        /// Ask for the token as an HttpOnly cookie (for browsers) as well as in the body.
        let cookie: Bool?

        enum CodingKeys: String, CodingKey { case email, password, cookie }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            email = try container.decode(String.self, forKey: .email)
            password = try container.decode(String.self, forKey: .password)
            cookie = try container.decodeIfPresent(Bool.self, forKey: .cookie)
        }
    }

    struct LoginResponse: Encodable {
        let token: String
        let expiresAt: Date
        let user: UserDTO
    }

    /// Credentials only over HTTPS (directly, or via a trusted proxy that says so).
    static func requireHTTPS(_ context: some SheafContext) throws {
        guard context.scheme == "https" else { throw InsecureTransport() }
    }

    @Sendable func login(_ request: Request, context: SheafRequestContext) async throws -> Response {
        try Self.requireHTTPS(context)
        let body = try await JSONBody.decode(LoginRequest.self, from: request, context: context)
        let session = try await auth.login(
            email: body.email, password: body.password, origin: context.origin, userAgent: request.headers[.userAgent])
        var headers: HTTPFields = [.location: "/api/v1/sessions/\(session.sessionID)"]
        if body.cookie == true {
            let maxAge = max(0, Int(session.expiresAt.timeIntervalSinceNow))
            headers[.setCookie] = "\(AuthMiddleware.cookieName)=\(session.token); Path=/; Max-Age=\(maxAge); HttpOnly; Secure; SameSite=Strict"
        }
        return try JSONBody.response(
            LoginResponse(token: session.token, expiresAt: session.expiresAt, user: UserDTO(session.user)), status: .created,
            headers: headers)
    }

    struct SessionDTO: Encodable {
        let id: SessionID
        let createdAt: Date
        let lastSeenAt: Date
        let expiresAt: Date
        let clientAddress: String
        let userAgent: String?
        let current: Bool
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        let sessions = try await auth.listSessions(caller).map {
            SessionDTO(
                id: $0.id, createdAt: $0.createdAt, lastSeenAt: $0.lastSeenAt, expiresAt: $0.expiresAt, clientAddress: $0.clientAddress,
                userAgent: $0.userAgent, current: $0.isCurrent)
        }
        return try JSONBody.response(["items": sessions])
    }

    @Sendable func logout(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try await auth.logout(context.caller)
        var headers: HTTPFields = [:]
        if AuthMiddleware.token(from: request.headers) != nil, request.headers[.authorization] == nil {
            headers[.setCookie] = "\(AuthMiddleware.cookieName)=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict"
        }
        return Response(status: .noContent, headers: headers)
    }

    @Sendable func revoke(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        guard let id = context.parameters.get("id").flatMap(SessionID.init(uuidString:)) else {
            throw DomainError.notFound(entity: "session")
        }
        try await auth.revokeSession(id, caller: caller)
        return Response(status: .noContent)
    }

    @Sendable func me(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let caller = context.caller
        var response = try JSONBody.response(UserDTO(caller.user))
        response.setVersion(caller.user.version)
        return response
    }

    struct PasswordChange: Decodable {
        let currentPassword: String
        let newPassword: String

        enum CodingKeys: String, CodingKey { case currentPassword, newPassword }

        init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            currentPassword = try container.decode(String.self, forKey: .currentPassword)
            newPassword = try container.decode(String.self, forKey: .newPassword)
        }
    }

    @Sendable func changePassword(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try Self.requireHTTPS(context)
        let caller = context.caller
        let body = try await JSONBody.decode(PasswordChange.self, from: request, context: context)
        try await auth.changePassword(current: body.currentPassword, new: body.newPassword, caller: caller)
        return Response(status: .noContent)
    }
}
