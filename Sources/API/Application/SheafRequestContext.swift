public import Domain
import Foundation
public import Hummingbird
import NIOCore
public import Services

/// What every Sheaf request context carries, whether or not the request is authenticated:
/// helpers that need only these facts (body decoding, path ids, the audit origin) take
/// `some SheafContext`.
public protocol SheafContext: RequestContext {
    /// `X-Request-Id` as received (if well-formed) or generated; echoed on the response.
    var requestID: String { get }
    /// The client's address: the peer, or what a trusted proxy says the client was.
    var clientAddress: String { get }
    /// `https` when the server terminates TLS itself or a trusted proxy says the client used HTTPS.
    var scheme: String { get }
}

extension SheafContext {
    /// Where a change came from, for the audit trail.
    public var origin: RequestOrigin { RequestOrigin(requestID: requestID, clientAddress: clientAddress) }
}

/// The context of every request as the server receives it, filled in by the middleware
/// (request id, client address, scheme, body limit, session). Routes that anyone may
/// call (login, signed validation links, health) use it directly; every other route is
/// registered on a group of ``AuthenticatedContext``.
public struct SheafRequestContext: SheafContext {
    public var coreContext: CoreRequestContextStorage
    /// The socket peer, before any proxy header is considered.
    public let peerAddress: String?
    public var requestID = ""
    public var clientAddress = "unknown"
    public var scheme = "http"
    /// Set by the body-limit middleware from `SHEAF_MAX_BODY_BYTES`.
    public var maxUploadSize = 1_048_576
    /// Shared with the outer middleware (the access log), which sees an earlier copy.
    public let facts = RequestFacts()
    /// Set by ``AuthMiddleware`` when the request carried a valid session token. Handlers
    /// never read it: they get a non-optional caller from ``AuthenticatedContext``.
    var session: Caller?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = Self.describe(source.channel.remoteAddress)
    }

    static func describe(_ address: SocketAddress?) -> String? {
        guard let address else { return nil }
        return address.ipAddress ?? address.pathname.map { _ in "unix" }
    }
}

/// The context of a route that needs a signed-in user: it can only be made from a
/// request that carried a valid session, so a handler on such a route always has its
/// caller, and an anonymous request is answered 401 before any handler runs.
public struct AuthenticatedContext: ChildRequestContext, SheafContext {
    public typealias ParentContext = SheafRequestContext
    public var coreContext: CoreRequestContextStorage
    public let requestID: String
    public let clientAddress: String
    public let scheme: String
    public let maxUploadSize: Int
    /// The signed-in user and their memberships.
    public let caller: Caller

    /// The one place an anonymous request is refused (401).
    public init(context: SheafRequestContext) throws {
        guard let caller = context.session else { throw DomainError.unauthenticated }
        coreContext = context.coreContext
        requestID = context.requestID
        clientAddress = context.clientAddress
        scheme = context.scheme
        maxUploadSize = context.maxUploadSize
        self.caller = caller
    }
}
