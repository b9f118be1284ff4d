public import Hummingbird

/// Refuses a query string on a route that reads none (400 naming the parameters), so
/// that `GET /time-entries/{id}?fields=…` or a filter sent to the wrong route is an
/// error, not silently ignored. Routes that read a query validate it themselves
/// (``QueryReader/throwIfInvalid()``); unknown paths stay 404.
public struct QueryGuardMiddleware: RouterMiddleware {
    public typealias Context = SheafRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let query = request.uri.query, !query.isEmpty, let route = context.endpointPath, route != "NotFound",
            !QueryReader.routesReadingQueries.contains("\(request.method.rawValue) \(route)")
        else { return try await next(request, context) }
        let names = Set(request.uri.queryParameters.map { String($0.key) }).sorted()
        throw UnknownQueryParameters(names: names, known: [])
    }
}
