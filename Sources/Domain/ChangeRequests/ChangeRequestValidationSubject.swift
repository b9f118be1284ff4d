/// What a client agrees to for a change request (issue 5 item 3): the content
/// frozen when it was quoted.
public struct ChangeRequestValidationSubject: Hashable, Sendable {
    /// How the change is priced.
    public enum Quote: Hashable, Sendable {
        /// A fixed quoted amount.
        case fixed(Money)
        /// Time and materials at an hourly rate.
        case hourly(HourlyRate)
    }

    /// The agency's name, as shown to the client.
    public let agencyName: String
    /// The project's name.
    public let projectName: String
    /// The project's code.
    public let projectCode: String
    /// The change request.
    public let changeRequestID: ChangeRequestID
    /// Its reference within the project (`CR-3`), when numbered.
    public let reference: String?
    /// Its title, when it has one.
    public let title: String?
    /// What changes, as quoted.
    public let description: String
    /// The estimated work, if estimated.
    public let estimatedMinutes: Int?
    /// The price agreed.
    public let quote: Quote

    /// Creates a change-request subject.
    public init(
        agencyName: String,
        projectName: String,
        projectCode: String,
        changeRequestID: ChangeRequestID,
        description: String,
        estimatedMinutes: Int?,
        quote: Quote,
        reference: String? = nil,
        title: String? = nil
    ) {
        self.agencyName = agencyName
        self.projectName = projectName
        self.projectCode = projectCode
        self.changeRequestID = changeRequestID
        self.description = description
        self.estimatedMinutes = estimatedMinutes
        self.quote = quote
        self.reference = reference
        self.title = title
    }
}
