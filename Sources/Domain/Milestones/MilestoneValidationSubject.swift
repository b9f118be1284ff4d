/// What a client accepts for a milestone (issue 5 item 2): its name, amount or
/// percentage of the contract, due date and acceptance criteria.
public struct MilestoneValidationSubject: Hashable, Sendable {
    /// The agency's name, as shown to the client.
    public let agencyName: String
    /// The project's name.
    public let projectName: String
    /// The project's code.
    public let projectCode: String
    /// The milestone.
    public let milestoneID: MilestoneID
    /// The milestone's name.
    public let name: String
    /// The amount billed when accepted (for a percentage milestone, already computed).
    public let amount: Money
    /// The share of the contract in basis points (3000 = 30 %); `nil` for a fixed amount.
    public let basisPoints: Int?
    /// When it is due, if a date was set.
    public let dueDate: LocalDate?
    /// The acceptance criteria, as written.
    public let criteria: String

    /// Creates a milestone subject.
    public init(
        agencyName: String,
        projectName: String,
        projectCode: String,
        milestoneID: MilestoneID,
        name: String,
        amount: Money,
        basisPoints: Int?,
        dueDate: LocalDate?,
        criteria: String
    ) {
        self.agencyName = agencyName
        self.projectName = projectName
        self.projectCode = projectCode
        self.milestoneID = milestoneID
        self.name = name
        self.amount = amount
        self.basisPoints = basisPoints
        self.dueDate = dueDate
        self.criteria = criteria
    }
}
