/// An active staff member, as an import matches people.
public struct StaffMember: Sendable, Hashable {
    public let id: UserID
    public let email: String
    public let name: String

    public init(id: UserID, email: String, name: String) {
        self.id = id
        self.email = email
        self.name = name
    }
}
