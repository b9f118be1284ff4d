/// The role of a user, which decides what the server lets them do (SPEC §3).
///
/// Raw values are the wire and database spellings.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// The owner or finance person: issues invoices, sets rates, reads profitability.
    case admin
    /// A team lead or project manager: runs the projects of the teams they lead.
    case manager
    /// A collaborator who logs time and expenses.
    case member
    /// A contact of one client: validates work and reads that client's data only.
    case client

    /// Whether the role belongs to the agency's own staff (everyone but client contacts).
    public var isStaff: Bool { self != .client }
}
