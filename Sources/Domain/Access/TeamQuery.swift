/// Filters of the team listing.
public struct TeamQuery: Sendable {
    /// Teams whose (lowercased name, id) sorts after this key.
    public var after: (name: String, id: TeamID)?
    public var limit: Int

    public init(after: (name: String, id: TeamID)? = nil, limit: Int = 50) {
        self.after = after
        self.limit = limit
    }
}
