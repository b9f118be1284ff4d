import Domain
import Services

/// The agency settings on the wire (SPEC §2): their audit snapshot and their version.
typealias SettingsDTO = SnapshotDTO<SettingsSnapshot>

extension SnapshotDTO where Snapshot == SettingsSnapshot {
    init(_ settings: AgencySettings) {
        self.init(snapshot: SettingsSnapshot(settings), version: settings.version, createdAt: nil)
    }
}
