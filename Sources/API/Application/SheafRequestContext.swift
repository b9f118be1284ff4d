import Foundation
public import Hummingbird
public import Services
public import Storage
import Domain
public import Foundation
import NIOCore

/// Per-request state shared by middleware and controllers.
public struct SheafRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The socket peer, before any proxy header is considered.
    public let peerAddress: String?
    /// `X-Request-Id` as received (if well-formed) or generated; echoed on the response.
    public var requestID = ""
    /// The client's address: the peer, or what a trusted proxy says the client was.
    public var clientAddress = "unknown"
    /// `https` when the server terminates TLS itself or a trusted proxy says the client used HTTPS.
    public var scheme = "http"
    /// Set by the body-limit middleware from `SHEAF_MAX_BODY_BYTES`.
    public var maxUploadSize = 1_048_576
    /// The authenticated caller, when the request carried a valid session token.
    public var caller: Caller?
    /// When the caller's session expires (idle or absolute, whichever comes first).
    public var sessionExpiresAt: Date?

    /// Who an `Idempotency-Key` belongs to: the authenticated user; nil for anonymous requests.
    public var idempotencyScope: String? { caller.map { "user:\($0.user.id)" } }

    /// The caller, or 401 for an anonymous request.
    public func requireCaller() throws -> Caller {
        guard let caller else { throw DomainError.unauthenticated }
        return caller
    }

    /// Where a change came from, for the audit trail.
    public var origin: RequestOrigin { RequestOrigin(requestID: requestID, clientAddress: clientAddress) }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = Self.describe(source.channel.remoteAddress)
    }

    static func describe(_ address: SocketAddress?) -> String? {
        guard let address else { return nil }
        return address.ipAddress ?? address.pathname.map { _ in "unix" }
    }
}
