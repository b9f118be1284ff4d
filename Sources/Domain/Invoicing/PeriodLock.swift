public import Foundation

/// A closed month of a client (issue 12 item 10): no time or expense dated in it may
/// change until it is reopened.
public struct PeriodLock: Sendable, Hashable {
    public let clientID: ClientID
    public let clientName: String
    /// The month's first day.
    public let month: LocalDate
    public let closedAt: Date
    /// Who closed it; nil once that account is gone.
    public let closedBy: String?

    public init(clientID: ClientID, clientName: String, month: LocalDate, closedAt: Date, closedBy: String?) {
        self.clientID = clientID
        self.clientName = clientName
        self.month = month
        self.closedAt = closedAt
        self.closedBy = closedBy
    }
}
