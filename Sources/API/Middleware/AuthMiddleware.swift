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
    /// `SHEAF_PUBLIC_URL` ("" when unset: the request's own scheme and Host then).
    let publicURL: String

    public init(auth: AuthService, publicURL: String = "") {
        self.auth = auth
        self.publicURL = publicURL
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = Self.token(from: request.headers) else { return try await next(request, context) }
        // A browser sends the cookie with any request to this host, including one a
        // page elsewhere makes it send (SameSite does not cover sibling subdomains):
        // a state-changing request authenticated by the cookie must come from our origin.
        if request.headers[.authorization] == nil, ![.get, .head, .options].contains(request.method) {
            try Self.requireSameOrigin(request, scheme: context.scheme, publicURL: publicURL)
        }
        var context = context
        if let (caller, _) = try await auth.authenticate(token: token, origin: context.origin) {
            context.session = caller
            context.facts.userID = caller.user.id.description
            context.logger[metadataKey: "user_id"] = .string(caller.user.id.description)
        }
        return try await next(request, context)
    }

    /// `Origin` equal to the server's public origin, or `Sec-Fetch-Site: same-origin`; 403 otherwise.
    static func requireSameOrigin(_ request: Request, scheme: String, publicURL: String) throws {
        if request.headers[HTTPField.Name("Sec-Fetch-Site")!] == "same-origin" { return }
        let expected: String
        if publicURL.isEmpty {
            expected = "\(scheme)://\(request.head.authority ?? "")"
        } else {
            let url = URL(string: publicURL)
            expected = "\(url?.scheme ?? "https")://\(url?.host ?? "")" + (url?.port.map { ":\($0)" } ?? "")
        }
        guard let origin = request.headers[.origin], origin.lowercased() == expected.lowercased() else {
            throw DomainError.forbidden(
                "A request authenticated by the session cookie must come from this server's own pages (Origin \(expected)); "
                    + "scripts and other sites use Authorization: Bearer.")
        }
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
