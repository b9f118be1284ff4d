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
