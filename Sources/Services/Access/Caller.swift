public import Domain
import Storage

/// Who is calling a use case and from where: every service method takes one.
public struct Caller: Sendable {
    public let user: User
    /// The session the request came with (nil for the command line).
    public let sessionID: SessionID?
    public let origin: RequestOrigin

    public init(user: User, sessionID: SessionID?, origin: RequestOrigin) {
        self.user = user
        self.sessionID = sessionID
        self.origin = origin
    }

    public var actor: Policy.Actor { user.actor }
}
