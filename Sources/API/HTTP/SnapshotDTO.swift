import Foundation
import Services

/// An entity on the wire that is its audit snapshot (the same keys, the same values)
/// with its `version`, and `created_at` where it has one: one type for both, so the
/// keys are spelt once.
struct SnapshotDTO<Snapshot: Encodable & Sendable>: Encodable, Sendable {
    let snapshot: Snapshot
    let version: Int
    let createdAt: Date?

    private enum ExtraKeys: CodingKey { case version, createdAt }

    func encode(to encoder: any Encoder) throws {
        try snapshot.encode(to: encoder)
        var container = encoder.container(keyedBy: ExtraKeys.self)
        try container.encode(version, forKey: .version)
        try container.encodeIfPresent(createdAt, forKey: .createdAt)
    }
}
