/// Which piece of work a billable item or an invoice line link is: the row it lives
/// in, or for a retainer the project and the period's first day.
public enum BillableReference: Sendable, Hashable {
    case timeEntry(TimeEntryID)
    case expense(ExpenseID)
    case milestone(MilestoneID)
    case changeRequest(ChangeRequestID)
    case retainerFee(ProjectID, periodFrom: LocalDate)
    case retainerOverage(ProjectID, periodFrom: LocalDate)

    public var kind: BillableKind {
        switch self {
        case .timeEntry: .time
        case .expense: .expense
        case .milestone: .milestone
        case .changeRequest: .changeRequest
        case .retainerFee: .retainerFee
        case .retainerOverage: .retainerOverage
        }
    }

    /// A stable text id for the wire: the row's UUID, or `<project>/<period from>` for a retainer period.
    public var id: String {
        switch self {
        case .timeEntry(let id): id.description
        case .expense(let id): id.description
        case .milestone(let id): id.description
        case .changeRequest(let id): id.description
        case .retainerFee(let project, let from), .retainerOverage(let project, let from): "\(project)/\(from)"
        }
    }
}

/// The facts of a time entry a draft needs to group it into lines.
public struct BillableTime: Sendable, Hashable {
    public let taskID: TaskID
    public let taskName: String
    public let userID: UserID
    public let userName: String
    public let minutes: Int
    public let note: String
    public let rate: HourlyRate

    public init(taskID: TaskID, taskName: String, userID: UserID, userName: String, minutes: Int, note: String, rate: HourlyRate) {
        self.taskID = taskID
        self.taskName = taskName
        self.userID = userID
        self.userName = userName
        self.minutes = minutes
        self.note = note
        self.rate = rate
    }
}

/// One thing that is billable and not yet on any invoice (issue 12 item 3), priced
/// as it would be billed alone.
public struct BillableItem: Sendable, Hashable {
    public let reference: BillableReference
    public let clientID: ClientID
    public let projectID: ProjectID
    public let projectName: String
    /// When it became billable work: the work or expense date, the milestone's
    /// acceptance, the change request's acceptance, a retainer period's first day
    /// (fee) or last day (overage). Its age counts from here.
    public let date: LocalDate
    public let description: String
    public let quantity: InvoiceQuantity
    public let unitPrice: UnitPrice
    /// `round(quantity × unit price)`.
    public let amount: Money
    /// The item's own VAT rate (a task's or an expense's), nil for the agency's standard rate.
    public let vatRateBP: Int?
    /// For time entries: what grouping needs.
    public let time: BillableTime?

    public var kind: BillableKind { reference.kind }

    public init(
        reference: BillableReference, clientID: ClientID, projectID: ProjectID, projectName: String, date: LocalDate,
        description: String, quantity: InvoiceQuantity, unitPrice: UnitPrice, vatRateBP: Int?, time: BillableTime? = nil
    ) throws(DomainError) {
        self.reference = reference
        self.clientID = clientID
        self.projectID = projectID
        self.projectName = projectName
        self.date = date
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.amount = try InvoiceLineNet.of(quantity, at: unitPrice)
        self.vatRateBP = vatRateBP
        self.time = time
    }

    /// Whole days since it became billable (0 on the day itself).
    public func ageDays(today: LocalDate) -> Int {
        max(0, date.days(until: today))
    }
}
