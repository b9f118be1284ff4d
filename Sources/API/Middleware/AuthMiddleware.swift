import Foundation
import HTTPTypes
public import Hummingbird
import Logging
public import Services
import Domain

/// Resolves `Authorization: Bearer <token>` (or the `sheaf_session` cookie a browser
/// got at login) into the context's session. A missing or invalid token leaves the
/// request anonymous; routes that need a caller are on a group of
/// ``AuthenticatedContext``, which answers 401 for it.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = SheafRequestContext
    static let cookieName = "sheaf_session"
    let auth: AuthService

    public init(auth: AuthService) { self.auth = auth }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = Self.token(from: request.headers) else { return try await next(request, context) }
        var context = context
        if let (caller, _) = try await auth.authenticate(token: token, origin: context.origin) {
            context.session = caller
            context.facts.userID = caller.user.id.description
            context.logger[metadataKey: "user_id"] = .string(caller.user.id.description)
        }
        return try await next(request, context)
    }

    static func token(from headers: HTTPFields) -> String? {
        if let authorization = headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return parts[1].trimmingCharacters(in: .whitespaces) }
            return nil
        }
        for header in headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == cookieName { return parts[1] }
            }
        }
        return nil
    }
}
