public import Domain
public import Postgres

extension ClientStore {
    /// The clients whose name is one of `names`, compared without case (imports name
    /// clients, not ids).
    public func named(_ names: [String], on db: some PostgresQueryable) async throws -> [Client] {
        let lowered = Array(Set(names.map { $0.lowercased() }))
        guard !lowered.isEmpty else { return [] }
        return try await db.query("SELECT \(Self.columns) FROM clients c WHERE lower(c.name) = ANY(\(lowered)::text[])", Self.decode)
    }
}
