public import Foundation

/// A person at a client (SPEC §2 "contacts"), optionally with their own `client` login.
public struct ClientContact: Hashable, Sendable {
    public let id: ID<ClientContact>
    public let clientID: ClientID
    public var name: String
    public var email: String
    public var phone: String
    public var jobTitle: String
    /// The contact's own account (role `client`), when they were given one.
    public var userID: UserID?
    /// A billing contact: receives the client's invoices and their reminders by e-mail.
    public var receivesInvoices: Bool
    /// Optimistic-concurrency version; becomes the ETag.
    public var version: Int
    public let createdAt: Date

    public init(
        id: ID<ClientContact>, clientID: ClientID, name: String, email: String, phone: String, jobTitle: String, userID: UserID?,
        version: Int, createdAt: Date, receivesInvoices: Bool = false
    ) {
        self.receivesInvoices = receivesInvoices
        self.id = id
        self.clientID = clientID
        self.name = name
        self.email = email
        self.phone = phone
        self.jobTitle = jobTitle
        self.userID = userID
        self.version = version
        self.createdAt = createdAt
    }

    /// Every rule a contact must satisfy, as field errors (the email's syntax included).
    public var problems: [FieldError] {
        var validation = Validation()
        validation.require(CatalogText.isName(name), field: "name", message: "must be 1 to 200 characters")
        validation.add(contentsOf: Email.problems(email))
        validation.require(phone.count <= 50, field: "phone", message: "must be at most 50 characters")
        validation.require(jobTitle.count <= 200, field: "job_title", message: "must be at most 200 characters")
        return validation.errors
    }
}
