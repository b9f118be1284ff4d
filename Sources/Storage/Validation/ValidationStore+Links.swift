public import Domain
public import Foundation
public import Postgres

extension ValidationStore {
    /// Replaces the link of a pending request: the old link stops working (its nonce no
    /// longer matches) and the new one expires at `expiresAt`. False when the request
    /// is no longer pending.
    public func replaceLink(
        of id: ValidationID, nonceHash: Data, expiresAt: Date, on tx: PostgresTransaction
    ) async throws -> Bool {
        try await tx.execute(
            """
            UPDATE validations SET link_nonce_hash = \(nonceHash), link_expires_at = \(expiresAt), link_used_at = NULL
            WHERE id = \(id) AND status = 'pending'
            """) == 1
    }

    /// The name and e-mail of the person who asked the client (the request's
    /// `requested_by`): whom a client whose link no longer works can ask for a new one.
    public func requester(of id: ValidationID, on db: some PostgresQueryable) async throws -> (name: String, email: String)? {
        try await db.queryOptional(
            "SELECT u.name, u.email FROM validations v JOIN users u ON u.id = v.requested_by WHERE v.id = \(id)"
        ).map { row in (try row.decode("name"), try row.decode("email")) }
    }
}
