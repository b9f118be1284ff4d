import Foundation
public import Hummingbird
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
    /// Who an `Idempotency-Key` belongs to; set by authentication, nil for anonymous requests.
    public var idempotencyScope: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = Self.describe(source.channel.remoteAddress)
    }

    static func describe(_ address: SocketAddress?) -> String? {
        guard let address else { return nil }
        return address.ipAddress ?? address.pathname.map { _ in "unix" }
    }
}
