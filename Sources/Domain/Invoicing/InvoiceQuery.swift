/// Filters of `GET /invoices` (issue 12 item 12).
public struct InvoiceQuery: Sendable {
    public var status: InvoiceStatus?
    public var clientID: ClientID?
    public var projectID: ProjectID?
    public var kind: InvoiceKind?
    public var issuedFrom: LocalDate?
    public var issuedTo: LocalDate?
    public var number: String?
    /// Only issued documents (client contacts never see drafts).
    public var issuedOnly = false
    /// Only documents billing these teams' projects (managers); nil for all.
    public var teamIDs: Set<TeamID>?
    public var limit = 50
    /// Keyset cursor: the last document of the previous page.
    public var after: InvoiceID?

    public init() {}
}
