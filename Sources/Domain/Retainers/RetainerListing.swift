/// A retainer with what the retainer report shows about its project and client.
public struct RetainerListing: Sendable {
    public let retainer: Retainer
    public let scope: ProjectScope
    public let projectName: String
    public let projectCode: String
    public let clientName: String

    public init(retainer: Retainer, scope: ProjectScope, projectName: String, projectCode: String, clientName: String) {
        self.retainer = retainer
        self.scope = scope
        self.projectName = projectName
        self.projectCode = projectCode
        self.clientName = clientName
    }
}
