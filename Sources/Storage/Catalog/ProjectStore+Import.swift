public import Domain
public import Postgres

extension ProjectStore {
    /// The projects an import may mean: those of `clients` named one of `names`, and any
    /// project whose code is one of `codes` (codes are unique across clients). Without
    /// case, as names and codes are compared.
    public func matching(
        clients: [ClientID], names: [String], codes: [String], on db: some PostgresQueryable
    ) async throws -> [Project] {
        let lowered = Array(Set(names.map { $0.lowercased() }))
        let loweredCodes = Array(Set(codes.map { $0.lowercased() }))
        return try await db.query(
            """
            SELECT \(Self.columns) FROM projects p
            WHERE (p.client_id = ANY(\(clients)::uuid[]) AND lower(p.name) = ANY(\(lowered)::text[]))
               OR lower(p.code) = ANY(\(loweredCodes)::text[])
            """, Self.decode)
    }
}
