import Domain
import Foundation

/// A validation record on the wire. `content` is the exact canonical JSON the client
/// is shown, as a string: hashing its UTF-8 bytes with SHA-256 gives `content_digest`.
/// `link` (the signed link) is only present in the answer that created the request.
struct ValidationDTO: Encodable, Sendable {
    let record: ValidationRecord
    let link: String?

    init(_ record: ValidationRecord, link: String? = nil) {
        self.record = record
        self.link = link
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, status, content, decision, comment, link
        case projectID = "project_id"
        case periodFrom = "period_from"
        case periodTo = "period_to"
        case contentDigest = "content_digest"
        case entryIDs = "entry_ids"
        case expenseIDs = "expense_ids"
        case disputedEntryIDs = "disputed_entry_ids"
        case subjectID = "subject_id"
        case requestedBy = "requested_by"
        case requestedAt = "requested_at"
        case linkExpiresAt = "link_expires_at"
        case linkUsedAt = "link_used_at"
        case decidedVia = "decided_via"
        case decidedBy = "decided_by"
        case decidedByName = "decided_by_name"
        case decidedAt = "decided_at"
        case clientAddress = "client_address"
    }

    /// Every field, with explicit `null`s, so clients see one shape.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record.id, forKey: .id)
        try container.encode(record.kind, forKey: .kind)
        try container.encode(record.projectID, forKey: .projectID)
        try container.encode(record.periodFrom, forKey: .periodFrom)
        try container.encode(record.periodTo, forKey: .periodTo)
        try container.encode(record.status, forKey: .status)
        try container.encode(record.content, forKey: .content)
        try container.encode(record.contentDigest, forKey: .contentDigest)
        try container.encode(record.entryIDs, forKey: .entryIDs)
        try container.encode(record.expenseIDs, forKey: .expenseIDs)
        try container.encode(record.subjectID.map { $0.uuidString.lowercased() }, forKey: .subjectID)
        try container.encode(record.requestedBy, forKey: .requestedBy)
        try container.encode(record.requestedAt, forKey: .requestedAt)
        try container.encode(record.linkExpiresAt, forKey: .linkExpiresAt)
        try container.encode(record.linkUsedAt, forKey: .linkUsedAt)
        try container.encode(record.decision, forKey: .decision)
        try container.encode(record.decidedVia, forKey: .decidedVia)
        try container.encode(record.decidedBy, forKey: .decidedBy)
        try container.encode(record.decidedByName, forKey: .decidedByName)
        try container.encode(record.decidedAt, forKey: .decidedAt)
        try container.encode(record.comment, forKey: .comment)
        try container.encode(record.disputedEntryIDs, forKey: .disputedEntryIDs)
        try container.encode(record.clientAddress, forKey: .clientAddress)
        if let link { try container.encode(link, forKey: .link) }
    }
}
