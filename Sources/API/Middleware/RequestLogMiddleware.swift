import Foundation
public import Hummingbird
import Logging
import Synchronization

/// What inner middleware learns about a request that the access log line needs: the
/// context is a value copied into every layer, so this one reference is shared.
public final class RequestFacts: Sendable {
    private let signedIn = Mutex<String?>(nil)

    public init() {}

    /// The authenticated user's id, once ``AuthMiddleware`` has accepted the session.
    public var userID: String? {
        get { signedIn.withLock { $0 } }
        set { signedIn.withLock { $0 = newValue } }
    }
}

/// One line per request at `info` — method, route pattern, status, duration, user id
/// (the request id is on every line already) — so a day of traffic leaves a trace,
/// as in every production server. Never the raw path, query, headers or body: they can
/// hold tokens (signed links), personal data or search terms. `SHEAF_LOG_LEVEL=warning`
/// silences it.
public struct RequestLogMiddleware: RouterMiddleware {
    public typealias Context = SheafRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? "unmatched"),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string(Self.milliseconds(elapsed)),
        ]
        if let user = context.facts.userID { metadata["user_id"] = .string(user) }
        context.logger.info("request", metadata: metadata)
        return response
    }

    /// `12.345`: three decimals, from the duration's integer parts (no floating point).
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let micros = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        let millis = micros / 1000
        let fraction = String(micros % 1000)
        return "\(millis).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
