/// The facts about an invoice (or credit note) that authorization needs,
/// loaded by the service.
public struct InvoiceScope: Hashable, Sendable {
    /// The invoice.
    public let id: InvoiceID
    /// The client the invoice is addressed to.
    public let clientID: ClientID
    /// The teams running the projects the invoice bills.
    public let projectTeamIDs: Set<TeamID>
    /// Whether the invoice has been issued (drafts are internal to the agency).
    public let isIssued: Bool

    /// Creates an invoice scope.
    public init(id: InvoiceID, clientID: ClientID, projectTeamIDs: Set<TeamID>, isIssued: Bool) {
        self.id = id
        self.clientID = clientID
        self.projectTeamIDs = projectTeamIDs
        self.isIssued = isIssued
    }
}
