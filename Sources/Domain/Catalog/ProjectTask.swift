public import Foundation

/// A task or phase of a project (SPEC §2): time is categorised by task, and only a
/// billable task's time can be billed.
public struct ProjectTask: Hashable, Sendable {
    public let id: TaskID
    public let projectID: ProjectID
    /// Unique within the project, case-insensitively.
    public var name: String
    public var isBillable: Bool
    public var estimatedMinutes: Int?
    /// The task's own VAT rate (basis points, one of the agency's rates); nil = the
    /// agency's standard rate.
    public var vatRateBP: Int?
    /// An archived task keeps its time but takes no new entries.
    public var isArchived: Bool
    /// Optimistic-concurrency version; becomes the ETag.
    public var version: Int
    public let createdAt: Date

    public init(
        id: TaskID, projectID: ProjectID, name: String, isBillable: Bool, estimatedMinutes: Int?, isArchived: Bool, version: Int,
        createdAt: Date, vatRateBP: Int? = nil
    ) {
        self.vatRateBP = vatRateBP
        self.id = id
        self.projectID = projectID
        self.name = name
        self.isBillable = isBillable
        self.estimatedMinutes = estimatedMinutes
        self.isArchived = isArchived
        self.version = version
        self.createdAt = createdAt
    }

    /// Every rule a task must satisfy, as field errors.
    public var problems: [FieldError] {
        var validation = Validation()
        validation.require(CatalogText.isName(name), field: "name", message: "must be 1 to 200 characters")
        if let estimatedMinutes {
            validation.require(estimatedMinutes > 0, field: "estimated_minutes", message: "must be more than 0")
            validation.require(estimatedMinutes <= Project.maximumMinutes, field: "estimated_minutes", message: "is too large")
        }
        return validation.errors
    }
}
