public import Domain
import Foundation
public import Postgres
import Storage

/// What an admin gives to create an account.
public struct NewUser: Sendable {
    public var email: String
    public var name: String
    public var role: Role
    public var password: String
    public var clientID: ClientID?
    public var timeZone: String?

    public init(email: String, name: String, role: Role, password: String, clientID: ClientID? = nil, timeZone: String? = nil) {
        self.email = email
        self.name = name
        self.role = role
        self.password = password
        self.clientID = clientID
        self.timeZone = timeZone
    }
}

/// Accounts: creation and the first admin. (Listing, updates and deactivation live in
/// `UserService+Manage.swift`.)
public struct UserService: Sendable {
    let pool: PostgresPool
    let clock: any WallClock
    let hasher: PasswordHasher
    let users = UserStore()
    let sessions = SessionStore()
    let audit = AuditStore()

    public init(pool: PostgresPool, clock: any WallClock, hasher: PasswordHasher) {
        self.pool = pool
        self.clock = clock
        self.hasher = hasher
    }

    /// Creates an account (admin only). The password is checked against the policy and
    /// stored as a bcrypt hash; the audit event never contains it.
    public func create(_ new: NewUser, caller: Caller) async throws -> User {
        try Policy.require(caller.actor, .manageUsers, .agency)
        return try await insert(new, actor: caller.user.id, origin: caller.origin)
    }

    /// The first admin, from the command line (`sheaf create-admin`): no caller exists yet.
    public func createAdmin(email: String, name: String, password: String) async throws -> User {
        try await insert(NewUser(email: email, name: name, role: .admin, password: password), actor: nil, origin: .commandLine)
    }

    private func insert(_ new: NewUser, actor: UserID?, origin: RequestOrigin) async throws -> User {
        let account = try await prepareAccount(new)
        try await pool.withTransaction { tx in
            try await insertAccount(account, actor: actor, origin: origin, on: tx)
        }
        return account.user
    }

    /// The field errors of a new account: its email, name, time zone, password and
    /// client. The one place these rules are checked, for every way of creating one.
    static func problems(of new: NewUser) -> [FieldError] {
        var validation = Validation()
        validation.add(contentsOf: Email.problems(new.email))
        validation.add(contentsOf: User.problems(name: new.name, timeZone: new.timeZone))
        validation.add(contentsOf: PasswordPolicy.problems(password: new.password, email: new.email))
        if new.role == .client, new.clientID == nil {
            validation.add(field: "client_id", message: "is required for a client contact")
        }
        if new.role != .client, new.clientID != nil {
            validation.add(field: "client_id", message: "is only for users with the client role")
        }
        return validation.errors
    }

    /// Checks a new account (422 with every problem) and hashes its password, so that
    /// ``insertAccount(_:actor:origin:on:)`` can write it inside any transaction.
    func prepareAccount(_ new: NewUser) async throws -> PreparedAccount {
        var validation = Validation()
        validation.add(contentsOf: Self.problems(of: new))
        try validation.throwIfInvalid()
        let email = try Email(new.email)
        // bcrypt costs about 0.3 s on purpose: refuse a taken email before paying for it
        // (the unique constraint still decides a race between two creations).
        if try await users.credentials(email: email.address, on: pool) != nil { throw DomainError.emailTaken }
        let hash = try await hasher.hash(new.password)
        let user = User(
            id: .random(), email: email.address, name: new.name.trimmingCharacters(in: .whitespacesAndNewlines), role: new.role,
            isActive: true, clientID: new.clientID, timeZone: new.timeZone ?? "UTC", version: 1, createdAt: clock.now())
        return PreparedAccount(user: user, passwordHash: hash)
    }

    /// Writes a prepared account and its audit event (never the password) in `tx`.
    func insertAccount(_ account: PreparedAccount, actor: UserID?, origin: RequestOrigin, on tx: PostgresTransaction) async throws {
        try await users.insert(account.user, passwordHash: account.passwordHash, on: tx)
        try await audit.append(
            AuditEntry(
                action: .userCreated, subjectType: .user, subjectID: account.user.id.description, after: try AuditJSON.user(account.user)),
            actor: actor, origin: origin, on: tx)
    }
}

/// A checked new account with its password hash, not yet written.
struct PreparedAccount: Sendable {
    let user: User
    let passwordHash: String
}
