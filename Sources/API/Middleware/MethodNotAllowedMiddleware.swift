import HTTPTypes
public import Hummingbird

/// `405 Method Not Allowed` with an `Allow` header for a path that exists but not with the
/// request's method (e.g. `TRACE /api/v1/users`), instead of the router's 404 (RFC 9110
/// §15.5.6; issue 11 item 12).
///
/// Added to the router after every route, so it wraps only the router's not-found
/// responder (Hummingbird builds each route's middleware chain when the route is
/// registered): a request that matched a route never passes through it.
public struct MethodNotAllowedMiddleware: RouterMiddleware {
    public typealias Context = SheafRequestContext

    struct Route: Sendable {
        let path: RouterPath
        let methods: [HTTPRequest.Method]
    }

    let routes: [Route]

    /// `routes`: every (path, method) of the router, e.g. `router.routes`.
    init(routes: [(path: RouterPath, method: HTTPRequest.Method)]) {
        var methodsByPath: [String: (RouterPath, [HTTPRequest.Method])] = [:]
        for route in routes {
            methodsByPath[route.path.description, default: (route.path, [])].1.append(route.method)
        }
        self.routes = methodsByPath.values.map { Route(path: $0.0, methods: $0.1) }
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
        // Literal segments beat captures (as the router resolves them): the most literal match wins.
        let matches = routes.filter { route in
            route.path.components.count == segments.count && zip(route.path.components, segments).allSatisfy { $0 ~= $1 }
        }
        guard let route = matches.max(by: { Self.literalCount($0) < Self.literalCount($1) }) else {
            return try await next(request, context)
        }
        let allowed = route.methods.map(\.rawValue).sorted().joined(separator: ", ")
        var problem = Problem(
            status: .methodNotAllowed, code: "method_not_allowed",
            detail: "\(request.method) is not allowed on \(request.uri.path); allowed: \(allowed).")
        problem.instance = request.uri.path
        problem.requestId = context.requestID
        return problem.response(headers: [.allow: allowed])
    }

    private static func literalCount(_ route: Route) -> Int {
        route.path.components.filter { $0 == $0.description }.count
    }
}
