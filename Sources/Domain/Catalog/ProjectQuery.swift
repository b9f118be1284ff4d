/// Filters of the project listing.
public struct ProjectQuery: Sendable {
    public var visibility: CatalogVisibility
    public var clientID: ClientID?
    public var teamID: TeamID?
    public var status: ProjectStatus?
    public var billingModel: BillingModel?
    /// Projects whose (lowercased name, id) sorts after this key.
    public var after: (name: String, id: ProjectID)?
    public var limit: Int

    public init(
        visibility: CatalogVisibility = .nothing, clientID: ClientID? = nil, teamID: TeamID? = nil, status: ProjectStatus? = nil,
        billingModel: BillingModel? = nil, after: (name: String, id: ProjectID)? = nil, limit: Int = 50
    ) {
        self.visibility = visibility
        self.clientID = clientID
        self.teamID = teamID
        self.status = status
        self.billingModel = billingModel
        self.after = after
        self.limit = limit
    }
}
