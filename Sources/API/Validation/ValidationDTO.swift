import Domain
import Foundation
import Services

/// A validation record on the wire. `content` is the exact canonical JSON the client
/// is shown, as a string: hashing its UTF-8 bytes with SHA-256 gives `content_digest`.
/// Every field is present, with explicit `null`s, so clients see one shape; `link`
/// (the signed link) only in the answer that created the request. The period is
/// `from`/`to` (both included) like every date range of the API.
struct ValidationDTO: Encodable, Sendable {
    let id: ValidationID
    let kind: ValidationContent.Kind
    let projectId: ProjectID
    @Nullable var from: LocalDate?
    @Nullable var to: LocalDate?
    let status: ValidationRecord.Status
    let content: String
    let contentDigest: String
    let entryIds: [TimeEntryID]
    let expenseIds: [ExpenseID]
    @Nullable var subjectId: String?
    let requestedBy: UserID
    let requestedAt: Date
    @Nullable var linkExpiresAt: Date?
    @Nullable var linkUsedAt: Date?
    @Nullable var decision: ValidationRecord.Decision?
    @Nullable var decidedVia: ValidationRecord.Channel?
    @Nullable var decidedBy: UserID?
    @Nullable var decidedByName: String?
    @Nullable var decidedAt: Date?
    @Nullable var comment: String?
    /// The disputed entries a timesheet rejection named (sorted; empty otherwise).
    let disputedEntryIds: [TimeEntryID]
    @Nullable var clientAddress: String?
    let link: String?

    init(_ record: ValidationRecord, link: String? = nil) {
        id = record.id
        kind = record.kind
        projectId = record.projectID
        from = record.periodFrom
        to = record.periodTo
        status = record.status
        content = record.content
        contentDigest = record.contentDigest
        entryIds = record.entryIDs
        expenseIds = record.expenseIDs
        subjectId = record.subjectID.map { $0.uuidString.lowercased() }
        requestedBy = record.requestedBy
        requestedAt = record.requestedAt
        linkExpiresAt = record.linkExpiresAt
        linkUsedAt = record.linkUsedAt
        decision = record.decision
        decidedVia = record.decidedVia
        decidedBy = record.decidedBy
        decidedByName = record.decidedByName
        decidedAt = record.decidedAt
        comment = record.comment
        disputedEntryIds = record.disputedEntryIDs
        clientAddress = record.clientAddress
        self.link = link
    }
}
