public import Domain
import Foundation
import Postgres
import Storage

extension ClientValidationService {
    /// A new signed link for a request still waiting for the client — the first one
    /// expired or was lost. The old link stops working at once. Only those who may ask
    /// the client (the admin, the project's team lead) may do it.
    /// - Throws: 404 for an unknown request (or one the caller may not know of), 403
    ///   for a caller who may not ask, 422 for a bad lifetime, 409 once decided or superseded.
    public func reissueLink(_ id: ValidationID, expiresInHours: Int, caller: Caller) async throws -> IssuedValidation {
        try ValidationRecord.checkLinkHours(expiresInHours)
        return try await pool.withTransaction { tx in
            guard let found = try await validations.findForUpdate(id, on: tx),
                let scope = try await scopes.scope(found.record.projectID, on: tx)
            else { throw DomainError.notFound(entity: "validation") }
            try Policy.require(caller.actor, .requestClientValidation, .project(scope), entity: "validation")
            try found.record.requirePending()
            let link = signer.issue(for: id)
            var record = found.record
            record.linkExpiresAt = clock.now().addingTimeInterval(TimeInterval(expiresInHours) * 3600)
            record.linkUsedAt = nil
            guard try await validations.replaceLink(of: id, nonceHash: link.nonceHash, expiresAt: record.linkExpiresAt!, on: tx) else {
                throw DomainError.conflict("This validation request was decided meanwhile.")
            }
            try await audit.append(
                AuditEntry(
                    action: .validationLinkReissued, subjectType: .validation, subjectID: id.description,
                    before: try AuditJSON.encode(["link_expires_at": found.record.linkExpiresAt.map(\.description) ?? ""]),
                    after: try AuditJSON.encode(["link_expires_at": record.linkExpiresAt.map(\.description) ?? ""])),
                actor: caller.user.id, origin: caller.origin, on: tx)
            return IssuedValidation(record: record, token: link.token)
        }
    }
}

extension ClientValidationService {
    /// The link of `token` under `publicURL` (`SHEAF_PUBLIC_URL`; "" gives a relative link).
    public static func linkURL(_ publicURL: String, token: String) -> String {
        "\(publicURL)/api/v1/validation-links/\(token)"
    }

    /// Fresh signed links for the requests of `ids` still waiting for the client, valid
    /// for ``ValidationRecord/defaultLinkHours`` — what a progress summary e-mail carries
    /// (issue 14 item 6). As with ``reissueLink(_:expiresInHours:caller:)``, each earlier
    /// link of those requests stops working; each new one is audited (by no user: the job).
    /// In the caller's transaction, so a summary that is not sent mints nothing.
    /// - Returns: the token of each request that was still pending.
    func freshLinks(for ids: [ValidationID], on tx: PostgresTransaction) async throws -> [ValidationID: String] {
        var tokens: [ValidationID: String] = [:]
        let expiresAt = clock.now().addingTimeInterval(TimeInterval(ValidationRecord.defaultLinkHours) * 3600)
        for id in ids {
            let link = signer.issue(for: id)
            guard try await validations.replaceLink(of: id, nonceHash: link.nonceHash, expiresAt: expiresAt, on: tx) else { continue }
            try await audit.append(
                AuditEntry(
                    action: .validationLinkReissued, subjectType: .validation, subjectID: id.description,
                    after: try AuditJSON.encode(["link_expires_at": expiresAt.description, "reason": "progress summary"])),
                actor: nil, origin: RequestOrigin(requestID: nil, clientAddress: "job"), on: tx)
            tokens[id] = link.token
        }
        return tokens
    }
}
