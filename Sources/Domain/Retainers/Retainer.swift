public import Foundation

/// A project's retainer as stored (SPEC §2 Retainer): its terms, the notes for the
/// next renewal, and the version that guards replacing it. A project has at most one,
/// whatever its billing model.
public struct Retainer: Hashable, Sendable {
    /// The longest renewal note kept.
    public static let maximumNotesLength = 4000

    /// The project the retainer belongs to (also its identity).
    public let projectID: ProjectID
    /// The validated terms.
    public var terms: RetainerTerms
    /// Free text for whoever prepares the renewal.
    public var renewalNotes: String
    /// Whether each period's invoice is issued by itself (else it waits as a draft).
    public var autoIssue: Bool
    /// Incremented by every replace; the ETag.
    public var version: Int
    /// When it was created.
    public let createdAt: Date
    /// When it was last replaced.
    public var updatedAt: Date

    /// Creates a retainer from stored or validated values.
    public init(
        projectID: ProjectID,
        terms: RetainerTerms,
        renewalNotes: String,
        autoIssue: Bool = false,
        version: Int,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.projectID = projectID
        self.terms = terms
        self.renewalNotes = renewalNotes
        self.autoIssue = autoIssue
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Checks renewal notes: at most ``maximumNotesLength`` characters.
    /// - Throws: ``DomainError/invalid(_:)`` on `renewal_notes`.
    public static func validNotes(_ notes: String) throws(DomainError) -> String {
        guard notes.count <= maximumNotesLength else {
            throw .invalid(field: "renewal_notes", message: "must be at most \(maximumNotesLength) characters")
        }
        return notes
    }
}

extension RetainerPeriods {
    /// The first day of the first period that has not ended on `today`: the earliest
    /// date a new overage rate may take effect, since an ended period keeps the rate it
    /// had (it is billed, or about to be). The start date before the first period ends;
    /// the day after the end date once the retainer is over.
    /// - Throws: ``DomainError/invalid(_:)`` on `date` near 9999-12-31.
    public static func firstOpenDay(_ terms: RetainerTerms, today: LocalDate) throws(DomainError) -> LocalDate {
        let ended = try periods(terms, through: today).filter { isComplete($0, today: today) }
        return ended.last?.endExclusive ?? terms.startDate
    }

    /// Whether `period` has ended on `today` (its last day is before `today`).
    public static func isComplete(_ period: RetainerPeriod, today: LocalDate) -> Bool {
        period.endExclusive <= today
    }
}
