import Domain
import Foundation

/// JSON snapshots for the audit trail (never secrets): one snapshot type per entity
/// (`…Snapshot`, synthesized `Encodable`), written with ``SheafJSON`` so that their
/// keys are the `snake_case` of their property names, like the wire's.
enum AuditJSON {
    /// A user: every value as text, as the trail has always stored it.
    struct UserSnapshot: Encodable, Sendable {
        let id: String
        let email: String
        let name: String
        let role: String
        let active: String
        let clientId: String
        let timeZone: String

        init(_ user: User) {
            id = user.id.description
            email = user.email
            name = user.name
            role = user.role.rawValue
            active = user.isActive ? "true" : "false"
            clientId = user.clientID?.description ?? ""
            timeZone = user.timeZone
        }
    }

    static func user(_ user: User) throws -> String {
        try encode(UserSnapshot(user))
    }

    static func encode(_ value: some Encodable) throws -> String {
        try SheafJSON.string(value)
    }
}
