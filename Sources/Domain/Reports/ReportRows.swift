/// One client's unpaid balances in one currency, by ageing bucket, as of a day.
public struct ReceivableBalances: Sendable, Hashable {
    public let clientID: ClientID
    public let clientName: String
    public let currency: Currency
    public let openInvoices: Int
    /// Minor units per bucket, in ``AgeingBucket/receivables`` order.
    public let buckets: [AgeingBucket: Int64]
    public var totalMinor: Int64 { buckets.values.reduce(0, +) }

    public init(clientID: ClientID, clientName: String, currency: Currency, openInvoices: Int, buckets: [AgeingBucket: Int64]) {
        self.clientID = clientID
        self.clientName = clientName
        self.currency = currency
        self.openInvoices = openInvoices
        self.buckets = buckets
    }
}

/// How long one client took to pay the invoices it settled in the last 12 months.
public struct PaymentDelay: Sendable, Hashable {
    public let clientID: ClientID
    public let clientName: String
    public let settledInvoices: Int64
    public let totalDays: Int64

    public init(clientID: ClientID, clientName: String, settledInvoices: Int64, totalDays: Int64) {
        self.clientID = clientID
        self.clientName = clientName
        self.settledInvoices = settledInvoices
        self.totalDays = totalDays
    }
}

/// Invoiced, credited and collected amounts of one month, client and currency.
public struct RevenueCell: Sendable, Hashable {
    public let month: String
    public let clientID: ClientID
    public let clientName: String
    public let currency: Currency
    public let invoicedMinor: Int64
    public let creditedMinor: Int64
    public let collectedMinor: Int64

    public init(month: String, clientID: ClientID, clientName: String, currency: Currency, invoicedMinor: Int64, creditedMinor: Int64, collectedMinor: Int64) {
        self.month = month
        self.clientID = clientID
        self.clientName = clientName
        self.currency = currency
        self.invoicedMinor = invoicedMinor
        self.creditedMinor = creditedMinor
        self.collectedMinor = collectedMinor
    }
}

/// What one task or one person of a project consumed, as of a day.
public struct BudgetBreakdownLine: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case task
        case person
    }

    public let kind: Kind
    public let id: String
    public let name: String
    public let minutes: Int64
    /// Billable value at the captured rates, in the project's currency.
    public let valueMinor: Int64
    /// Cost at the captured cost rates (entries with an unknown cost excluded).
    public let costMinor: Int64
    public let unknownCostEntries: Int64
    /// The task's estimate (tasks only).
    public let estimatedMinutes: Int64?

    public init(kind: Kind, id: String, name: String, minutes: Int64, valueMinor: Int64, costMinor: Int64, unknownCostEntries: Int64, estimatedMinutes: Int64?) {
        self.kind = kind
        self.id = id
        self.name = name
        self.minutes = minutes
        self.valueMinor = valueMinor
        self.costMinor = costMinor
        self.unknownCostEntries = unknownCostEntries
        self.estimatedMinutes = estimatedMinutes
    }
}

/// Minutes and value of a project's approved time over some days.
public struct BurnFigures: Sendable, Hashable {
    public let minutes: Int64
    public let valueMinor: Int64

    public init(minutes: Int64, valueMinor: Int64) {
        self.minutes = minutes
        self.valueMinor = valueMinor
    }
}

/// Logged minutes of one collaborator in one ISO week.
public struct WeekMinutes: Sendable, Hashable {
    public let userID: UserID
    /// The Monday of the week.
    public let week: LocalDate
    public let billableMinutes: Int64
    public let nonBillableMinutes: Int64

    public init(userID: UserID, week: LocalDate, billableMinutes: Int64, nonBillableMinutes: Int64) {
        self.userID = userID
        self.week = week
        self.billableMinutes = billableMinutes
        self.nonBillableMinutes = nonBillableMinutes
    }
}
