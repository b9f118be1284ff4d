public import Foundation

/// A typed identifier: a UUID that also says which kind of entity it names,
/// so a `ProjectID` can never be passed where a `ClientID` is expected.
///
/// `Entity` is a phantom tag (see ``IDTag``); it is never stored.
/// Encodes as a bare lowercase UUID string, e.g. `"0f8fad5b-d9cb-469f-a165-70867728950e"`.
public struct ID<Entity>: Hashable, Sendable {
    /// The underlying UUID.
    public let uuid: UUID

    /// Wraps an existing UUID.
    public init(_ uuid: UUID) {
        self.uuid = uuid
    }

    /// Parses a UUID string in either case; `nil` when it is not a UUID.
    public init?(uuidString: String) {
        guard let uuid = UUID(uuidString: uuidString) else { return nil }
        self.uuid = uuid
    }

    /// A new random (version 4) identifier.
    public static func random() -> ID {
        ID(UUID())
    }
}

extension ID: LosslessStringConvertible {
    /// Parses a UUID string in either case; `nil` when it is not a UUID.
    /// (This conformance lets HTTP routers decode path parameters as typed ids.)
    public init?(_ description: String) {
        self.init(uuidString: description)
    }

    /// The lowercase UUID string, as PostgreSQL prints it.
    public var description: String { uuid.uuidString.lowercased() }
}

extension ID: Codable {
    /// Decodes a bare UUID string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let uuid = UUID(uuidString: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected a UUID.")
        }
        self.uuid = uuid
    }

    /// Encodes a bare lowercase UUID string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Phantom tags for ``ID``. They have no cases and are never instantiated;
/// they live in this namespace so the names stay free for real entity types.
public enum IDTag {
    /// Tags a ``UserID``.
    public enum User {}
    /// Tags a ``TeamID``.
    public enum Team {}
    /// Tags a ``ClientID``.
    public enum Client {}
    /// Tags a ``ProjectID``.
    public enum Project {}
    /// Tags a ``TaskID``.
    public enum Task {}
    /// Tags a ``SessionID``.
    public enum Session {}
    /// Tags a ``TimeEntryID``.
    public enum TimeEntry {}
    /// Tags an ``ExpenseID``.
    public enum Expense {}
    /// Tags an ``InvoiceID``.
    public enum Invoice {}
    /// Tags a ``MilestoneID``.
    public enum Milestone {}
    /// Tags a ``ChangeRequestID``.
    public enum ChangeRequest {}
}

/// Identifies a user (collaborator or client contact).
public typealias UserID = ID<IDTag.User>
/// Identifies a team.
public typealias TeamID = ID<IDTag.Team>
/// Identifies a client.
public typealias ClientID = ID<IDTag.Client>
/// Identifies a project.
public typealias ProjectID = ID<IDTag.Project>
/// Identifies a task (phase) of a project.
public typealias TaskID = ID<IDTag.Task>
/// Identifies a login session (never the session token itself).
public typealias SessionID = ID<IDTag.Session>
/// Identifies a time entry.
public typealias TimeEntryID = ID<IDTag.TimeEntry>
/// Identifies an expense.
public typealias ExpenseID = ID<IDTag.Expense>
/// Identifies an invoice or credit note.
public typealias InvoiceID = ID<IDTag.Invoice>
/// Identifies a milestone.
public typealias MilestoneID = ID<IDTag.Milestone>
/// Identifies a change request.
public typealias ChangeRequestID = ID<IDTag.ChangeRequest>
