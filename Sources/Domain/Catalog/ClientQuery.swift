/// Filters of the client listing.
public struct ClientQuery: Sendable {
    /// Only this client (a client contact's listing).
    public var onlyClientID: ClientID?
    public var archived: Bool?
    /// Clients whose (lowercased name, id) sorts after this key.
    public var after: (name: String, id: ClientID)?
    public var limit: Int

    public init(onlyClientID: ClientID? = nil, archived: Bool? = nil, after: (name: String, id: ClientID)? = nil, limit: Int = 50) {
        self.onlyClientID = onlyClientID
        self.archived = archived
        self.after = after
        self.limit = limit
    }
}
