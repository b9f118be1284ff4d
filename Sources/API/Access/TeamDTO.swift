import Domain
import Services

/// A team on the wire, with the ids of its members and of its leads: its audit
/// snapshot and its version.
typealias TeamDTO = SnapshotDTO<TeamSnapshot>

extension SnapshotDTO where Snapshot == TeamSnapshot {
    init(_ team: Team) {
        self.init(snapshot: TeamSnapshot(team), version: team.version, createdAt: nil)
    }
}
